/**
 * Products that go with what a customer bought: the "bought together" lists of their
 * recently bought products, merged. The customer page shows these when the
 * recommendations model stored no list for the customer.
 */
import type { ProductRecommendation } from "./types"

/** Each product once, at its best score over the lists; none the customer bought; best first. */
export function mergePicks(lists: readonly (readonly ProductRecommendation[])[], bought: ReadonlySet<string>, limit: number): ProductRecommendation[] {
  const best = new Map<string, ProductRecommendation>()
  for (const list of lists) {
    for (const entry of list) {
      if (bought.has(entry.product.id)) continue
      const seen = best.get(entry.product.id)
      if (!seen || entry.score > seen.score) best.set(entry.product.id, entry)
    }
  }
  return [...best.values()]
    .sort((a, b) => b.score - a.score || a.product.title.localeCompare(b.product.title))
    .slice(0, limit)
    .map((entry, i) => ({ ...entry, rank: i + 1 }))
}

/** Distinct product ids of orders' items, newest order first, at most `limit`. */
export function recentProductIds(orders: readonly { items?: readonly { product_id?: string | null }[] | null }[], limit: number): string[] {
  const ids: string[] = []
  for (const order of orders) {
    for (const item of order.items ?? []) {
      if (item.product_id && !ids.includes(item.product_id)) ids.push(item.product_id)
    }
  }
  return ids.slice(0, limit)
}
