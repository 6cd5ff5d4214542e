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
import { fitBgNbd, type BgNbdModel } from "../probabilistic/bgnbd"
import { summarizeCustomers, type CustomerSummary, type PurchaseEvent } from "../probabilistic/customer-summary"

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
  /** The model the values come from; null: the fallback. */
  model: BgNbdModel | null
}

export interface RunRateInput {
  orders: number
  tenureDays: number
}

/**
 * BG/NBD features for `customerIds` from their order events before `cutoff`.
 * `runRates[i]` describes customer i for the fallback. `given`: the model to apply (a fit
 * of the whole population, stored with a model version; null: the fallback) instead of one
 * fitted on these customers; a customer it gives no finite value gets their fallback values.
 */
export function bgnbdFeatures(
  orders: readonly PurchaseEvent[],
  customerIds: readonly string[],
  runRates: readonly RunRateInput[],
  cutoff: number,
  horizonDays: number,
  given?: BgNbdModel | null
): BgNbdFeatureValues {
  if (given !== undefined) return given === null ? fallbackValues(runRates, horizonDays) : givenValues(given, orders, customerIds, runRates, cutoff, horizonDays)
  if (customerIds.length >= BGNBD_MIN_CUSTOMERS) {
    const fitted = fittedValues(orders, customerIds, cutoff, horizonDays)
    if (fitted !== null) return fitted
  }
  return fallbackValues(runRates, horizonDays)
}

function givenValues(
  model: BgNbdModel,
  orders: readonly PurchaseEvent[],
  customerIds: readonly string[],
  runRates: readonly RunRateInput[],
  cutoff: number,
  horizonDays: number
): BgNbdFeatureValues {
  const values = fallbackValues(runRates, horizonDays)
  const summaries = summaryOf(summarizeCustomers(orders, { asOf: cutoff, timeUnitDays: model.timeUnitDays }))
  customerIds.forEach((id, i) => {
    const value = valueOf(model, summaries(id), horizonDays)
    if (value) [values.pAlive[i], values.expectedOrders[i]] = value
  })
  return { ...values, fitted: true, model }
}

function fittedValues(
  orders: readonly PurchaseEvent[],
  customerIds: readonly string[],
  cutoff: number,
  horizonDays: number
): BgNbdFeatureValues | null {
  const summaries = summarizeCustomers(orders, { asOf: cutoff, timeUnitDays: BGNBD_TIME_UNIT_DAYS })
  let model: BgNbdModel
  try {
    model = fitBgNbd(summaries, { timeUnitDays: BGNBD_TIME_UNIT_DAYS, penalizer: BGNBD_PENALIZER })
  } catch (error) {
    // The documented fallback case: data that cannot identify the model, or fitted parameters out of range.
    if (error instanceof NotEnoughDataError || error instanceof InvalidInputError) return null
    throw error
  }
  const summaryById = summaryOf(summaries)
  const pAlive = new Float64Array(customerIds.length)
  const expectedOrders = new Float64Array(customerIds.length)
  for (let i = 0; i < customerIds.length; i++) {
    const value = valueOf(model, summaryById(customerIds[i]), horizonDays)
    if (value === null) return null
    ;[pAlive[i], expectedOrders[i]] = value
  }
  return { pAlive, expectedOrders, fitted: true, model }
}

/** A lookup of the customers' summaries as of the cutoff, throwing on a customer without one. */
function summaryOf(summaries: readonly CustomerSummary[]): (customerId: string) => CustomerSummary {
  const byCustomer = new Map(summaries.map((summary) => [summary.customerId, summary]))
  return (customerId: string) => {
    const summary = byCustomer.get(customerId)
    if (summary === undefined) throw new Error(`no BG/NBD summary for customer ${customerId}`)
    return summary
  }
}

/**
 * [P(alive), expected purchases in the horizon] of one customer; null when either does not
 * evaluate to a finite number or a series at the parameters is out of the model's range.
 */
function valueOf(model: BgNbdModel, summary: CustomerSummary, horizonDays: number): [number, number] | null {
  const { x, tx, T } = summary
  try {
    const pAlive = model.pAlive(x, tx, T)
    const expectedOrders = model.conditionalExpectedPurchases(horizonDays / model.timeUnitDays, x, tx, T)
    return Number.isFinite(pAlive) && Number.isFinite(expectedOrders) ? [pAlive, expectedOrders] : null
  } catch (error) {
    if (error instanceof InvalidInputError) return null
    throw error
  }
}

function fallbackValues(runRates: readonly RunRateInput[], horizonDays: number): BgNbdFeatureValues {
  const pAlive = new Float64Array(runRates.length).fill(1)
  const expectedOrders = Float64Array.from(
    runRates,
    ({ orders, tenureDays }) => (orders / Math.max(tenureDays, horizonDays)) * horizonDays
  )
  return { pAlive, expectedOrders, fitted: false, model: null }
}
