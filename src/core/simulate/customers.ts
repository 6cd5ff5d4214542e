/**
 * The simulated customers (the BG/NBD story, with a seasonal clock)
 * -----------------------------------------------------------------
 * - Country: drawn by the countries' shares; it fixes the currency and never changes.
 * - Arrival: the first order falls uniformly in store time over the period, so customers
 *   keep arriving all through it, more of them in busy seasons (seasonal-clock.ts).
 *   joinedAt is that first order.
 * - Purchase rate λ ~ Gamma(r, rate α) across customers (BEHAVIOUR.rateShape, rateScaleDays),
 *   in orders per day of average season. While active, the gaps between orders are Exp(λ)
 *   in store time.
 * - Dropout: p ~ Beta(a, b) per customer; after each repeat order the customer leaves for
 *   good with probability p. dropoutAt is that last order's instant; a customer still active
 *   when the period ends has dropoutAt = null.
 * - Taste: category weights share_c * Gamma(BEHAVIOUR.preferenceShape), scaled to sum to 1,
 *   so most customers lean on a few categories.
 */
import type { Random } from "../random"
import { BEHAVIOUR } from "./behaviour"
import { CATEGORIES } from "./categories"
import { pickCumulative, sampleBeta, sampleExponential, sampleGamma } from "./distributions"
import type { SeasonalClock } from "./seasonal-clock"

/** A customer of the simulated store with the ground truth behind their orders. */
export interface SimulatedCustomer {
  id: string
  country: string
  currency: string
  /** Epoch ms of the first order. */
  joinedAt: number
  /** λ: orders per day (of average season) while active. */
  purchaseRate: number
  /** p: chance of leaving for good after each repeat order. */
  dropoutProbability: number
  /** Epoch ms of the order after which the customer stopped buying for good; null = still active at the end. */
  dropoutAt: number | null
  /** Category name -> share of the customer's fresh picks (sums to 1). */
  categoryPreference: Record<string, number>
}

export interface CustomerDraw {
  countryIndex: number
  purchaseRate: number
  dropoutProbability: number
  /** Category weights in CATEGORIES order, summing to 1. */
  preference: number[]
  /** Epoch ms of each order, in time order; the first is the arrival. */
  orderTimes: number[]
  dropoutAt: number | null
}

export function drawCustomer(clock: SeasonalClock, countryTotals: Float64Array, random: Random): CustomerDraw {
  const countryIndex = pickCumulative(countryTotals, random)
  const purchaseRate = sampleGamma(BEHAVIOUR.rateShape, random) / BEHAVIOUR.rateScaleDays
  const dropoutProbability = sampleBeta(BEHAVIOUR.dropoutA, BEHAVIOUR.dropoutB, random)
  const preference = drawPreference(random)
  let storeTime = random.next() * clock.total
  const orderTimes = [clock.instantAt(storeTime)]
  let dropoutAt: number | null = null
  for (;;) {
    storeTime += sampleExponential(random) / purchaseRate
    if (!(storeTime < clock.total)) break
    const at = clock.instantAt(storeTime)
    orderTimes.push(at)
    if (random.next() < dropoutProbability) {
      dropoutAt = at
      break
    }
  }
  return { countryIndex, purchaseRate, dropoutProbability, preference, orderTimes, dropoutAt }
}

function drawPreference(random: Random): number[] {
  const weights = CATEGORIES.map((category) => category.share * sampleGamma(BEHAVIOUR.preferenceShape, random))
  const sum = weights.reduce((a, b) => a + b, 0)
  // Gamma draws of a small shape can all underflow to 0; the store-wide shares stand in then.
  return sum > 0 ? weights.map((weight) => weight / sum) : CATEGORIES.map((category) => category.share)
}
