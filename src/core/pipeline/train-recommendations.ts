/**
 * The recommendation pipeline, shared by the CLI and the Medusa jobs: tune the
 * recommenders on the window before as-of, refit them on everything before it, and
 * produce the top-N lists a storefront reads: per product (similar, bought together),
 * per customer (for you, with and without what they already bought) and store-wide
 * (popular).
 */
import { buildOrderHistory, type OrderHistory } from "../data/types"
import { tuneRecommenders, type RecommenderTuningReport, type ScoredProduct } from "../recommend"
import { createRandom } from "../random"

/**
 * What a stored list is for. "customer" may hold products the customer bought before
 * (buy-again); "customer_new" never does.
 */
export type ListSource = "similar" | "bought_together" | "customer" | "customer_new" | "popular"

export interface RecommendationListEntry {
  sourceType: ListSource
  /** A product id, a customer id, or "*" for the store-wide list. */
  sourceId: string
  items: ScoredProduct[]
}

export interface RecommendationOptions {
  asOf: number
  seed: number
  /** Products per list. */
  limit: number
  /**
   * Candidates per search (three searches).
   * @defaultValue 12
   */
  trials?: number
  onProgress?: (fraction: number) => void
}

export interface RecommendationResult {
  lists: RecommendationListEntry[]
  report: RecommenderTuningReport & { lists: Record<ListSource, number>; timings: Record<string, number> }
}

export function trainRecommendations(all: OrderHistory, options: RecommendationOptions): RecommendationResult {
  const started = performance.now()
  // nothing at or after as-of is read, whoever calls
  const history = all.lastAt < options.asOf ? all : buildOrderHistory(all.lines.filter((line) => line.orderedAt < options.asOf))
  const tuned = tuneRecommenders(history, {
    random: createRandom(options.seed),
    trials: options.trials ?? 12,
    asOf: options.asOf,
    onProgress: options.onProgress ? (done, total) => options.onProgress?.(done / total) : undefined,
  })
  const tunedAt = performance.now()
  const { indexed } = tuned
  const lists: RecommendationListEntry[] = []
  const add = (sourceType: ListSource, entries: { sourceId: string; items: ScoredProduct[] }[]) => {
    for (const entry of entries) if (entry.items.length) lists.push({ sourceType, sourceId: entry.sourceId, items: entry.items })
  }
  add("bought_together", tuned.boughtTogether.topNForAllProducts(options.limit))
  add("similar", tuned.forYou.similar().topNForAllProducts(options.limit))
  const customers = tuned.forYou.topNForCustomersBothWays(indexed, options.limit, { asOf: options.asOf })
  add("customer", customers.withPurchased)
  add("customer_new", customers.newOnly)
  add("popular", [{ sourceId: "*", items: tuned.boughtTogether.popularity().popular(options.limit) }])
  const counts = { similar: 0, bought_together: 0, customer: 0, customer_new: 0, popular: 0 }
  for (const list of lists) counts[list.sourceType] += 1
  return {
    lists,
    report: {
      ...tuned.report,
      lists: counts,
      timings: { tuning: tunedAt - started, lists: performance.now() - tunedAt },
    },
  }
}
