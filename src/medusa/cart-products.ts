/** The products in a cart, read through Medusa's Query: the context of cart recommendations. */
import type { GraphQuery } from "./graph-query"

interface CartRecord {
  id: string
  items?: Array<{ product_id?: string | null } | null> | null
}

/** The distinct product ids of the cart's items, in item order; null when there is no such cart. */
export async function readCartProductIds(query: GraphQuery, cartId: string): Promise<string[] | null> {
  const { data } = await query.graph({ entity: "cart", fields: ["id", "items.product_id"], filters: { id: cartId } })
  const cart = (data as CartRecord[]).find((record) => record?.id === cartId)
  if (!cart) return null
  const ids = (cart.items ?? []).map((item) => item?.product_id).filter((id): id is string => typeof id === "string" && id !== "")
  return [...new Set(ids)]
}
