/**
 * Repeat-purchase and value models: BG/NBD for P(alive) and expected orders, Gamma-Gamma
 * for the expected order value, fitted at the training as-of date; and, from both, each
 * customer's figures as of any date (the training one, or a later one when a stored model
 * rescores customers): expected spend in the horizon and the discounted lifetime value.
 */
import { isPriced, lineValue, orderKey, type OrderHistory } from "../data/types"
import { fitBgNbd, type BgNbdModel } from "../probabilistic/bgnbd"
import { customerLifetimeValue, expectedSpend } from "../probabilistic/clv"
import {
  spendHistoryOf,
  summarizeCustomers,
  type CustomerSummary,
  type PurchaseEvent,
} from "../probabilistic/customer-summary"
import { fitGammaGamma, type GammaGammaModel } from "../probabilistic/gamma-gamma"
import { probabilityOfNoPurchase } from "../probabilistic/bgnbd-no-purchase"

/** Weeks, as in the papers: day-level time units make the optimiser's scale awkward. */
export const VALUE_MODEL_TIME_UNIT_DAYS = 7

export interface ValueModelOptions {
  /** Epoch ms, exclusive: the customers' summaries read only orders before it. */
  asOf: number
  /** Days ahead of the expected orders and spend. */
  horizonDays: number
  /** Days ahead of the lifetime value. */
  clvHorizonDays: number
  /** Discount rate per month of the lifetime value. */
  monthlyDiscount: number
}

export interface CustomerValue {
  pAlive: number
  expectedOrders: number
  expectedSpend: number
  predictedClv: number
}

export interface ValueModels {
  bgnbd: BgNbdModel
  gammaGamma: GammaGammaModel
}

/**
 * One purchase event per order (a customer's order id): its first line's time and the sum
 * of its priced lines' values; `priced: false` when none of its lines is priced.
 */
export function orderEvents(history: OrderHistory, asOf: number): PurchaseEvent[] {
  const byOrder = new Map<string, PurchaseEvent>()
  for (const line of history.lines) {
    if (line.orderedAt >= asOf) break
    const key = orderKey(line)
    const event = byOrder.get(key)
    const value = lineValue(line)
    if (event) {
      event.value += value
      if (isPriced(line)) delete event.priced
    } else {
      const created: PurchaseEvent = { customerId: line.customerId, orderedAt: line.orderedAt, value }
      if (!isPriced(line)) created.priced = false
      byOrder.set(key, created)
    }
  }
  return [...byOrder.values()]
}

/** The customers' summaries as of `asOf`, in the order of their first order. */
export function valueSummaries(history: OrderHistory, asOf: number, timeUnitDays = VALUE_MODEL_TIME_UNIT_DAYS): CustomerSummary[] {
  return summarizeCustomers(orderEvents(history, asOf), { asOf, timeUnitDays })
}

/**
 * Fits BG/NBD and Gamma-Gamma on every customer's summary as of `asOf`: BG/NBD on all
 * repeat purchases, Gamma-Gamma on the priced ones only.
 */
export function fitValueModels(history: OrderHistory, options: { asOf: number }): ValueModels {
  const summaries = valueSummaries(history, options.asOf)
  return {
    bgnbd: fitBgNbd(summaries, { timeUnitDays: VALUE_MODEL_TIME_UNIT_DAYS }),
    gammaGamma: fitGammaGamma(summaries.map(spendHistoryOf)),
  }
}

/**
 * Each customer's figures from their summary as of `options.asOf`, with the models' fitted
 * parameters; only the customers of `only` when given (a customer's figures depend on
 * their own summary alone).
 */
export function customerValues(
  models: ValueModels,
  history: OrderHistory,
  options: ValueModelOptions,
  only?: ReadonlySet<string>
): Map<string, CustomerValue> {
  const { bgnbd, gammaGamma } = models
  // the summaries in the time unit the model was fitted in
  const horizonUnits = options.horizonDays / bgnbd.timeUnitDays
  const byCustomer = new Map<string, CustomerValue>()
  for (const s of valueSummaries(history, options.asOf, bgnbd.timeUnitDays)) {
    if (only && !only.has(s.customerId)) continue
    byCustomer.set(s.customerId, {
      pAlive: bgnbd.pAlive(s.x, s.tx, s.T),
      expectedOrders: bgnbd.conditionalExpectedPurchases(horizonUnits, s.x, s.tx, s.T),
      expectedSpend: expectedSpend(bgnbd, gammaGamma, s, options.horizonDays),
      predictedClv: customerLifetimeValue(bgnbd, gammaGamma, s, {
        horizonDays: options.clvHorizonDays,
        monthlyDiscount: options.monthlyDiscount,
      }),
    })
  }
  return byCustomer
}

/**
 * Per customer, BG/NBD's P(no order within `days`) from their summary as of `asOf`: what
 * maps a classifier of a shorter label window to the horizon (horizon-mapping.ts), and the
 * purchase probability itself when no classifier could be trained.
 */
export function noOrderProbabilities(
  models: ValueModels,
  history: OrderHistory,
  asOf: number,
  days: readonly number[]
): Map<string, number[]> {
  const { bgnbd } = models
  const out = new Map<string, number[]>()
  for (const s of valueSummaries(history, asOf, bgnbd.timeUnitDays)) {
    out.set(
      s.customerId,
      days.map((d) => probabilityOfNoPurchase(bgnbd, d / bgnbd.timeUnitDays, s.x, s.tx, s.T))
    )
  }
  return out
}
