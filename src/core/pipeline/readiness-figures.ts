/**
 * What the history holds before as-of, as the readiness check and the training plan read
 * it: customers with orders, repeat buyers, days of history, recent orders, products, and
 * the orders with an unpriced line (amount unknown), which no threshold applies to.
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

/** The figures, and the distinct products ordered before as-of. */
export function readinessFigures(history: OrderHistory, asOf: number): ReadinessFigures & { products: number } {
  const ordersPerCustomer = new Map<string, Set<string>>()
  const recent = new Set<string>()
  const unpriced = new Set<string>()
  const products = new Set<string>()
  let first = Infinity
  let last = -Infinity
  for (const line of history.lines) {
    if (line.orderedAt >= asOf) break
    const key = orderKey(line)
    let orders = ordersPerCustomer.get(line.customerId)
    if (!orders) ordersPerCustomer.set(line.customerId, (orders = new Set()))
    orders.add(key)
    products.add(line.productId)
    if (line.orderedAt >= asOf - RECENT_DAYS * DAY_MS) recent.add(key)
    if (!isPriced(line)) unpriced.add(key)
    first = Math.min(first, line.orderedAt)
    last = Math.max(last, line.orderedAt)
  }
  let repeatCustomers = 0
  for (const orders of ordersPerCustomer.values()) if (orders.size >= 2) repeatCustomers += 1
  return {
    customersWithOrders: ordersPerCustomer.size,
    repeatCustomers,
    historyDays: ordersPerCustomer.size ? Math.floor((last - first) / DAY_MS) : 0,
    recentOrders: recent.size,
    unpricedOrders: unpriced.size,
    products: products.size,
  }
}
