import { buildOrderHistory, type OrderLine } from "../../../../src/core/data/types"
import { gatherActivity } from "../../../../src/core/features/customer-activity"
import { buildFeatureRows, type FeatureRows } from "../../../../src/core/features/customer-features"
import { FEATURE_COUNT, FEATURE_NAMES, type FeatureName } from "../../../../src/core/features/feature-names"
import { createRandom } from "../../../../src/core/random"
import { day, line, randomLines } from "./history-fixture"

function featuresOf(rows: FeatureRows, customerId: string): Record<FeatureName, number> {
  const i = rows.customerIds.indexOf(customerId)
  if (i < 0) throw new Error(`customer ${customerId} has no row`)
  const entries = FEATURE_NAMES.map((name, j): [FeatureName, number] => [name, rows.values[i * FEATURE_COUNT + j]])
  return Object.fromEntries(entries) as Record<FeatureName, number>
}

// An unpriced line keeps a price here to show that it is ignored, not merely zero.
const unpriced = { priced: false }

/**
 * Cutoff day 200 (last 90 days: [110, 200)):
 * - M: a priced order at day 10 (2·5 + 1·20 = 30), an unpriced one at day 150 (3 units);
 * - N: one unpriced order at day 120;
 * - O: one order at day 160 with a priced line (1·8) and an unpriced one, then a priced
 *   order at day 170 (2·6 = 12).
 */
const LINES: OrderLine[] = [
  line("M", "M1", 10, "P1", 2, 5),
  line("M", "M1", 10, "P2", 1, 20),
  line("N", "N1", 120, "P1", 1, 50, unpriced),
  line("M", "M2", 150, "P3", 3, 7, unpriced),
  line("O", "O1", 160, "P1", 1, 8),
  line("O", "O1", 160, "P4", 1, 90, unpriced),
  line("O", "O2", 170, "P2", 2, 6),
]
const rows = buildFeatureRows(buildOrderHistory(LINES), day(200), { horizonDays: 90 })

describe("features of customers with unpriced lines (cutoff day 200)", () => {
  it("count an unpriced order for recency, frequency and products, never for amounts", () => {
    const m = featuresOf(rows, "M")
    expect(m).toMatchObject({
      recency_days: 50, // from the unpriced order at day 150
      frequency_orders: 2,
      distinct_products: 3,
      items_per_order: 6 / 2,
      lines_per_order: 3 / 2,
      orders_last_90d: 1,
      monetary_total: 30, // the priced order only
      avg_order_value: 30, // spread over the one priced order
      spend_last_90d: 0, // the order in the window is unpriced
    })
  })

  it("give a customer without a priced order no amount and an average order value of 0", () => {
    expect(featuresOf(rows, "N")).toMatchObject({ frequency_orders: 1, monetary_total: 0, avg_order_value: 0, spend_last_90d: 0 })
  })

  it("count an order with any priced line as priced, summing its priced lines only", () => {
    expect(featuresOf(rows, "O")).toMatchObject({
      frequency_orders: 2,
      distinct_products: 3,
      monetary_total: 8 + 12,
      avg_order_value: (8 + 12) / 2,
      spend_last_90d: 8 + 12,
    })
  })

  it("mark the purchase events of orders without a priced line", () => {
    const { orders, customers } = gatherActivity(buildOrderHistory(LINES).lines, day(200))
    expect(orders).toEqual([
      { customerId: "M", orderedAt: day(10), value: 30 },
      { customerId: "N", orderedAt: day(120), value: 0, priced: false },
      { customerId: "M", orderedAt: day(150), value: 0, priced: false },
      { customerId: "O", orderedAt: day(160), value: 8 },
      { customerId: "O", orderedAt: day(170), value: 12 },
    ])
    expect(customers.map((c) => [c.customerId, c.orders, c.pricedOrders])).toEqual([
      ["M", 2, 1],
      ["N", 1, 0],
      ["O", 2, 2],
    ])
  })

  it("a priced line after an unpriced one makes the order priced", () => {
    const lines = [line("Q", "Q1", 5, "P1", 1, 9, unpriced), line("Q", "Q1", 5.5, "P2", 2, 4)]
    const { orders, customers } = gatherActivity(buildOrderHistory(lines).lines, day(200))
    expect(orders).toEqual([{ customerId: "Q", orderedAt: day(5), value: 8 }])
    expect(customers[0].pricedOrders).toBe(1)
  })
})

describe("features of histories without unpriced lines", () => {
  const lines = randomLines(40, createRandom(5))
  const cutoff = day(300)

  it("are the same whether `priced` is absent or true", () => {
    const absent = buildFeatureRows(buildOrderHistory(lines), cutoff, { horizonDays: 90 })
    const flagged = buildFeatureRows(buildOrderHistory(lines.map((l) => ({ ...l, priced: true }))), cutoff, { horizonDays: 90 })
    expect(flagged).toEqual(absent)
  })

  it("give the amounts of a history whose unpriced lines are left out", () => {
    // Every third order of each customer after their first is unpriced.
    const marked = lines.map((l) => (Number(l.orderId.split("-o")[1]) % 3 === 2 ? { ...l, priced: false } : l))
    const withUnpriced = buildFeatureRows(buildOrderHistory(marked), cutoff, { horizonDays: 90 })
    const withoutThem = buildFeatureRows(buildOrderHistory(marked.filter((l) => l.priced !== false)), cutoff, { horizonDays: 90 })
    expect(marked.some((l) => l.priced === false && l.orderedAt < cutoff)).toBe(true)
    expect(withUnpriced.customerIds).toEqual(withoutThem.customerIds)
    for (const id of withUnpriced.customerIds) {
      const a = featuresOf(withUnpriced, id)
      const b = featuresOf(withoutThem, id)
      expect([id, a.monetary_total, a.avg_order_value, a.spend_last_90d]).toEqual([
        id,
        expect.closeTo(b.monetary_total, 9),
        expect.closeTo(b.avg_order_value, 9),
        expect.closeTo(b.spend_last_90d, 9),
      ])
      expect(a.frequency_orders).toBeGreaterThanOrEqual(b.frequency_orders)
    }
  })
})
