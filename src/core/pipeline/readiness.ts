/**
 * Whether a store has enough data to train on: customers with orders, repeat buyers,
 * days of history and recent orders, against thresholds the caller gives (the plugin's
 * `readiness` options). Below any of them a training ends "not enough data" and says
 * what is missing, instead of producing models from noise. It also counts the orders
 * with an unpriced line (amount unknown), which no threshold applies to.
 */
import { isPriced, orderKey, type OrderHistory } from "../data/types"
import { DAY_MS } from "../time"

/** The window of "recent" orders. */
export const RECENT_DAYS = 30

export interface ReadinessThresholds {
  minCustomersWithOrders: number
  minRepeatCustomers: number
  minHistoryDays: number
  minRecentOrders: number
}

export interface ReadinessFigures {
  customersWithOrders: number
  repeatCustomers: number
  historyDays: number
  recentOrders: number
  /** Orders with any line whose amount is unknown (`priced: false`); informational, no threshold. */
  unpricedOrders: number
}

export interface Readiness {
  ready: boolean
  figures: ReadinessFigures
  /** One plain sentence per unmet threshold. */
  missing: string[]
}

/** Counts what the history holds before `asOf` and compares it with the thresholds. */
export function checkReadiness(history: OrderHistory, asOf: number, thresholds: ReadinessThresholds): Readiness {
  const ordersPerCustomer = new Map<string, Set<string>>()
  const recent = new Set<string>()
  const unpriced = new Set<string>()
  let first = Infinity
  let last = -Infinity
  for (const line of history.lines) {
    if (line.orderedAt >= asOf) break
    const key = orderKey(line)
    let orders = ordersPerCustomer.get(line.customerId)
    if (!orders) ordersPerCustomer.set(line.customerId, (orders = new Set()))
    orders.add(key)
    if (line.orderedAt >= asOf - RECENT_DAYS * DAY_MS) recent.add(key)
    if (!isPriced(line)) unpriced.add(key)
    first = Math.min(first, line.orderedAt)
    last = Math.max(last, line.orderedAt)
  }
  let repeatCustomers = 0
  for (const orders of ordersPerCustomer.values()) if (orders.size >= 2) repeatCustomers += 1
  const figures: ReadinessFigures = {
    customersWithOrders: ordersPerCustomer.size,
    repeatCustomers,
    historyDays: ordersPerCustomer.size ? Math.floor((last - first) / DAY_MS) : 0,
    recentOrders: recent.size,
    unpricedOrders: unpriced.size,
  }
  const missing: string[] = []
  const need = (have: number, atLeast: number, what: string) => {
    if (have < atLeast) missing.push(`${have} ${what} (at least ${atLeast} needed)`)
  }
  need(figures.customersWithOrders, thresholds.minCustomersWithOrders, "customers with orders")
  need(figures.repeatCustomers, thresholds.minRepeatCustomers, "customers with two or more orders")
  need(figures.historyDays, thresholds.minHistoryDays, "days between the first and the last order")
  need(figures.recentOrders, thresholds.minRecentOrders, `orders in the last ${RECENT_DAYS} days`)
  return { ready: missing.length === 0, figures, missing }
}
