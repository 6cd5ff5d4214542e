import { createSeasonalClock, seasonalWeight } from "../../../../src/core/simulate/seasonal-clock"

const DAY = 86_400_000

describe("seasonal clock", () => {
  it("averages about 1 over a calendar year, peaking in mid-December", () => {
    const start = Date.UTC(2025, 0, 1)
    let sum = 0
    for (let day = 0; day < 365; day++) sum += seasonalWeight(start + day * DAY)
    // Exactly 1 for each shape alone; their product is off by the weekday mix of the peak weeks.
    expect(sum / 365).toBeCloseTo(1, 4)
    // Both Fridays: the same weekday, so only the year-end shape differs.
    expect(seasonalWeight(Date.UTC(2025, 11, 12)) / seasonalWeight(Date.UTC(2025, 5, 13))).toBeCloseTo(2.2, 10)
    // Sunday 1.25 against Saturday 0.85, far from the peak.
    expect(seasonalWeight(Date.UTC(2025, 5, 15)) / seasonalWeight(Date.UTC(2025, 5, 14))).toBeCloseTo(1.25 / 0.85, 2)
  })

  it("maps store time to whole-second instants inside the period, in order", () => {
    const start = Date.UTC(2025, 2, 1)
    const clock = createSeasonalClock(start, 10)
    let expected = 0
    for (let day = 0; day < 10; day++) expected += seasonalWeight(start + day * DAY)
    expect(clock.total).toBeCloseTo(expected, 10)
    expect(clock.instantAt(0)).toBe(start)
    expect(clock.instantAt(clock.total * (1 - 1e-12))).toBeLessThan(start + 10 * DAY)
    let previous = start
    for (let k = 1; k < 1000; k++) {
      const at = clock.instantAt((clock.total * k) / 1000)
      expect(at % 1000).toBe(0)
      expect(at).toBeGreaterThanOrEqual(previous)
      previous = at
    }
  })

  it("puts more store time into the evening than into the night", () => {
    const clock = createSeasonalClock(Date.UTC(2025, 2, 3), 1)
    const hours = new Array<number>(24).fill(0)
    for (let k = 0; k < 2400; k++) hours[new Date(clock.instantAt((clock.total * (k + 0.5)) / 2400)).getUTCHours()]++
    // HOUR_WEIGHTS sum to 20: hour 20 holds 1.7 / 20 of the day, hour 4 holds 0.06 / 20.
    expect(hours[20]).toBe((2400 * 1.7) / 20)
    expect(hours[4]).toBe(Math.round((2400 * 0.06) / 20))
  })
})
