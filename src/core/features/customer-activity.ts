/**
 * One pass over the lines before a cutoff, gathering per customer what the features
 * need. The history's lines are sorted by time, so the lines before the cutoff are a
 * prefix: the pass stops at the first line at or after the cutoff and reads nothing
 * later. Orders are lines grouped by (customer, orderId); an order's time is its
 * first line's time, and orders therefore appear in time order within a customer.
 * An unpriced line (`priced: false`) counts for orders, items and products and adds 0
 * to every amount; an order is priced when any of its lines is.
 */
import { InvalidInputError } from "../errors"
import { isPriced, lineValue, type OrderLine } from "../data/types"
import type { PurchaseEvent } from "../probabilistic/customer-summary"
import { ACTIVITY_WINDOW_DAYS } from "./feature-names"

import { DAY_MS } from "../time"

export { DAY_MS }

/** What the pass knows of one customer. Gaps are in days. */
export interface CustomerActivity {
  customerId: string
  firstOrderAt: number
  lastOrderAt: number
  orders: number
  /** Orders with at least one priced line: the orders the amounts are spread over. */
  pricedOrders: number
  /** Running mean of the gaps between consecutive orders (Welford), days. */
  gapMean: number
  /** Running sum of squared deviations of the gaps from their mean (Welford), days². */
  gapSquares: number
  lines: number
  items: number
  /** Sum of the priced lines' values. */
  spend: number
  products: Set<string>
  categories: Set<string>
  /** Country of the latest line that names one; "" when none does. */
  country: string
  ordersLastWindow: number
  ordersPreviousWindow: number
  spendLastWindow: number
  /** orderId -> index of the order in the pass's `orders`. */
  orderIndex: Map<string, number>
}

export interface ActivityPass {
  /** Customers in the order of their first line. */
  customers: CustomerActivity[]
  /**
   * One event per order (time of its first line, value of its priced lines before the
   * cutoff; `priced: false` when it has none).
   */
  orders: PurchaseEvent[]
}

/**
 * Gathers the activity of every customer with a line strictly before `cutoff`. Throws
 * InvalidInputError when a line's time is not finite or the lines are out of time order.
 */
export function gatherActivity(lines: readonly OrderLine[], cutoff: number): ActivityPass {
  const windowStart = cutoff - ACTIVITY_WINDOW_DAYS * DAY_MS
  const previousWindowStart = windowStart - ACTIVITY_WINDOW_DAYS * DAY_MS
  const byCustomer = new Map<string, CustomerActivity>()
  const customers: CustomerActivity[] = []
  const orders: PurchaseEvent[] = []
  let previousAt = -Infinity
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]
    const at = line.orderedAt
    if (!Number.isFinite(at)) {
      throw new InvalidInputError(`history.lines[${i}].orderedAt must be a finite epoch ms, got ${at}`, "orderedAt")
    }
    if (at >= cutoff) break
    if (at < previousAt) {
      throw new InvalidInputError(`history.lines must be sorted by orderedAt (line ${i} is earlier than line ${i - 1})`, "lines")
    }
    previousAt = at

    let customer = byCustomer.get(line.customerId)
    if (customer === undefined) {
      customer = newActivity(line.customerId, at)
      byCustomer.set(line.customerId, customer)
      customers.push(customer)
    }
    let order = customer.orderIndex.get(line.orderId)
    const priced = isPriced(line)
    if (order === undefined) {
      order = orders.length
      const created: PurchaseEvent = { customerId: line.customerId, orderedAt: at, value: 0 }
      if (!priced) created.priced = false
      orders.push(created)
      customer.orderIndex.set(line.orderId, order)
      addOrder(customer, at, windowStart, previousWindowStart)
      if (priced) customer.pricedOrders++
    }
    const event = orders[order]
    if (priced && event.priced === false) {
      // the order's first priced line, after unpriced ones
      delete event.priced
      customer.pricedOrders++
    }
    const value = lineValue(line)
    event.value += value
    customer.lines++
    customer.items += line.quantity
    customer.spend += value
    if (event.orderedAt >= windowStart) customer.spendLastWindow += value
    customer.products.add(line.productId)
    if (line.category !== undefined && line.category !== "") customer.categories.add(line.category)
    if (line.country !== undefined && line.country !== "") customer.country = line.country
  }
  return { customers, orders }
}

function newActivity(customerId: string, firstAt: number): CustomerActivity {
  return {
    customerId,
    firstOrderAt: firstAt,
    lastOrderAt: firstAt,
    orders: 0,
    pricedOrders: 0,
    gapMean: 0,
    gapSquares: 0,
    lines: 0,
    items: 0,
    spend: 0,
    products: new Set(),
    categories: new Set(),
    country: "",
    ordersLastWindow: 0,
    ordersPreviousWindow: 0,
    spendLastWindow: 0,
    orderIndex: new Map(),
  }
}

/** Counts a new order at time `at` (never earlier than the customer's previous order). */
function addOrder(customer: CustomerActivity, at: number, windowStart: number, previousWindowStart: number): void {
  if (customer.orders > 0) {
    // Welford's update over the gaps: mean_k = mean_{k-1} + (g - mean_{k-1}) / k,
    // M2_k = M2_{k-1} + (g - mean_{k-1}) (g - mean_k).
    const gap = (at - customer.lastOrderAt) / DAY_MS
    const gaps = customer.orders
    const delta = gap - customer.gapMean
    customer.gapMean += delta / gaps
    customer.gapSquares += delta * (gap - customer.gapMean)
  }
  customer.orders++
  customer.lastOrderAt = at
  if (at >= windowStart) customer.ordersLastWindow++
  else if (at >= previousWindowStart) customer.ordersPreviousWindow++
}
