/**
 * Repeat-purchase and value models at the as-of date: BG/NBD for P(alive) and
 * expected orders, Gamma-Gamma for the expected order value, and from both the
 * expected spend in the horizon and the discounted lifetime value.
 */
import { orderKey, type OrderHistory } from "../data/types"
import { fitBgNbd, type BgNbdModel } from "../probabilistic/bgnbd"
import { customerLifetimeValue, expectedSpend } from "../probabilistic/clv"
import { summarizeCustomers, type PurchaseEvent } from "../probabilistic/customer-summary"
import { fitGammaGamma, type GammaGammaModel } from "../probabilistic/gamma-gamma"

/** Weeks, as in the papers: day-level time units make the optimiser's scale awkward. */
export const VALUE_MODEL_TIME_UNIT_DAYS = 7

export interface ValueModelOptions {
  asOf: number
  horizonDays: number
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
  byCustomer: Map<string, CustomerValue>
}

/** One purchase event per order (a customer's order id): its first line's time and the sum of its lines' values. */
export function orderEvents(history: OrderHistory, asOf: number): PurchaseEvent[] {
  const byOrder = new Map<string, PurchaseEvent>()
  for (const line of history.lines) {
    if (line.orderedAt >= asOf) break
    const key = orderKey(line)
    const event = byOrder.get(key)
    const value = line.quantity * line.unitPrice
    if (event) event.value += value
    else byOrder.set(key, { customerId: line.customerId, orderedAt: line.orderedAt, value })
  }
  return [...byOrder.values()]
}

export function fitValueModels(history: OrderHistory, options: ValueModelOptions): ValueModels {
  const summaries = summarizeCustomers(orderEvents(history, options.asOf), {
    asOf: options.asOf,
    timeUnitDays: VALUE_MODEL_TIME_UNIT_DAYS,
  })
  const bgnbd = fitBgNbd(summaries, { timeUnitDays: VALUE_MODEL_TIME_UNIT_DAYS })
  const gammaGamma = fitGammaGamma(summaries)
  const horizonUnits = options.horizonDays / VALUE_MODEL_TIME_UNIT_DAYS
  const byCustomer = new Map<string, CustomerValue>()
  for (const s of summaries) {
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
  return { bgnbd, gammaGamma, byCustomer }
}
