/**
 * "For you": a customer's own history scored through the "similar" neighbours, blended with
 * buy-again, filled up with popular products (and only popular ones without history).
 *   profile      u_i = Σ_{orders o of the customer holding i} 0.5^(age_o / profileHalfLifeDays)
 *   neighbours   a_j = Σ_i u_i · s(i → j)
 *   buy-again    b_i = Σ_{orders o holding i} 0.5^(age_o / buyAgainHalfLifeDays) · ρ_i^γ   (buy-again.ts)
 *   score        ((1 - λ) · a_j / max a + λ · b_j / max b) · t_j^δ
 * with s(i → j) the similar model's list weights and t_j the product's trend ratio (trend.ts).
 * λ is 0 when the store has no repeat purchases and unused when purchased products are
 * excluded. Per-customer lists are computed on demand from the customer's history (the model
 * stores per-product lists only), so a new order changes the customer's list without a refit.
 */
import type { OrderHistory } from "../data/types"
import type { SerializedEstimator } from "../learners/types"
import { repeatRates } from "./buy-again"
import {
  productMapping,
  purchasesFromLines,
  purchasesOfCustomer,
  type CustomerPurchases,
  type PurchaseLine,
} from "./customer-purchases"
import { decayWeight } from "./decay"
import { resolveFitInput, type FitOptions } from "./fit-input"
import { FOR_YOU_DEFAULTS, validateForYouOptions, type ForYouOptions, type ScoringOptions } from "./for-you-options"
import { forYouStateFromJSON, forYouStateToJSON, type ForYouState } from "./for-you-format"
import { indexHistory, isIndexedHistory, type IndexedHistory } from "./indexed-history"
import { ItemToItemRecommender } from "./item-to-item"
import { fillUp, type RecommendationList, type ScoredProduct } from "./lists"
import { checkAsOf, checkListLength } from "./option-checks"
import { roundScore } from "./round"
import { ScoreAccumulator } from "./score-accumulator"
import { fromStoredParams } from "./serialized"
import { trendRatios } from "./trend"

export const FOR_YOU_TYPE = "for-you-recommender"
export const FOR_YOU_VERSION = 1

export interface CustomerListOptions {
  /** Leave out every product the customer already bought. @defaultValue false */
  excludePurchased?: boolean
  /** Reference time (epoch ms) of the recency weights. @defaultValue the asOf of the fit */
  asOf?: number
}

export interface CustomerListsOptions extends CustomerListOptions {
  /** Only these customers (those without lines in the history get popular lists). @defaultValue every customer of the history */
  customerIds?: Iterable<string>
}

interface LearnedForYou {
  similar: ItemToItemRecommender
  rates: Float64Array
  trend: Float64Array
  repeatPairs: number
  asOf: number
}

interface FittedForYou extends LearnedForYou {
  /** t_j^δ per product. */
  trendFactor: Float64Array
  /** Reused by every query (queries run one at a time). */
  scratch: { profile: ScoreAccumulator; neighbours: ScoreAccumulator; again: ScoreAccumulator }
}

export class ForYouRecommender {
  readonly options: ForYouOptions
  private state: FittedForYou | null = null

  constructor(options: Partial<ForYouOptions> = {}) {
    this.options = validateForYouOptions({ ...FOR_YOU_DEFAULTS, ...options })
  }

  fit(history: OrderHistory | IndexedHistory, fitOptions: FitOptions = {}): this {
    const { indexed, asOf } = resolveFitInput(history, fitOptions)
    const similar = new ItemToItemRecommender(this.options.similar).fit(indexed, { asOf })
    const { rates, repeatPairs } = repeatRates(indexed)
    const { trendRecentDays: recentDays, trendBaselineDays: baselineDays } = this.options
    const trend = trendRatios(indexed, asOf, { recentDays, baselineDays }).ratios.map(roundScore)
    this.setState({ similar, rates, trend, repeatPairs, asOf })
    return this
  }

  private setState(learned: LearnedForYou): void {
    const productCount = learned.rates.length
    const scratch = {
      profile: new ScoreAccumulator(productCount),
      neighbours: new ScoreAccumulator(productCount),
      again: new ScoreAccumulator(productCount),
    }
    const trendFactor = learned.trend.map((ratio) => Math.pow(ratio, this.options.trendExponent))
    this.state = { ...learned, trendFactor, scratch }
  }

  private fitted(): FittedForYou {
    if (this.state === null) throw new Error("ForYouRecommender is not fitted: call fit() or fromJSON() first")
    return this.state
  }

  /**
   * A recommender with other scoring options sharing this one's fitted neighbours, repeat rates
   * and trend ratios (so the neighbour options and the trend windows stay as fitted).
   */
  withScoring(scoring: Partial<ScoringOptions>): ForYouRecommender {
    const copy = new ForYouRecommender({ ...this.options, ...scoring, similar: this.options.similar })
    copy.setState(this.fitted())
    return copy
  }

  /** True when some customer of the training history bought a product in two orders or more. */
  hasRepeatPurchases(): boolean {
    return this.fitted().repeatPairs > 0
  }

  /** λ as applied: the option, or 0 when the history had no repeat purchases. */
  effectiveBlendWeight(): number {
    return this.hasRepeatPurchases() ? this.options.blendWeight : 0
  }

  /** The "similar" item-to-item model inside. */
  similar(): ItemToItemRecommender {
    return this.fitted().similar
  }

  /** The customer's n best products from their purchase lines (any order; empty for a new customer). */
  forCustomer(lines: readonly PurchaseLine[], n: number, options: CustomerListOptions = {}): ScoredProduct[] {
    const { similar } = this.fitted()
    return this.rank(purchasesFromLines(lines, similar.neighbourLists().productIndex), checkListLength(n), options)
  }

  /** The stored top-n of each customer of `history` (or of options.customerIds), in the history's customer order. */
  topNForCustomers(
    history: OrderHistory | IndexedHistory,
    n: number,
    options: CustomerListsOptions = {},
  ): RecommendationList[] {
    checkListLength(n)
    const indexed = isIndexedHistory(history) ? history : indexHistory(history)
    const mapping = productMapping(indexed, this.fitted().similar.neighbourLists().productIndex)
    const customerNumber = new Map(indexed.customerIds.map((id, at) => [id, at]))
    const wanted = options.customerIds === undefined ? indexed.customerIds : Array.from(new Set(options.customerIds))
    return wanted.map((sourceId) => {
      const customer = customerNumber.get(sourceId)
      const purchases: CustomerPurchases =
        customer === undefined
          ? { products: new Int32Array(0), times: new Float64Array(0), purchasedIds: new Set() }
          : purchasesOfCustomer(indexed, customer, mapping)
      return { sourceId, items: this.rank(purchases, n, options) }
    })
  }

  private rank(purchases: CustomerPurchases, n: number, options: CustomerListOptions): ScoredProduct[] {
    const { similar, rates, trendFactor, scratch } = this.fitted()
    const { profile, neighbours, again } = scratch
    const asOf = options.asOf === undefined ? this.fitted().asOf : checkAsOf(options.asOf)
    const excludePurchased = options.excludePurchased === true
    const { profileHalfLifeDays, buyAgainHalfLifeDays, repeatRateExponent } = this.options
    const { productIds, table } = similar.neighbourLists()

    purchases.products.forEach((product, at) => {
      const age = asOf - purchases.times[at]
      profile.add(product, decayWeight(age, profileHalfLifeDays))
      again.add(product, decayWeight(age, buyAgainHalfLifeDays))
    })
    profile.forEachTouched((source, weight) => {
      for (let at = table.start[source]; at < table.start[source + 1]; at++) {
        neighbours.add(table.ids[at], weight * table.scores[at])
      }
    })
    const blend = excludePurchased ? 0 : this.effectiveBlendWeight()
    const neighbourScale = (1 - blend) / (neighbours.max() || 1)
    let againMax = 0
    again.forEachTouched((product, count) => {
      again.scores[product] = count * Math.pow(rates[product], repeatRateExponent)
      againMax = Math.max(againMax, again.scores[product])
    })
    // The blend is summed into the neighbour accumulator.
    neighbours.forEachTouched((product, score) => {
      neighbours.scores[product] = score * neighbourScale
    })
    if (blend > 0) again.forEachTouched((product, score) => neighbours.add(product, (blend * score) / againMax))
    neighbours.forEachTouched((product, score) => {
      neighbours.scores[product] = score * trendFactor[product]
    })

    if (excludePurchased) again.forEachTouched((product) => neighbours.exclude(product))
    const items = neighbours.best(n).map(({ product, score }) => ({ productId: productIds[product], score }))
    profile.clear()
    neighbours.clear()
    again.clear()
    const excluded = (productId: string): boolean => excludePurchased && purchases.purchasedIds.has(productId)
    return fillUp(items, n, similar.popularity().fallback(), excluded)
  }

  toJSON(): SerializedEstimator<Omit<ForYouOptions, "similar">, ForYouState> {
    const { similar, ...params } = this.options
    const { similar: similarModel, rates, trend, repeatPairs, asOf } = this.fitted()
    return {
      type: FOR_YOU_TYPE,
      version: FOR_YOU_VERSION,
      params,
      state: forYouStateToJSON(similarModel, { rates, trend, repeatPairs, asOf }),
    }
  }

  static fromJSON(json: SerializedEstimator): ForYouRecommender {
    const { params, similar, rates, trend, repeatPairs, asOf } = forYouStateFromJSON(json, FOR_YOU_TYPE, FOR_YOU_VERSION)
    const model = fromStoredParams(FOR_YOU_TYPE, () => new ForYouRecommender({ ...params, similar: similar.options }))
    model.setState({ similar, rates, trend, repeatPairs, asOf })
    return model
  }
}
