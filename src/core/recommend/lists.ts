/** What every recommender returns: products with their scores, best first. */
export interface ScoredProduct {
  productId: string
  score: number
}

/** The stored top-N of one product (sourceId = its id) or one customer (sourceId = the customer id). */
export interface RecommendationList {
  sourceId: string
  items: ScoredProduct[]
}

/**
 * Appends fallback products (best first, their score) to `items` until it holds n, skipping
 * products already listed and those `excluded` says are not to be shown.
 */
export function fillUp(
  items: ScoredProduct[],
  n: number,
  fallback: readonly ScoredProduct[],
  excluded: (productId: string) => boolean,
): ScoredProduct[] {
  if (items.length >= n) return items
  const listed = new Set(items.map((item) => item.productId))
  for (const candidate of fallback) {
    if (items.length >= n) break
    if (listed.has(candidate.productId) || excluded(candidate.productId)) continue
    listed.add(candidate.productId)
    items.push({ productId: candidate.productId, score: 0 })
  }
  return items
}
