/**
 * When the store's newest order that a history read keeps was placed: what a rescore that
 * reads only some customers' orders takes its default as-of from, as a read of every order
 * would (the day after its last line).
 */
import { createPricing, readDefaultCurrency, type CurrencyRates } from "./currency-rates"
import type { GraphQuery } from "./graph-query"
import { mapOrder } from "./order-lines"
import { ORDER_FIELDS, type OrderRecord } from "./order-record"

export interface LatestOrderOptions {
  /** Epoch ms, exclusive: only orders placed before it. @defaultValue every order */
  asOf?: number
  /** As readStoreHistory's: the rates decide nothing here, but a rate for the default currency is still refused. @defaultValue {} */
  currencyRates?: CurrencyRates
  /** Orders per Query call while skipping those a read leaves out (drafts, canceled, without customer or lines). @defaultValue 20 */
  pageSize?: number
}

/**
 * Epoch ms of the newest order that readStoreHistory keeps (mapOrder's "kept"), placed
 * before `asOf`; NaN when there is none. Reads newest first and stops at the first one.
 */
export async function readLatestOrderTime(query: GraphQuery, options: LatestOrderOptions = {}): Promise<number> {
  const pricing = createPricing(await readDefaultCurrency(query), options.currencyRates)
  const filters: Record<string, unknown> = { is_draft_order: false }
  if (options.asOf !== undefined) filters.created_at = { $lt: new Date(options.asOf) }
  const pageSize = options.pageSize ?? 20
  for (let skip = 0; ; skip += pageSize) {
    const { data } = await query.graph({
      entity: "order",
      fields: ORDER_FIELDS,
      filters,
      pagination: { skip, take: pageSize, order: { created_at: "DESC", id: "DESC" } },
    })
    for (const order of data as OrderRecord[]) {
      const mapped = mapOrder(order, pricing)
      if (mapped.outcome === "kept") return Math.max(...mapped.lines.map((line) => line.orderedAt))
    }
    if (data.length < pageSize) return Number.NaN
  }
}
