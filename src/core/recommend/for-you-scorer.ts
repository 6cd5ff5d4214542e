/**
 * The "for you" scores of one customer at a time (formula in for-you.ts), in two steps so that
 * both stored lists of a customer, with and without what they bought, come from one read of
 * their history and of their products' neighbour lists:
 * - load: the recency-weighted profile u_i and buy-again counts, the neighbour sums
 *   a_j = Σ_i u_i · s(i → j) and the buy-again scores b_i = count_i · ρ_i^γ;
 * - best: the n best candidates for a blend weight λ,
 *     score_j = ((1 - λ) · a_j / max a + λ · b_j / max b) · t_j^δ,
 *   computed as each candidate is offered (no pass rewrites the sums, so best can run again
 *   with another λ or with the customer's products excluded).
 * Work per customer is O(purchases + neighbour entries read + candidates).
 */
import type { CustomerPurchases } from "./customer-purchases"
import { decayWeight } from "./decay"
import type { ScoredProduct } from "./lists"
import type { NeighbourTable } from "./neighbour-table"
import { ScoreAccumulator } from "./score-accumulator"
import { TopK } from "./top-k"

/** What the scores are computed from: the fitted model's per-product data. */
export interface ScorerModel {
  productIds: readonly string[]
  /** The "similar" neighbour lists s(i → j). */
  table: NeighbourTable
  /** ρ_i per product. */
  rates: Float64Array
  /** t_i^δ per product. */
  trendFactor: Float64Array
}

/** How a customer's purchases are weighed (ForYouOptions). */
export interface PurchaseWeighting {
  profileHalfLifeDays: number | null
  buyAgainHalfLifeDays: number | null
  repeatRateExponent: number
}

/**
 * Per product p, at p · STRIDE: the neighbour sum a_p, the buy-again count then score b_p, the
 * trend factor t_p^δ and a mark, side by side so that scoring a candidate reads one place.
 */
const STRIDE = 4
const SUM = 0
const AGAIN = 1
const TREND = 2
const MARK = 3
/**
 * The mark is 4 · (the customer's load number) + REACHED + BOUGHT, so that a new load makes
 * every older mark (and the sums beside it) stale without clearing anything.
 */
const REACHED = 1
const BOUGHT = 2

export class ForYouScorer {
  private readonly slots: Float64Array
  private readonly profile: ScoreAccumulator
  /** Products reached by a neighbour list, in the order first reached. */
  private readonly reached: Int32Array
  private reachedCount = 0
  /** Products bought, in the order first bought. */
  private readonly bought: Int32Array
  private boughtCount = 0
  /** 4 · the current load number. */
  private markBase = 0
  private readonly tops: [TopK | null, TopK | null] = [null, null]
  private neighbourMax = 0
  private againMax = 0

  constructor(private readonly model: ScorerModel) {
    const productCount = model.rates.length
    this.slots = new Float64Array(productCount * STRIDE)
    for (let p = 0; p < productCount; p++) this.slots[p * STRIDE + TREND] = model.trendFactor[p]
    this.profile = new ScoreAccumulator(productCount)
    this.reached = new Int32Array(productCount)
    this.bought = new Int32Array(productCount)
  }

  /** REACHED and BOUGHT bits of the product's slot for the current load. */
  private flags(slot: number): number {
    const mark = this.slots[slot + MARK]
    return mark >= this.markBase ? mark - this.markBase : 0
  }

  /** Computes the customer's sums, the previous customer's being forgotten. */
  load(purchases: CustomerPurchases, asOf: number, weighting: PurchaseWeighting): void {
    this.profile.clear()
    this.reachedCount = 0
    this.boughtCount = 0
    this.markBase += 4
    const { profile, slots, markBase } = this
    const { table, rates } = this.model
    const { products, times } = purchases
    for (let at = 0; at < products.length; at++) {
      const product = products[at]
      const age = asOf - times[at]
      profile.add(product, decayWeight(age, weighting.profileHalfLifeDays))
      const count = decayWeight(age, weighting.buyAgainHalfLifeDays)
      const slot = product * STRIDE
      const flags = this.flags(slot)
      if ((flags & BOUGHT) === 0) {
        slots[slot + MARK] = markBase + (flags | BOUGHT)
        slots[slot + AGAIN] = 0
        this.bought[this.boughtCount++] = product
      }
      slots[slot + AGAIN] += count
    }
    for (let t = 0; t < profile.touchedCount; t++) {
      const source = profile.touchedProduct(t)
      const weight = profile.scores[source]
      for (let at = table.start[source]; at < table.start[source + 1]; at++) {
        const product = table.ids[at]
        const slot = product * STRIDE
        const flags = this.flags(slot)
        if ((flags & REACHED) === 0) {
          slots[slot + MARK] = markBase + (flags | REACHED)
          slots[slot + SUM] = 0
          this.reached[this.reachedCount++] = product
        }
        slots[slot + SUM] += weight * table.scores[at]
      }
    }
    let neighbourMax = 0
    for (let t = 0; t < this.reachedCount; t++) neighbourMax = Math.max(neighbourMax, slots[this.reached[t] * STRIDE + SUM])
    this.neighbourMax = neighbourMax
    let againMax = 0
    for (let t = 0; t < this.boughtCount; t++) {
      const product = this.bought[t]
      const slot = product * STRIDE
      const score = slots[slot + AGAIN] * Math.pow(rates[product], weighting.repeatRateExponent)
      slots[slot + AGAIN] = score
      againMax = Math.max(againMax, score)
    }
    this.againMax = againMax
  }

  /**
   * The n best candidates (score > 0), best first, ties to the lower product number: with
   * blend weight λ = `blend`, or without the customer's products (and then λ = 0).
   */
  best(n: number, blend: number, excludePurchased: boolean): ScoredProduct[] {
    const top = this.topOf(n, 0)
    this.offerCandidates(blend, excludePurchased ? null : top, excludePurchased ? top : null)
    return this.drain(top)
  }

  /** best(n, blend, false) and best(n, blend, true) from one pass over the candidates. */
  bestBothWays(n: number, blend: number): { withPurchased: ScoredProduct[]; newOnly: ScoredProduct[] } {
    const withPurchased = this.topOf(n, 0)
    const newOnly = this.topOf(n, 1)
    this.offerCandidates(blend, withPurchased, newOnly)
    return { withPurchased: this.drain(withPurchased), newOnly: this.drain(newOnly) }
  }

  /** Offers every candidate's blended score to `withPurchased` and, unless bought, its λ = 0 score to `newOnly`. */
  private offerCandidates(blend: number, withPurchased: TopK | null, newOnly: TopK | null): void {
    const { slots, againMax, reached, bought } = this
    const blendedScale = (1 - blend) / (this.neighbourMax || 1)
    const plainScale = 1 / (this.neighbourMax || 1)
    for (let t = 0; t < this.reachedCount; t++) {
      const product = reached[t]
      const slot = product * STRIDE
      const isBought = (this.flags(slot) & BOUGHT) !== 0
      const sum = slots[slot + SUM]
      if (withPurchased !== null) {
        let score = sum * blendedScale
        if (blend > 0 && isBought) score += (blend * slots[slot + AGAIN]) / againMax
        score *= slots[slot + TREND]
        if (score > 0) withPurchased.offer(product, score)
      }
      if (newOnly !== null && !isBought) {
        const score = sum * plainScale * slots[slot + TREND]
        if (score > 0) newOnly.offer(product, score)
      }
    }
    if (withPurchased === null || blend === 0) return
    // The customer's products no neighbour list reached.
    for (let t = 0; t < this.boughtCount; t++) {
      const product = bought[t]
      const slot = product * STRIDE
      if ((this.flags(slot) & REACHED) !== 0) continue
      const score = ((blend * slots[slot + AGAIN]) / againMax) * slots[slot + TREND]
      if (score > 0) withPurchased.offer(product, score)
    }
  }

  private drain(top: TopK): ScoredProduct[] {
    const { productIds } = this.model
    const out: ScoredProduct[] = []
    top.drain((product, score) => out.push({ productId: productIds[product], score }))
    return out
  }

  /** The reused heap of capacity n in slot 0 or 1 (bestBothWays fills two at once). */
  private topOf(n: number, slot: 0 | 1): TopK {
    const kept = this.tops[slot]
    if (kept !== null && kept.capacity === n) return kept
    return (this.tops[slot] = new TopK(n))
  }
}
