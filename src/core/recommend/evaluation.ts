/**
 * The offline protocols recommenders are judged by: fit on the lines before a window, then
 * compare the recommendations with what was bought in the window. Products first sold in the
 * window are dropped from every truth (no model could know them).
 * - new items: per customer with history, the distinct products bought in the window that they
 *   had not bought before; their past products are excluded from the candidates;
 * - repeats allowed: per customer with history, every distinct product bought in the window;
 * - baskets (frequently bought together): every order of the window with at least 2 known
 *   products; the last one (in order of first appearance) is hidden and predicted from the
 *   others, given sorted by product id so that their order carries no hint.
 */
import type { OrderHistory, OrderLine } from "../data/types"
import {
  catalogueCoverage,
  hitRateAtK,
  meanOverUsers,
  mrrAtK,
  ndcgAtK,
  precisionAtK,
  recallAtK,
  type RankingCase,
} from "../metrics/ranking"
import type { ForYouRecommender } from "./for-you"
import { indexHistory, isIndexedHistory, type IndexedHistory } from "./indexed-history"
import type { ItemToItemRecommender } from "./item-to-item"

export interface CustomerCase {
  customerId: string
  truth: Set<string>
}

export interface BasketCase {
  /** The order's other products, sorted by product id. */
  given: string[]
  hidden: string
}

export interface RecommendationCases {
  newItems: CustomerCase[]
  repeatsAllowed: CustomerCase[]
  baskets: BasketCase[]
  /** Distinct products of the training history. */
  catalogueSize: number
}

export interface RankingSummary {
  cases: number
  precision: number
  recall: number
  ndcg: number
  hitRate: number
  mrr: number
  /** Distinct products in all top-k lists / catalogue size. */
  coverage: number
}

/** Cases for the three protocols: `train` is what the model saw, `window` the lines after it. */
export function buildRecommendationCases(
  train: OrderHistory | IndexedHistory,
  window: readonly OrderLine[],
): RecommendationCases {
  const indexed = isIndexedHistory(train) ? train : indexHistory(train)
  const past = pastProducts(indexed)
  const known = indexed.productIndex
  const bought = new Map<string, Set<string>>()
  const orders = new Map<string, string[]>()
  for (const line of window) {
    if (!known.has(line.productId)) continue
    const products = bought.get(line.customerId) ?? new Set<string>()
    bought.set(line.customerId, products.add(line.productId))
    const orderKey = `${line.customerId}\u0000${line.orderId}`
    const basket = orders.get(orderKey) ?? []
    if (!basket.includes(line.productId)) basket.push(line.productId)
    orders.set(orderKey, basket)
  }
  const newItems: CustomerCase[] = []
  const repeatsAllowed: CustomerCase[] = []
  for (const [customerId, truth] of bought) {
    const before = past.get(customerId)
    if (before === undefined) continue
    repeatsAllowed.push({ customerId, truth })
    const fresh = new Set([...truth].filter((productId) => !before.has(productId)))
    if (fresh.size > 0) newItems.push({ customerId, truth: fresh })
  }
  const baskets: BasketCase[] = []
  for (const basket of orders.values()) {
    if (basket.length < 2) continue
    const given = basket.slice(0, -1).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
    baskets.push({ given, hidden: basket[basket.length - 1] })
  }
  return { newItems, repeatsAllowed, baskets, catalogueSize: indexed.productIds.length }
}

function pastProducts(indexed: IndexedHistory): Map<string, Set<string>> {
  const past = new Map<string, Set<string>>()
  indexed.customerIds.forEach((customerId, customer) => {
    const products = new Set<string>()
    for (let k = indexed.customerStart[customer]; k < indexed.customerStart[customer + 1]; k++) {
      const order = indexed.customerOrders[k]
      for (let at = indexed.orderStart[order]; at < indexed.orderStart[order + 1]; at++) {
        products.add(indexed.productIds[indexed.orderProducts[at]])
      }
    }
    past.set(customerId, products)
  })
  return past
}

/** Means of the ranking metrics at k over the cases, and the catalogue coverage of their lists. */
export function summarizeRankings(cases: readonly RankingCase<string>[], k: number, catalogueSize: number): RankingSummary {
  return {
    cases: cases.length,
    precision: meanOverUsers(cases, precisionAtK, k),
    recall: meanOverUsers(cases, recallAtK, k),
    ndcg: meanOverUsers(cases, ndcgAtK, k),
    hitRate: meanOverUsers(cases, hitRateAtK, k),
    mrr: meanOverUsers(cases, mrrAtK, k),
    coverage: catalogueCoverage(
      cases.map((item) => item.ranked.slice(0, k)),
      catalogueSize,
    ),
  }
}

export interface CustomerEvaluationOptions {
  k: number
  excludePurchased: boolean
  catalogueSize: number
}

/** Scores a "for you" model on customer cases; `train` supplies each customer's history. */
export function evaluateForYou(
  model: ForYouRecommender,
  train: OrderHistory | IndexedHistory,
  cases: readonly CustomerCase[],
  options: CustomerEvaluationOptions,
): RankingSummary {
  const truthOf = new Map(cases.map((item) => [item.customerId, item.truth]))
  const lists = model.topNForCustomers(train, options.k, {
    excludePurchased: options.excludePurchased,
    customerIds: truthOf.keys(),
  })
  const ranked = lists.map((list) => ({
    ranked: list.items.map((item) => item.productId),
    truth: truthOf.get(list.sourceId) ?? new Set<string>(),
  }))
  return summarizeRankings(ranked, options.k, options.catalogueSize)
}

/** Scores basket completion: each case's cart is its given products, its truth the hidden one. */
export function evaluateBasketCompletion(
  model: ItemToItemRecommender,
  cases: readonly BasketCase[],
  options: { k: number; catalogueSize: number },
): RankingSummary {
  const ranked = cases.map((item) => ({
    ranked: model.forCart(item.given, options.k).map((scored) => scored.productId),
    truth: new Set([item.hidden]),
  }))
  return summarizeRankings(ranked, options.k, options.catalogueSize)
}
