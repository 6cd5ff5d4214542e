/** Shared fixtures of the promotion tests: a small simulated store and a deliberately poor model of it. */
import { buildOrderHistory, type OrderHistory } from "../../../../src/core/data"
import { trainCustomerModels, type CustomerModelOptions, type CustomerModelsResult } from "../../../../src/core/pipeline/train-customer-models"
import { simulateStore } from "../../../../src/core/simulate"

const DAY_MS = 86_400_000

/** 400 simulated customers over 400 days; as-of 20 days before the last order, a 90-day horizon. */
export function promotionStore(): { orders: OrderHistory; options: CustomerModelOptions } {
  const orders = buildOrderHistory(simulateStore({ customers: 400, days: 400, seed: 8 }).lines)
  const asOf = Math.floor(orders.lastAt / DAY_MS) * DAY_MS - 20 * DAY_MS
  return { orders, options: { asOf, horizonDays: 90, churnWindowDays: 90, clvHorizonDays: 365, seed: 4, trials: 3 } }
}

/** Order value only, one logistic regression, no simple candidates: a model any reasonable one beats. */
export function trainPoorModel(orders: OrderHistory, options: CustomerModelOptions): Promise<CustomerModelsResult> {
  return trainCustomerModels(orders, {
    ...options,
    learners: ["logistic-regression"],
    trials: 1,
    simpleCandidates: false,
    featureSets: [{ name: "order value", features: ["avg_order_value"], countries: false }],
  })
}
