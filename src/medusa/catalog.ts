/**
 * The published products of the store, with the data a storefront needs to render a
 * recommendation (id, title, handle, thumbnail) and their sales channels, so lists
 * can be narrowed to what a publishable key may show.
 */
import { readPages, type GraphQuery } from "./graph-query"

export interface CatalogProduct {
  id: string
  title: string
  handle: string
  thumbnail: string | null
  status: string
  salesChannelIds: string[]
}

export interface ReadCatalogOptions {
  /** Only products available in this sales channel. @defaultValue every channel */
  salesChannelId?: string
  /** Products fetched per Query call. @defaultValue 500 */
  pageSize?: number
}

interface ProductRecord {
  id: string
  title?: string | null
  handle?: string | null
  thumbnail?: string | null
  status?: string | null
  sales_channels?: Array<{ id?: string | null } | null> | null
}

export const CATALOG_FIELDS = ["id", "title", "handle", "thumbnail", "status", "sales_channels.id"]

/** Published products (in `salesChannelId` when given), ordered by id. */
export async function readCatalog(query: GraphQuery, options: ReadCatalogOptions = {}): Promise<CatalogProduct[]> {
  const pageSize = options.pageSize ?? 500
  if (!Number.isInteger(pageSize) || pageSize < 1) throw new RangeError(`pageSize must be a whole number above 0, got ${pageSize}`)
  const products: CatalogProduct[] = []
  await readPages<ProductRecord>(
    query,
    { entity: "product", fields: CATALOG_FIELDS, filters: { status: "published" } },
    { pageSize, order: { id: "ASC" } },
    (records) => {
      for (const record of records) {
        const product = toCatalogProduct(record)
        if (product.status !== "published") continue
        if (options.salesChannelId !== undefined && !product.salesChannelIds.includes(options.salesChannelId)) continue
        products.push(product)
      }
    }
  )
  return products
}

/** A Query product record as a catalog entry. */
export function toCatalogProduct(record: ProductRecord): CatalogProduct {
  return {
    id: record.id,
    title: record.title ?? "",
    handle: record.handle ?? "",
    thumbnail: record.thumbnail ?? null,
    status: record.status ?? "",
    salesChannelIds: (record.sales_channels ?? [])
      .map((channel) => channel?.id)
      .filter((id): id is string => typeof id === "string" && id !== ""),
  }
}
