/**
 * Popular and trending products: the fallback that fills every other list and what a customer
 * without history is shown.
 *   popular   p_i = Σ_{orders o holding i} 0.5^(age_o / halfLifeDays)   (recent orders count most)
 *   trending  t_i = (r_i + 1) / (b_i · recentDays / baselineDays + 1)   (trend.ts)
 * with r_i the orders holding i in the last recentDays and b_i those in the last baselineDays,
 * for products with at least minRecentOrders recent orders.
 */
import type { OrderHistory } from "../data/types"
import type { SerializedEstimator } from "../learners/types"
import { decayWeight } from "./decay"
import { resolveFitInput, type FitOptions } from "./fit-input"
import type { IndexedHistory } from "./indexed-history"
import type { ScoredProduct } from "./lists"
import { checkHalfLife, checkInteger, checkListLength } from "./option-checks"
import { roundScore } from "./round"
import { trendRatios } from "./trend"
import { checkHeader, field, finiteNumber, fromStoredParams, halfLifeValue, scoredColumns } from "./serialized"

export const POPULARITY_TYPE = "popularity-recommender"
export const POPULARITY_VERSION = 1

export interface PopularityOptions {
  /** Half-life in days of an order's weight in the popular score; null counts all orders alike. @defaultValue 14 */
  halfLifeDays: number | null
  /** The recent window of the trending score, in days. @defaultValue 14 */
  recentDays: number
  /** The longer window the recent one is compared with, in days (> recentDays). @defaultValue 90 */
  baselineDays: number
  /** Fewest orders in the recent window for a product to be trending. @defaultValue 3 */
  minRecentOrders: number
  /** Products kept in each list (the longest list it can fill). @defaultValue 500 */
  keep: number
}

export const POPULARITY_DEFAULTS: PopularityOptions = {
  // Two weeks: on seasonal catalogues last month's sellers predict next month's far better than the year's.
  halfLifeDays: 14,
  // Two weeks against three months: long enough to count a few orders in a small store.
  recentDays: 14,
  baselineDays: 90,
  // Fewer recent orders than this is noise, not a trend.
  minRecentOrders: 3,
  // Enough to fill lists of 50 after excluding a large cart or a long purchase history.
  keep: 500,
}

interface PopularityState {
  asOf: number
  popular: { productIds: string[]; scores: number[] }
  trending: { productIds: string[]; scores: number[] }
}

function validate(options: PopularityOptions): PopularityOptions {
  const { halfLifeDays, recentDays, baselineDays, minRecentOrders, keep } = options
  checkHalfLife("halfLifeDays", halfLifeDays)
  checkInteger("recentDays", recentDays, 1)
  checkInteger("baselineDays", baselineDays, recentDays + 1)
  checkInteger("minRecentOrders", minRecentOrders, 1)
  checkInteger("keep", keep, 1)
  return { halfLifeDays, recentDays, baselineDays, minRecentOrders, keep }
}

/** The `keep` best products by score (> 0), best first; ties go to the lower product number. */
function ranked(scores: Float64Array, productIds: string[], keep: number): ScoredProduct[] {
  const order: number[] = []
  scores.forEach((score, product) => {
    if (score > 0) order.push(product)
  })
  order.sort((a, b) => scores[b] - scores[a] || a - b)
  return order.slice(0, keep).map((product) => ({ productId: productIds[product], score: roundScore(scores[product]) }))
}

export class PopularityRecommender {
  readonly options: PopularityOptions
  private state: { asOf: number; popular: ScoredProduct[]; trending: ScoredProduct[] } | null = null

  constructor(options: Partial<PopularityOptions> = {}) {
    this.options = validate({ ...POPULARITY_DEFAULTS, ...options })
  }

  fit(history: OrderHistory | IndexedHistory, fitOptions: FitOptions = {}): this {
    const { indexed, asOf } = resolveFitInput(history, fitOptions)
    const { recentDays, baselineDays, minRecentOrders, halfLifeDays, keep } = this.options
    const popular = new Float64Array(indexed.productIds.length)
    for (let order = 0; order < indexed.orderTime.length; order++) {
      const weight = decayWeight(asOf - indexed.orderTime[order], halfLifeDays)
      for (let at = indexed.orderStart[order]; at < indexed.orderStart[order + 1]; at++) {
        popular[indexed.orderProducts[at]] += weight
      }
    }
    const { ratios, recentOrders } = trendRatios(indexed, asOf, { recentDays, baselineDays })
    const trending = ratios.map((ratio, product) => (recentOrders[product] >= minRecentOrders ? ratio : 0))
    this.state = {
      asOf,
      popular: ranked(popular, indexed.productIds, keep),
      trending: ranked(trending, indexed.productIds, keep),
    }
    return this
  }

  private fitted() {
    if (this.state === null) throw new Error("PopularityRecommender is not fitted: call fit() or fromJSON() first")
    return this.state
  }

  /** The n most popular products (fewer when fewer were sold), best first. */
  popular(n: number): ScoredProduct[] {
    return this.fitted().popular.slice(0, checkListLength(n))
  }

  /** The n products selling most above their usual rate, best first. */
  trending(n: number): ScoredProduct[] {
    return this.fitted().trending.slice(0, checkListLength(n))
  }

  /** The whole kept popular ranking, for filling other lists. */
  fallback(): readonly ScoredProduct[] {
    return this.fitted().popular
  }

  toJSON(): SerializedEstimator<PopularityOptions, PopularityState> {
    const { asOf, popular, trending } = this.fitted()
    const columns = (list: ScoredProduct[]) => ({
      productIds: list.map((item) => item.productId),
      scores: list.map((item) => item.score),
    })
    return {
      type: POPULARITY_TYPE,
      version: POPULARITY_VERSION,
      params: { ...this.options },
      state: { asOf, popular: columns(popular), trending: columns(trending) },
    }
  }

  static fromJSON(json: SerializedEstimator): PopularityRecommender {
    checkHeader(json, POPULARITY_TYPE, POPULARITY_VERSION)
    const type = POPULARITY_TYPE
    const param = (name: string): number => finiteNumber(field(json.params, name, type), `params.${name}`, type)
    const model = fromStoredParams(type, () =>
      new PopularityRecommender({
        halfLifeDays: halfLifeValue(field(json.params, "halfLifeDays", type), "params.halfLifeDays", type),
        recentDays: param("recentDays"),
        baselineDays: param("baselineDays"),
        minRecentOrders: param("minRecentOrders"),
        keep: param("keep"),
      }),
    )
    model.state = {
      asOf: finiteNumber(field(json.state, "asOf", type), "state.asOf", type),
      popular: scoredColumns(field(json.state, "popular", type), "state.popular", type),
      trending: scoredColumns(field(json.state, "trending", type), "state.trending", type),
    }
    return model
  }
}
