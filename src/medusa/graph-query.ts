/**
 * The part of Medusa's Query (the container's `ContainerRegistrationKeys.QUERY`) the
 * readers use: `graph` with fields, filters and offset pagination. Declared here, as
 * the readers call it, so tests can pass a hand-made one.
 */

/** Sort directions by field, e.g. `{ created_at: "ASC", id: "ASC" }`. */
export type GraphSort = Record<string, "ASC" | "DESC">

export interface GraphRequest {
  entity: string
  fields: string[]
  filters?: Record<string, unknown>
  pagination?: { skip: number; take: number; order?: GraphSort }
}

export interface GraphResult {
  data: unknown[]
  metadata?: { count?: number; skip?: number; take?: number }
}

/** Medusa's Query, as far as the readers use it. */
export interface GraphQuery {
  graph(request: GraphRequest): Promise<GraphResult>
}

/**
 * Reads every record of a request, `pageSize` at a time, in a stable order, and hands
 * each page to `onPage`. Stops at the first page shorter than `pageSize` (so a store
 * that gains records during the read never makes it loop), letting the event loop run
 * between pages. Returns the pages read.
 */
export async function readPages<T>(
  query: GraphQuery,
  request: Omit<GraphRequest, "pagination">,
  options: { pageSize: number; order: GraphSort },
  onPage: (records: T[]) => void | Promise<void>
): Promise<number> {
  let pages = 0
  for (let skip = 0; ; skip += options.pageSize) {
    const { data } = await query.graph({ ...request, pagination: { skip, take: options.pageSize, order: options.order } })
    pages += 1
    await onPage(data as T[])
    if (data.length < options.pageSize) return pages
    // let requests that arrived meanwhile run before the next page
    await new Promise((resolve) => setImmediate(resolve))
  }
}
