/**
 * Whether a store has enough data to train on, and what a training would produce: the
 * figures (customers with orders, repeat buyers, days of history, recent orders) against
 * the thresholds the caller gives (the plugin's `readiness` options), and the training
 * plan (training-plan.ts) that the engine itself follows, part by part and rung by rung.
 * `ready` is true when any part can be produced; `missing` lists every unmet threshold
 * and `plan` says which parts and rungs a training gets today and what the next rung needs.
 */
import type { OrderHistory } from "../data/types"
import { readinessFigures, RECENT_DAYS, type ReadinessFigures, type ReadinessThresholds } from "./readiness-figures"
import { planTraining, type TrainingPlan } from "./training-plan"

export { RECENT_DAYS, type ReadinessFigures, type ReadinessThresholds }

export interface Readiness {
  ready: boolean
  figures: ReadinessFigures
  /** One plain sentence per unmet threshold. */
  missing: string[]
  plan: TrainingPlan
}

/** The label windows a training would ask for. */
export interface ReadinessWindows {
  horizonDays: number
  /** @defaultValue the horizon */
  churnWindowDays?: number
}

/** The readiness defaults' windows: a 90-day horizon, the churn window equal to it. */
const DEFAULT_WINDOWS: ReadinessWindows = { horizonDays: 90 }

/** Counts what the history holds before `asOf`, compares it with the thresholds and plans the training. */
export function checkReadiness(
  history: OrderHistory,
  asOf: number,
  thresholds: ReadinessThresholds,
  windows: ReadinessWindows = DEFAULT_WINDOWS
): Readiness {
  const { products: _, ...figures } = readinessFigures(history, asOf)
  const missing: string[] = []
  const need = (have: number, atLeast: number, what: string) => {
    if (have < atLeast) missing.push(`${have} ${what} (at least ${atLeast} needed)`)
  }
  need(figures.customersWithOrders, thresholds.minCustomersWithOrders, "customers with orders")
  need(figures.repeatCustomers, thresholds.minRepeatCustomers, "customers with two or more orders")
  need(figures.historyDays, thresholds.minHistoryDays, "days between the first and the last order")
  need(figures.recentOrders, thresholds.minRecentOrders, `orders in the last ${RECENT_DAYS} days`)
  const plan = planTraining(history, asOf, {
    horizonDays: windows.horizonDays,
    churnWindowDays: windows.churnWindowDays ?? windows.horizonDays,
    thresholds,
  })
  return { ready: plan.anything, figures, missing, plan }
}
