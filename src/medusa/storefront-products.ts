/**
 * The products a storefront may be shown: published and in one of the publishable
 * key's sales channels, with what it renders a recommendation with.
 */
import { CATALOG_FIELDS, toCatalogProduct, type CatalogProduct } from "./catalog"
import type { GraphQuery } from "./graph-query"

/** A product as a storefront renders a recommendation. */
export interface ShownProduct {
  id: string
  title: string
  handle: string
  thumbnail: string | null
}

/** Ids per Query call, so a long candidate list never makes one huge request. */
const IDS_PER_CALL = 200

/** Whether a storefront whose key has these sales channels may show the product. */
export function isShownIn(product: Pick<CatalogProduct, "status" | "salesChannelIds">, salesChannelIds: readonly string[]): boolean {
  return product.status === "published" && product.salesChannelIds.some((id) => salesChannelIds.includes(id))
}

/** Of the given product ids, those shown in the sales channels, by id (unknown ids are left out). */
export async function readShownProducts(
  query: GraphQuery,
  productIds: Iterable<string>,
  salesChannelIds: readonly string[]
): Promise<Map<string, ShownProduct>> {
  const ids = [...new Set(productIds)]
  const shown = new Map<string, ShownProduct>()
  if (salesChannelIds.length === 0) return shown
  for (let start = 0; start < ids.length; start += IDS_PER_CALL) {
    const chunk = ids.slice(start, start + IDS_PER_CALL)
    const { data } = await query.graph({
      entity: "product",
      fields: CATALOG_FIELDS,
      filters: { id: chunk, status: "published" },
      pagination: { skip: 0, take: chunk.length },
    })
    for (const record of data as Parameters<typeof toCatalogProduct>[0][]) {
      const product = toCatalogProduct(record)
      if (!chunk.includes(product.id) || !isShownIn(product, salesChannelIds)) continue
      shown.set(product.id, { id: product.id, title: product.title, handle: product.handle, thumbnail: product.thumbnail })
    }
  }
  return shown
}
