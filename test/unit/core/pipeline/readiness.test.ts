import { buildOrderHistory, type OrderLine } from "../../../../src/core/data"
import { checkReadiness } from "../../../../src/core/pipeline/readiness"

const DAY_MS = 86_400_000
const START = Date.UTC(2025, 0, 1)
const line = (customerId: string, orderId: string, day: number, extra: Partial<OrderLine> = {}): OrderLine => ({
  orderId,
  customerId,
  orderedAt: START + day * DAY_MS,
  productId: "p",
  quantity: 1,
  unitPrice: 1,
  ...extra,
})

// A: orders on days 0 and 50 (two lines in the second); B: day 70; C: day 95, and day 120 (at as-of: not read)
const history = buildOrderHistory([
  line("A", "1", 0),
  line("A", "2", 50),
  line("A", "2", 50),
  line("B", "1", 70),
  line("C", "9", 95),
  line("C", "10", 120),
])
const asOf = START + 120 * DAY_MS

describe("checkReadiness", () => {
  it("counts customers, repeat buyers, days of history and recent orders before as-of", () => {
    const readiness = checkReadiness(history, asOf, { minCustomersWithOrders: 3, minRepeatCustomers: 1, minHistoryDays: 95, minRecentOrders: 1 })
    const { plan, ...rest } = readiness
    // every threshold is met, but no part can be built: one product (no lists) and one repeat buyer (Gamma-Gamma needs 3)
    expect(rest).toEqual({
      ready: false,
      figures: { customersWithOrders: 3, repeatCustomers: 1, historyDays: 95, recentOrders: 1, unpricedOrders: 0 },
      missing: [],
    })
    expect(plan.recommendations.why).toBe("1 products ordered (at least 2 needed)")
    expect(plan.value.why).toBe("3 customers with orders (at least 4 needed); 1 customers with two or more orders (at least 3 needed)")
    expect(plan.purchase.rung).toBe("none")
  })

  it("lists every unmet threshold in plain words", () => {
    const readiness = checkReadiness(history, asOf, { minCustomersWithOrders: 50, minRepeatCustomers: 2, minHistoryDays: 96, minRecentOrders: 2 })
    expect(readiness.ready).toBe(false)
    expect(readiness.missing).toEqual([
      "3 customers with orders (at least 50 needed)",
      "1 customers with two or more orders (at least 2 needed)",
      "95 days between the first and the last order (at least 96 needed)",
      "1 orders in the last 30 days (at least 2 needed)",
    ])
  })

  it("counts the orders with an unpriced line before as-of, without it deciding anything", () => {
    const unpriced = { priced: false, unitPrice: 0 }
    const withUnpriced = buildOrderHistory([
      line("A", "1", 0),
      line("A", "2", 50, unpriced),
      line("A", "2", 50), // one unpriced line is enough to count the order
      line("B", "1", 70, unpriced),
      line("B", "2", 71, { priced: true }),
      line("C", "9", 95),
      line("C", "10", 120, unpriced), // at as-of: not read
    ])
    const thresholds = { minCustomersWithOrders: 3, minRepeatCustomers: 2, minHistoryDays: 95, minRecentOrders: 1 }
    const readiness = checkReadiness(withUnpriced, asOf, thresholds)
    expect(readiness.figures).toEqual({ customersWithOrders: 3, repeatCustomers: 2, historyDays: 95, recentOrders: 1, unpricedOrders: 2 })
    expect(readiness.missing).toEqual([])
    // the same orders all priced give the same figures but for the count
    const allPriced = buildOrderHistory(withUnpriced.lines.map(({ priced: _, ...rest }) => rest))
    const priced = checkReadiness(allPriced, asOf, thresholds)
    expect({ ...priced, plan: null }).toEqual({ ...readiness, plan: null, figures: { ...readiness.figures, unpricedOrders: 0 } })
  })

  it("treats an empty history as missing everything it needs", () => {
    const readiness = checkReadiness(buildOrderHistory([]), asOf, { minCustomersWithOrders: 1, minRepeatCustomers: 0, minHistoryDays: 0, minRecentOrders: 0 })
    expect(readiness.missing).toEqual(["0 customers with orders (at least 1 needed)"])
  })
})
