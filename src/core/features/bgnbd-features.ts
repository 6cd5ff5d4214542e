/**
 * BG/NBD outputs as customer features. The model is fitted on the customers' summaries
 * as of the cutoff (same-day orders merged into one purchase, times in weeks as in the
 * papers), then gives each customer P(alive) and the expected purchase days within the
 * horizon. The fit carries a small L2 penalty ({@link BGNBD_PENALIZER}): without it, the
 * maximum-likelihood fit ends at the model's edge (a, b without bound: no dropout) when
 * the data cannot tell how dropout varies between customers, which happened at 4 of 7
 * monthly cutoffs of Online Retail and not at the others; with it every cutoff's fit stays
 * inside, so the feature is computed the same way at every cutoff, and the expected
 * purchases ranked future buyers as well as the unpenalised ones.
 * When there are fewer than {@link BGNBD_MIN_CUSTOMERS} customers, or the
 * data cannot identify the model (no repeat purchase, parameters driven out of range,
 * a prediction that does not evaluate to a finite number), every customer gets the
 * neutral fallback instead: P(alive) = 1 and expected orders = the customer's run rate
 * frequency_orders / max(tenure_days, horizonDays) · horizonDays (the observation
 * window is floored at the horizon so a brand-new customer is not extrapolated from a
 * few hours of history).
 */
import { InvalidInputError, NotEnoughDataError } from "../errors"
import { fitBgNbd } from "../probabilistic/bgnbd"
import { summarizeCustomers, type PurchaseEvent } from "../probabilistic/customer-summary"

/** Weeks: the time unit of the published BG/NBD fits. */
export const BGNBD_TIME_UNIT_DAYS = 7

/** L2 penalty weight of the fit (see fitBgNbd's penalizer; the parameters are in weeks). */
export const BGNBD_PENALIZER = 0.0001

/** Below this many customers the fit is too noisy to be a feature; the fallback is used. */
export const BGNBD_MIN_CUSTOMERS = 20

export interface BgNbdFeatureValues {
  /** Per customer, in the order of `customerIds`. */
  pAlive: Float64Array
  expectedOrders: Float64Array
  /** false when the fallback values were used. */
  fitted: boolean
}

export interface RunRateInput {
  orders: number
  tenureDays: number
}

/**
 * BG/NBD features for `customerIds` from their order events before `cutoff`.
 * `runRates[i]` describes customer i for the fallback.
 */
export function bgnbdFeatures(
  orders: readonly PurchaseEvent[],
  customerIds: readonly string[],
  runRates: readonly RunRateInput[],
  cutoff: number,
  horizonDays: number
): BgNbdFeatureValues {
  if (customerIds.length >= BGNBD_MIN_CUSTOMERS) {
    const fitted = fittedValues(orders, customerIds, cutoff, horizonDays)
    if (fitted !== null) return fitted
  }
  return fallbackValues(runRates, horizonDays)
}

function fittedValues(
  orders: readonly PurchaseEvent[],
  customerIds: readonly string[],
  cutoff: number,
  horizonDays: number
): BgNbdFeatureValues | null {
  const summaries = summarizeCustomers(orders, { asOf: cutoff, timeUnitDays: BGNBD_TIME_UNIT_DAYS })
  const byCustomer = new Map(summaries.map((summary) => [summary.customerId, summary]))
  const pAlive = new Float64Array(customerIds.length)
  const expectedOrders = new Float64Array(customerIds.length)
  const t = horizonDays / BGNBD_TIME_UNIT_DAYS
  try {
    const model = fitBgNbd(summaries, { timeUnitDays: BGNBD_TIME_UNIT_DAYS, penalizer: BGNBD_PENALIZER })
    for (let i = 0; i < customerIds.length; i++) {
      const summary = byCustomer.get(customerIds[i])
      if (summary === undefined) throw new Error(`no BG/NBD summary for customer ${customerIds[i]}`)
      const { x, tx, T } = summary
      pAlive[i] = model.pAlive(x, tx, T)
      expectedOrders[i] = model.conditionalExpectedPurchases(t, x, tx, T)
      if (!Number.isFinite(pAlive[i]) || !Number.isFinite(expectedOrders[i])) return null
    }
  } catch (error) {
    // The documented fallback cases: data that cannot identify the model, or fitted
    // parameters (or a series at them) out of the range the model is defined on.
    if (error instanceof NotEnoughDataError || error instanceof InvalidInputError) return null
    throw error
  }
  return { pAlive, expectedOrders, fitted: true }
}

function fallbackValues(runRates: readonly RunRateInput[], horizonDays: number): BgNbdFeatureValues {
  const pAlive = new Float64Array(runRates.length).fill(1)
  const expectedOrders = Float64Array.from(
    runRates,
    ({ orders, tenureDays }) => (orders / Math.max(tenureDays, horizonDays)) * horizonDays
  )
  return { pAlive, expectedOrders, fitted: false }
}
