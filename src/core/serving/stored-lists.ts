/**
 * Recommendations answered from stored top-N lists, as the storefront and the
 * `recommend` command serve them: no model runs at request time.
 */
import type { ListSource } from "../pipeline/train-recommendations"
import type { ScoredProduct } from "../recommend"

export type StoredLists = Map<ListSource, Map<string, ScoredProduct[]>>

/** Groups stored rows (in rank order per list) into lists by source. */
export function indexStoredLists(
  rows: Iterable<{ sourceType: string; sourceId: string; productId: string; score: number }>
): StoredLists {
  const lists: StoredLists = new Map()
  for (const row of rows) {
    const source = row.sourceType as ListSource
    let bySource = lists.get(source)
    if (!bySource) lists.set(source, (bySource = new Map()))
    let items = bySource.get(row.sourceId)
    if (!items) bySource.set(row.sourceId, (items = []))
    items.push({ productId: row.productId, score: row.score })
  }
  return lists
}

export interface RecommendationRequest {
  customerId?: string
  /** The cart: never recommended back. */
  productIds: readonly string[]
}

export interface AnswerOptions {
  limit: number
  /** Leave out what the customer bought before (their "customer_new" list instead of "customer"). */
  excludePurchased: boolean
}

/**
 * The top `limit` products for a request: the cart completed from each item's
 * bought-together list (scores summed, each list scaled to a maximum of 1), plus the
 * customer's own list (scaled the same way), then the popular list to fill up.
 * Products in the cart are never returned.
 */
export function answerRequest(lists: StoredLists, request: RecommendationRequest, options: AnswerOptions): ScoredProduct[] {
  const cart = new Set(request.productIds)
  const scores = new Map<string, number>()
  const addList = (items: readonly ScoredProduct[] | undefined) => {
    if (!items?.length) return
    const top = items[0].score > 0 ? items[0].score : 1
    for (const item of items) {
      if (!cart.has(item.productId)) scores.set(item.productId, (scores.get(item.productId) ?? 0) + Math.max(item.score, 0) / top)
    }
  }
  for (const productId of cart) addList(lists.get("bought_together")?.get(productId))
  if (request.customerId) addList(lists.get(options.excludePurchased ? "customer_new" : "customer")?.get(request.customerId))
  const ranked = [...scores.entries()]
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .slice(0, options.limit)
    .map(([productId, score]) => ({ productId, score }))
  for (const item of lists.get("popular")?.get("*") ?? []) {
    if (ranked.length >= options.limit) break
    if (!cart.has(item.productId) && !scores.has(item.productId)) ranked.push({ productId: item.productId, score: 0 })
  }
  return ranked
}
