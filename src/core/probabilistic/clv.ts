import { InvalidInputError } from "../errors"
import type { BgNbdModel } from "./bgnbd"
import { spendHistoryOf } from "./customer-summary"
import type { GammaGammaModel } from "./gamma-gamma"
import type { RepeatPurchaseHistory } from "./rfm"

/**
 * Customer value from the two models: how many purchases (BG/NBD) times how much
 * each is worth (Gamma-Gamma). Horizons are given in days and converted to the
 * BG/NBD model's time unit with its `timeUnitDays`; a month is 30 days.
 */

/**
 * A customer's history (x, tx, T in the BG/NBD model's time unit) and mean repeat purchase
 * value over the `pricedRepeats` repeat purchases whose value is known (absent = x).
 * BG/NBD reads x; Gamma-Gamma reads pricedRepeats and monetary.
 */
export interface ValuedHistory extends RepeatPurchaseHistory {
  monetary: number
  pricedRepeats?: number
}

export interface ClvOptions {
  /** How far ahead to look, in days (need not be a whole number of months). */
  horizonDays: number
  /** Discount rate per month, e.g. 0.01 for 1% a month; 0 for none. */
  monthlyDiscount: number
}

export const DAYS_PER_MONTH = 30

/**
 * Discounted expected value of the customer's purchases in the next `horizonDays`,
 * as the `lifetimes` package's customer_lifetime_value computes it:
 *
 *   CLV = Σ_{m=1..M} (E[Y(t_m) | x, t_x, T] - E[Y(t_{m-1}) | x, t_x, T]) · E[M | x, m̄] / (1 + d)^m
 *
 * with t_m = min(30 m, horizonDays) days (so the last month may be partial),
 * M = ceil(horizonDays / 30), E[Y] the BG/NBD conditional expectation and E[M] the
 * Gamma-Gamma conditional expected average value.
 */
export function customerLifetimeValue(
  purchases: BgNbdModel,
  spend: GammaGammaModel,
  customer: ValuedHistory,
  options: ClvOptions
): number {
  const { horizonDays, monthlyDiscount } = options
  checkHorizon(horizonDays)
  if (!Number.isFinite(monthlyDiscount) || monthlyDiscount < 0) {
    throw new InvalidInputError(`monthlyDiscount must be a finite number >= 0, got ${monthlyDiscount}`, "monthlyDiscount")
  }
  const value = expectedAverageValue(spend, customer)
  const expectedBy = (days: number): number =>
    purchases.conditionalExpectedPurchases(days / purchases.timeUnitDays, customer.x, customer.tx, customer.T)
  const months = Math.ceil(horizonDays / DAYS_PER_MONTH)
  let total = 0
  let previous = 0
  for (let m = 1; m <= months; m++) {
    const cumulative = expectedBy(Math.min(m * DAYS_PER_MONTH, horizonDays))
    total += ((cumulative - previous) * value) / Math.pow(1 + monthlyDiscount, m)
    previous = cumulative
  }
  return total
}

/**
 * Undiscounted expected spend in the next `horizonDays`:
 *   E[Y(horizon) | x, t_x, T] · E[M | x, m̄].
 */
export function expectedSpend(
  purchases: BgNbdModel,
  spend: GammaGammaModel,
  customer: ValuedHistory,
  horizonDays: number
): number {
  checkHorizon(horizonDays)
  const t = horizonDays / purchases.timeUnitDays
  const count = purchases.conditionalExpectedPurchases(t, customer.x, customer.tx, customer.T)
  return count * expectedAverageValue(spend, customer)
}

/** Gamma-Gamma's expected value of the customer's next purchases, from their priced repeat purchases. */
function expectedAverageValue(spend: GammaGammaModel, customer: ValuedHistory): number {
  const { x, monetary } = spendHistoryOf(customer)
  return spend.conditionalExpectedAverageValue(x, monetary)
}

function checkHorizon(horizonDays: number): void {
  if (!Number.isFinite(horizonDays) || horizonDays <= 0) {
    throw new InvalidInputError(`horizonDays must be a finite number > 0, got ${horizonDays}`, "horizonDays")
  }
}
