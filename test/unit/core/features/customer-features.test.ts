import { buildOrderHistory } from "../../../../src/core/data/types"
import { InvalidInputError } from "../../../../src/core/errors"
import { BGNBD_MIN_CUSTOMERS, BGNBD_PENALIZER } from "../../../../src/core/features/bgnbd-features"
import { buildFeatureRows, type FeatureRows } from "../../../../src/core/features/customer-features"
import { FEATURE_COUNT, FEATURE_NAMES, type FeatureName } from "../../../../src/core/features/feature-names"
import { fitBgNbd } from "../../../../src/core/probabilistic/bgnbd"
import { summarizeCustomers } from "../../../../src/core/probabilistic/customer-summary"
import { createRandom } from "../../../../src/core/random"
import { day, line, randomLines, smallHistory, SMALL_LINES } from "./history-fixture"

/** The features of one customer as a name -> value record. */
function featuresOf(rows: FeatureRows, customerId: string): Record<FeatureName, number> {
  const i = rows.customerIds.indexOf(customerId)
  if (i < 0) throw new Error(`customer ${customerId} has no row`)
  const entries = FEATURE_NAMES.map((name, j): [FeatureName, number] => [name, rows.values[i * FEATURE_COUNT + j]])
  return Object.fromEntries(entries) as Record<FeatureName, number>
}

function expectFeatures(actual: Record<FeatureName, number>, expected: Record<FeatureName, number>): void {
  for (const name of FEATURE_NAMES) {
    expect([name, actual[name]]).toEqual([name, expect.closeTo(expected[name], 12)])
  }
}

describe("buildFeatureRows on a hand-made history (cutoff day 200, horizon 90 days)", () => {
  const rows = buildFeatureRows(smallHistory(), day(200), { horizonDays: 90 })

  it("has a row for each customer with a line before the cutoff, in the order of their first line", () => {
    expect(rows.customerIds).toEqual(["A", "C", "B"])
    expect(rows.values).toHaveLength(3 * FEATURE_COUNT)
    expect(rows.countries).toEqual(["Germany", "France", ""])
  })

  it("computes customer A's features (three orders, gaps 90 and 50 days)", () => {
    expectFeatures(featuresOf(rows, "A"), {
      recency_days: 50, // 200 - 150
      frequency_orders: 3,
      monetary_total: 125, // 2·5 + 1·20 + 3·5 + 1·40 + 2·20; the day-200 line is at the cutoff
      tenure_days: 190,
      mean_gap_days: 70, // (90 + 50) / 2
      gap_cv: 20 / 70, // population std of {90, 50} = 20
      recency_over_gap: 50 / 70,
      avg_order_value: 125 / 3,
      lines_per_order: 5 / 3,
      items_per_order: 9 / 3,
      distinct_products: 3, // P1, P2, P3
      distinct_categories: 2, // toys, books (P3 has none)
      orders_last_90d: 1, // day 150 in [110, 200)
      orders_prev_90d: 1, // day 100 in [20, 110); day 10 is older
      spend_last_90d: 80,
      trend: 0,
      bgnbd_p_alive: 1, // 3 customers: below the BG/NBD minimum, neutral fallback
      bgnbd_expected_orders: (3 / 190) * 90, // run rate over the tenure
    })
  })

  it("computes customer B's features (one order whose second line is half a day later)", () => {
    expectFeatures(featuresOf(rows, "B"), {
      recency_days: 4.5, // the order's time is its first line's: day 195.5
      frequency_orders: 1,
      monetary_total: 16, // 4·2.5 + 1·6
      tenure_days: 4.5,
      mean_gap_days: 4.5, // one order: the tenure
      gap_cv: 0,
      recency_over_gap: 4.5 / 4.5,
      avg_order_value: 16,
      lines_per_order: 2,
      items_per_order: 5,
      distinct_products: 2,
      distinct_categories: 0,
      orders_last_90d: 1,
      orders_prev_90d: 0,
      spend_last_90d: 16,
      trend: 1,
      bgnbd_p_alive: 1,
      bgnbd_expected_orders: 1, // 1 order / max(4.5, 90) days · 90 days
    })
  })

  it("computes customer C's features (two orders 6 hours apart, long ago)", () => {
    expectFeatures(featuresOf(rows, "C"), {
      recency_days: 169.75,
      frequency_orders: 2,
      monetary_total: 200,
      tenure_days: 170,
      mean_gap_days: 0.25,
      gap_cv: 0, // fewer than 3 orders
      recency_over_gap: 169.75, // the mean gap is floored at one day
      avg_order_value: 100,
      lines_per_order: 1,
      items_per_order: 1,
      distinct_products: 1,
      distinct_categories: 0,
      orders_last_90d: 0,
      orders_prev_90d: 2, // day 30 in [20, 110)
      spend_last_90d: 0,
      trend: -2,
      bgnbd_p_alive: 1,
      bgnbd_expected_orders: (2 / 170) * 90,
    })
    expect(rows.bgnbdFitted).toBe(false)
  })

  it("leaves out lines at the cutoff: at day 150, A's third order does not exist yet", () => {
    const early = buildFeatureRows(smallHistory(), day(150), { horizonDays: 90 })
    expect(early.customerIds).toEqual(["A", "C"])
    const a = featuresOf(early, "A")
    expect(a.frequency_orders).toBe(2)
    expect(a.monetary_total).toBe(45)
    expect(a.recency_days).toBe(50)
    expect(early.countries[0]).toBe("France")
  })

  it("returns no rows before the first line", () => {
    const none = buildFeatureRows(smallHistory(), day(10), { horizonDays: 90 })
    expect(none).toEqual({ customerIds: [], values: new Float64Array(0), countries: [], bgnbdFitted: false, bgnbdModel: null })
  })

  it("gives the same rows whatever follows the cutoff", () => {
    const cut = buildOrderHistory(SMALL_LINES.filter((l) => l.orderedAt < day(200)))
    expect(buildFeatureRows(cut, day(200), { horizonDays: 90 })).toEqual(rows)
  })

  it("validates the cutoff, the horizon and the order of the lines", () => {
    expect(() => buildFeatureRows(smallHistory(), Number.NaN, { horizonDays: 90 })).toThrow(
      new InvalidInputError("cutoff must be a finite epoch ms, got NaN")
    )
    expect(() => buildFeatureRows(smallHistory(), day(200), { horizonDays: 0 })).toThrow(
      new InvalidInputError("horizonDays must be a finite number > 0, got 0")
    )
    const unsorted = { ...smallHistory(), lines: [line("A", "1", 5, "P", 1, 1), line("A", "2", 4, "P", 1, 1)] }
    expect(() => buildFeatureRows(unsorted, day(200), { horizonDays: 90 })).toThrow(
      new InvalidInputError("history.lines must be sorted by orderedAt (line 1 is earlier than line 0)")
    )
  })
})

describe("BG/NBD features", () => {
  it("come from a penalized BG/NBD model (weeks) fitted on the order summaries as of the cutoff", () => {
    const history = buildOrderHistory(randomLines(60, createRandom(7)))
    const cutoff = day(300)
    const rows = buildFeatureRows(history, cutoff, { horizonDays: 90 })
    expect(rows.bgnbdFitted).toBe(true)

    // The same model by hand: one event per order (time of its first line, value of its lines).
    const orderEvents = new Map<string, { customerId: string; orderedAt: number; value: number }>()
    for (const l of history.lines.filter((l) => l.orderedAt < cutoff)) {
      const event = orderEvents.get(l.orderId) ?? { customerId: l.customerId, orderedAt: l.orderedAt, value: 0 }
      event.value += l.quantity * l.unitPrice
      orderEvents.set(l.orderId, event)
    }
    const summaries = summarizeCustomers([...orderEvents.values()], { asOf: cutoff, timeUnitDays: 7 })
    const model = fitBgNbd(summaries, { timeUnitDays: 7, penalizer: BGNBD_PENALIZER })
    expect(summaries.length).toBe(rows.customerIds.length)
    for (const s of summaries) {
      const features = featuresOf(rows, s.customerId)
      expect(features.bgnbd_p_alive).toBe(model.pAlive(s.x, s.tx, s.T))
      expect(features.bgnbd_expected_orders).toBe(model.conditionalExpectedPurchases(90 / 7, s.x, s.tx, s.T))
    }
    // The model tells customers apart.
    expect(new Set(summaries.map((s) => featuresOf(rows, s.customerId).bgnbd_expected_orders)).size).toBeGreaterThan(10)
  })

  it(`fall back to P(alive) = 1 and the run rate when nobody has bought twice (${BGNBD_MIN_CUSTOMERS}+ customers)`, () => {
    const lines = Array.from({ length: 25 }, (_, c) => line(`c${c}`, `o${c}`, c * 4, "P1", 1, 10))
    const rows = buildFeatureRows(buildOrderHistory(lines), day(200), { horizonDays: 30 })
    expect(rows.bgnbdFitted).toBe(false)
    rows.customerIds.forEach((id, c) => {
      const features = featuresOf(rows, id)
      expect(features.bgnbd_p_alive).toBe(1)
      // tenure 200 - 4c days >= 104 > 30: one order per tenure, times 30 days
      expect(features.bgnbd_expected_orders).toBeCloseTo(30 / (200 - 4 * c), 12)
    })
  })
})
