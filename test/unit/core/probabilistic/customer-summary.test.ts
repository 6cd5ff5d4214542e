import { InvalidInputError } from "../../../../src/core/errors"
import { spendHistoryOf, summarizeCustomers, type PurchaseEvent } from "../../../../src/core/probabilistic/customer-summary"

const at = (day: number, hour = 0, minute = 0): number => Date.UTC(2024, 0, day, hour, minute)
const asOf = at(29) // calibration ends 2024-01-28 (the day before asOf)

// Customer "b" appears first; customer "a"'s events are out of order.
const events: PurchaseEvent[] = [
  { customerId: "b", orderedAt: at(22, 9), value: 7 },
  { customerId: "a", orderedAt: at(15, 23, 59), value: 30 },
  { customerId: "a", orderedAt: at(1, 10), value: 10 },
  { customerId: "b", orderedAt: at(22, 20), value: 3 }, // same day as b's first: merged
  { customerId: "a", orderedAt: at(8, 9), value: 20 },
  { customerId: "a", orderedAt: at(1, 18), value: 5 }, // same day as a's first: merged
  { customerId: "a", orderedAt: at(15, 0, 1), value: 10 }, // same day as the 23:59 one: 40 in all
  { customerId: "a", orderedAt: at(29), value: 99 }, // at asOf: excluded
  { customerId: "c", orderedAt: at(30), value: 50 }, // after asOf: c is left out
]

describe("summarizeCustomers", () => {
  it("merges same-day purchases and measures T to the day before asOf (weeks)", () => {
    const summaries = summarizeCustomers(events, { asOf, timeUnitDays: 7 })
    expect(summaries).toEqual([
      // b: one purchase day (Jan 22); T = Jan 28 - Jan 22 = 6 days
      { customerId: "b", x: 0, tx: 0, T: 6 / 7, monetary: 0 },
      // a: days Jan 1, 8, 15 -> x = 2, tx = 14 days = 2 weeks, T = 27 days,
      //    monetary = mean of the repeat days (20 and 30 + 10) = 30; Jan 1 (15) is excluded
      { customerId: "a", x: 2, tx: 2, T: 27 / 7, monetary: 30 },
    ])
  })

  it("counts unpriced purchases as repeats and averages the value over the priced repeat days only", () => {
    const unpriced = { value: 0, priced: false }
    const mixed: PurchaseEvent[] = [
      { customerId: "u", orderedAt: at(1), value: 10 },
      { customerId: "u", orderedAt: at(3), ...unpriced },
      { customerId: "u", orderedAt: at(5), value: 20 },
      { customerId: "u", orderedAt: at(7, 9), ...unpriced }, // with a priced one the same day: a priced day
      { customerId: "u", orderedAt: at(7, 18), value: 40 },
      { customerId: "v", orderedAt: at(2), value: 15 },
      { customerId: "v", orderedAt: at(4), ...unpriced },
      { customerId: "w", orderedAt: at(2), ...unpriced }, // an unpriced first day is excluded anyway
      { customerId: "w", orderedAt: at(6), value: 8, priced: true },
    ]
    expect(summarizeCustomers(mixed, { asOf, timeUnitDays: 1 })).toEqual([
      // u: repeat days 3, 5, 7 -> x = 3; priced ones 5 (20) and 7 (40)
      { customerId: "u", x: 3, tx: 6, T: 27, monetary: 30, pricedRepeats: 2 },
      // v: a repeat, none priced: monetary 0 as without repeats
      { customerId: "v", x: 1, tx: 2, T: 26, monetary: 0, pricedRepeats: 0 },
      // w: every repeat priced: pricedRepeats left out, as for a history without the flag
      { customerId: "w", x: 1, tx: 4, T: 26, monetary: 8 },
    ])
  })

  it("gives Gamma-Gamma the priced repeat days, so no priced repeat reads as no repeat", () => {
    expect(spendHistoryOf({ x: 3, monetary: 30, pricedRepeats: 2 })).toEqual({ x: 2, monetary: 30 })
    expect(spendHistoryOf({ x: 1, monetary: 0, pricedRepeats: 0 })).toEqual({ x: 0, monetary: 0 })
    expect(spendHistoryOf({ x: 4, monetary: 12 })).toEqual({ x: 4, monetary: 12 })
  })

  it("gives the same summaries whether `priced` is absent or true", () => {
    const flagged = events.map((e) => ({ ...e, priced: true }))
    expect(summarizeCustomers(flagged, { asOf, timeUnitDays: 7 })).toEqual(summarizeCustomers(events, { asOf, timeUnitDays: 7 }))
  })

  it("reports days when timeUnitDays = 1", () => {
    const [b, a] = summarizeCustomers(events, { asOf, timeUnitDays: 1 })
    expect(b).toMatchObject({ x: 0, tx: 0, T: 6 })
    expect(a).toMatchObject({ x: 2, tx: 14, T: 27 })
  })

  it("counts the asOf day itself when asOf is not at midnight", () => {
    const [, a] = summarizeCustomers(events, { asOf: at(29, 12), timeUnitDays: 1 })
    // The 00:00 purchase on Jan 29 is now inside: x = 3, tx = T = 28 days
    expect(a).toEqual({ customerId: "a", x: 3, tx: 28, T: 28, monetary: (20 + 40 + 99) / 3 })
  })

  it("gives the papers' T for CDNOW: first purchase 1997-01-01, asOf 1997-10-01 -> 38.857 weeks", () => {
    const [s] = summarizeCustomers([{ customerId: "1", orderedAt: Date.UTC(1997, 0, 1), value: 1 }], {
      asOf: Date.UTC(1997, 9, 1),
      timeUnitDays: 7,
    })
    expect(s.T).toBeCloseTo(272 / 7, 12)
    expect(s.T.toFixed(2)).toBe("38.86")
  })

  it("returns nothing for no events before asOf", () => {
    expect(summarizeCustomers([], { asOf, timeUnitDays: 7 })).toEqual([])
    expect(summarizeCustomers([events[8]], { asOf, timeUnitDays: 7 })).toEqual([])
  })

  it("validates options and events, naming the field", () => {
    expect(() => summarizeCustomers(events, { asOf, timeUnitDays: 0 })).toThrow(
      new InvalidInputError("timeUnitDays must be a finite number > 0, got 0")
    )
    expect(() => summarizeCustomers(events, { asOf: NaN, timeUnitDays: 7 })).toThrow(/asOf/)
    const bad = [{ customerId: "x", orderedAt: NaN, value: 1 }]
    expect(() => summarizeCustomers(bad, { asOf, timeUnitDays: 7 })).toThrow(/events\[0\]\.orderedAt/)
    const badValue = [{ customerId: "x", orderedAt: at(1), value: Infinity }]
    expect(() => summarizeCustomers(badValue, { asOf, timeUnitDays: 7 })).toThrow(/events\[0\]\.value/)
  })

  it("summarises 100k events of 5,000 customers quickly and deterministically", () => {
    const many: PurchaseEvent[] = []
    for (let i = 0; i < 100_000; i++) {
      // a fixed, scrambled pattern: customer (i * 7919) mod 5000, day (i * 104729) mod 365
      many.push({ customerId: `c${(i * 7919) % 5000}`, orderedAt: Date.UTC(2023, 0, 1) + ((i * 104729) % 365) * 86_400_000, value: i % 50 })
    }
    const started = Date.now()
    const first = summarizeCustomers(many, { asOf: Date.UTC(2024, 0, 1), timeUnitDays: 7 })
    expect(Date.now() - started).toBeLessThan(1000)
    expect(first).toHaveLength(5000)
    // 20 events per customer -> at most 19 repeat days; tx never beyond T
    expect(first.filter((s) => s.tx > s.T || s.x > 19)).toEqual([])
    const again = summarizeCustomers(many, { asOf: Date.UTC(2024, 0, 1), timeUnitDays: 7 })
    expect(JSON.stringify(again)).toBe(JSON.stringify(first))
  })
})
