/**
 * "For you": a customer's own history scored through the "similar" neighbours, blended with
 * buy-again, filled up with popular products (and only popular ones without history).
 *   profile      u_i = Σ_{orders o of the customer holding i} 0.5^(age_o / profileHalfLifeDays)
 *   neighbours   a_j = Σ_i u_i · s(i → j)
 *   buy-again    b_i = Σ_{orders o holding i} 0.5^(age_o / buyAgainHalfLifeDays) · ρ_i^γ   (buy-again.ts)
 *   score        ((1 - λ) · a_j / max a + λ · b_j / max b) · t_j^δ
 * with s(i → j) the similar model's list weights and t_j the product's trend ratio (trend.ts),
 * computed customer by customer in for-you-scorer.ts. λ is 0 when the store has no repeat
 * purchases and unused when purchased products are excluded. Per-customer lists are computed
 * on demand from the customer's history (the model stores per-product lists only), so a new
 * order changes the customer's list without a refit.
 */
import type { OrderHistory } from "../data/types"
import type { SerializedEstimator } from "../learners/types"
import { repeatRates } from "./buy-again"
import {
  productMapping,
  purchasesFromLines,
  PurchaseReader,
  type CustomerPurchases,
  type PurchaseLine,
} from "./customer-purchases"
import { ForYouScorer } from "./for-you-scorer"
import { resolveFitInput, type FitOptions } from "./fit-input"
import { FOR_YOU_DEFAULTS, validateForYouOptions, type ForYouOptions, type ScoringOptions } from "./for-you-options"
import { forYouStateFromJSON, forYouStateToJSON, type ForYouState } from "./for-you-format"
import { indexHistory, isIndexedHistory, type IndexedHistory } from "./indexed-history"
import { ItemToItemRecommender } from "./item-to-item"
import { fillUp, type RecommendationList, type ScoredProduct } from "./lists"
import { checkAsOf, checkListLength } from "./option-checks"
import { roundScore } from "./round"
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
  scorer: ForYouScorer
}

/** A customer's stored lists both ways: "customer" keeps what they bought, "customer_new" leaves it out. */
export interface CustomerListPair {
  withPurchased: RecommendationList[]
  newOnly: RecommendationList[]
}

const NO_PURCHASES: CustomerPurchases = {
  products: new Int32Array(0),
  times: new Float64Array(0),
  isPurchased: () => false,
}

const NOTHING_EXCLUDED = (): boolean => false

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
    const trendFactor = learned.trend.map((ratio) => Math.pow(ratio, this.options.trendExponent))
    const { productIds, table } = learned.similar.neighbourLists()
    const scorer = new ForYouScorer({ productIds, table, rates: learned.rates, trendFactor })
    this.state = { ...learned, trendFactor, scorer }
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
    const { similar, asOf } = this.fitted()
    const purchases = purchasesFromLines(lines, similar.neighbourLists().productIndex)
    const at = options.asOf === undefined ? asOf : checkAsOf(options.asOf)
    return this.rank(purchases, checkListLength(n), options.excludePurchased === true, at)
  }

  /** The stored top-n of each customer of `history` (or of options.customerIds), in the history's customer order. */
  topNForCustomers(
    history: OrderHistory | IndexedHistory,
    n: number,
    options: CustomerListsOptions = {},
  ): RecommendationList[] {
    const lists: RecommendationList[] = []
    checkListLength(n)
    this.forEachCustomer(history, options, (sourceId, purchases, asOf) => {
      lists.push({ sourceId, items: this.rank(purchases, n, options.excludePurchased === true, asOf) })
    })
    return lists
  }

  /**
   * topNForCustomers with excludePurchased false (withPurchased) and true (newOnly), each
   * customer's history and neighbour lists read once for both: the same lists as two calls.
   */
  topNForCustomersBothWays(
    history: OrderHistory | IndexedHistory,
    n: number,
    options: Omit<CustomerListsOptions, "excludePurchased"> = {},
  ): CustomerListPair {
    const pair: CustomerListPair = { withPurchased: [], newOnly: [] }
    checkListLength(n)
    const { similar, scorer } = this.fitted()
    const fallback = similar.popularity().fallback()
    const blend = this.effectiveBlendWeight()
    this.forEachCustomer(history, options, (sourceId, purchases, asOf) => {
      scorer.load(purchases, asOf, this.options)
      const best = scorer.bestBothWays(n, blend)
      pair.withPurchased.push({ sourceId, items: fillUp(best.withPurchased, n, fallback, NOTHING_EXCLUDED) })
      pair.newOnly.push({ sourceId, items: fillUp(best.newOnly, n, fallback, purchases.isPurchased) })
    })
    return pair
  }

  /**
   * Calls `visit` with the purchases of each wanted customer, in order (none for a customer
   * unknown to `history`); the purchases are only valid during the call.
   */
  private forEachCustomer(
    history: OrderHistory | IndexedHistory,
    options: CustomerListsOptions,
    visit: (sourceId: string, purchases: CustomerPurchases, asOf: number) => void,
  ): void {
    const indexed = isIndexedHistory(history) ? history : indexHistory(history)
    const reader = new PurchaseReader(indexed, productMapping(indexed, this.fitted().similar.neighbourLists().productIndex))
    const asOf = options.asOf === undefined ? this.fitted().asOf : checkAsOf(options.asOf)
    const { customerIds } = indexed
    if (options.customerIds === undefined) {
      for (let customer = 0; customer < customerIds.length; customer++) {
        visit(customerIds[customer], reader.of(customer), asOf)
      }
      return
    }
    const customerNumber = new Map(customerIds.map((id, at) => [id, at]))
    for (const sourceId of new Set(options.customerIds)) {
      const customer = customerNumber.get(sourceId)
      visit(sourceId, customer === undefined ? NO_PURCHASES : reader.of(customer), asOf)
    }
  }

  /** The customer's n best products, filled up with popular ones. */
  private rank(purchases: CustomerPurchases, n: number, excludePurchased: boolean, asOf: number): ScoredProduct[] {
    const { similar, scorer } = this.fitted()
    scorer.load(purchases, asOf, this.options)
    const items = scorer.best(n, this.effectiveBlendWeight(), excludePurchased)
    return fillUp(items, n, similar.popularity().fallback(), excludePurchased ? purchases.isPurchased : NOTHING_EXCLUDED)
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
