import { buildOrderHistory, type OrderHistory, type OrderLine } from "../../../../src/core/data/types"
import { InvalidInputError, NotEnoughDataError } from "../../../../src/core/errors"
import { buildFeatureRows } from "../../../../src/core/features/customer-features"
import { FEATURE_COUNT, FEATURE_NAMES } from "../../../../src/core/features/feature-names"
import { purchaseLabels } from "../../../../src/core/features/labels"
import { buildStackedSet, chooseCutoffs, type ChosenCutoffs } from "../../../../src/core/features/training-set"
import { createRandom } from "../../../../src/core/random"
import { day, line, randomLines } from "./history-fixture"

const isoDates = (times: number[]): string[] => times.map((t) => new Date(t).toISOString().slice(0, 10))

describe("chooseCutoffs", () => {
  // First line on day 0 (2024-01-01).
  const history = buildOrderHistory([line("A", "1", 0, "P", 1, 1), line("B", "2", 380, "P", 1, 1)])

  it("puts validation at asOf - horizon and steps training cutoffs back from validation - horizon", () => {
    const cutoffs = chooseCutoffs(history, day(400), { horizonDays: 90 })
    expect(cutoffs.asOf).toBe(day(400))
    expect(cutoffs.horizonDays).toBe(90)
    expect(cutoffs.validationCutoff).toBe(day(310))
    // 220 = 310 - 90, then every 30 days, at most 6, oldest first
    expect(cutoffs.trainingCutoffs).toEqual([70, 100, 130, 160, 190, 220].map(day))
  })

  it("stops at minHistoryDays after the first line", () => {
    // 10 would leave 10 days of history, fewer than 30
    expect(chooseCutoffs(history, day(400), { horizonDays: 90, maxTrainingCutoffs: 10 }).trainingCutoffs).toEqual(
      [40, 70, 100, 130, 160, 190, 220].map(day)
    )
    expect(
      chooseCutoffs(history, day(400), { horizonDays: 90, maxTrainingCutoffs: 10, minHistoryDays: 0 }).trainingCutoffs
    ).toEqual([10, 40, 70, 100, 130, 160, 190, 220].map(day))
    expect(chooseCutoffs(history, day(400), { horizonDays: 90, stepDays: 60 }).trainingCutoffs).toEqual(
      [40, 100, 160, 220].map(day)
    )
  })

  it("gives the calendar dates of the Online Retail protocol for asOf 2011-12-09", () => {
    const retail = buildOrderHistory([{ ...line("A", "1", 0, "P", 1, 1), orderedAt: Date.UTC(2010, 11, 1, 8, 26) }])
    const cutoffs = chooseCutoffs(retail, Date.UTC(2011, 11, 9), { horizonDays: 90 })
    expect(isoDates([cutoffs.validationCutoff])).toEqual(["2011-09-10"])
    expect(isoDates(cutoffs.trainingCutoffs)).toEqual([
      "2011-01-13",
      "2011-02-12",
      "2011-03-14",
      "2011-04-13",
      "2011-05-13",
      "2011-06-12",
    ])
  })

  it("throws NotEnoughDataError naming the missing cutoff", () => {
    expect(() => chooseCutoffs(history, day(100), { horizonDays: 90 })).toThrow(
      new NotEnoughDataError([
        "a validation cutoff: asOf - 90 days = 2024-01-11, but a cutoff needs 30 days of history after the first order " +
          "(2024-01-01), so not before 2024-01-31",
      ])
    )
    expect(() => chooseCutoffs(history, day(150), { horizonDays: 90 })).toThrow(
      new NotEnoughDataError([
        "a training cutoff: the latest one, 2023-12-02 (validation cutoff 2024-03-01 - 90 days), is earlier than " +
          "2024-01-31 (30 days after the first order); about 210 days of history are needed",
      ])
    )
    expect(() => chooseCutoffs(buildOrderHistory([]), day(400), { horizonDays: 90 })).toThrow(NotEnoughDataError)
    expect(() => chooseCutoffs(history, day(0), { horizonDays: 90 })).toThrow(NotEnoughDataError)
  })

  it("validates its options, naming each", () => {
    const bad: [Parameters<typeof chooseCutoffs>[2], string][] = [
      [{ horizonDays: 0 }, "horizonDays must be a finite number > 0, got 0"],
      [{ horizonDays: 90, stepDays: -1 }, "stepDays must be a finite number > 0, got -1"],
      [{ horizonDays: 90, maxTrainingCutoffs: 0 }, "maxTrainingCutoffs must be an integer >= 1, got 0"],
      [{ horizonDays: 90, minHistoryDays: -5 }, "minHistoryDays must be a finite number >= 0, got -5"],
    ]
    for (const [options, message] of bad) {
      expect(() => chooseCutoffs(history, day(400), options)).toThrow(new InvalidInputError(message))
    }
    expect(() => chooseCutoffs(history, Number.NaN, { horizonDays: 90 })).toThrow(InvalidInputError)
  })
})

describe("buildStackedSet", () => {
  const AS_OF = day(380)
  const allLines = randomLines(40, createRandom(11))
  const beforeAsOf = buildOrderHistory(allLines.filter((l) => l.orderedAt < AS_OF))
  const options = { horizonDays: 60, labelWindowDays: 60 }
  const cutoffs = chooseCutoffs(beforeAsOf, AS_OF, { horizonDays: 60, maxTrainingCutoffs: 3 })
  const set = buildStackedSet(beforeAsOf, cutoffs, options)

  it("stacks the rows and purchase labels of each training cutoff, oldest first", () => {
    expect(cutoffs.validationCutoff).toBe(day(320))
    expect(cutoffs.trainingCutoffs).toEqual([200, 230, 260].map(day))
    expect(set.featureNames).toEqual(FEATURE_NAMES)
    expect(set.training.cutoffs).toEqual(cutoffs.trainingCutoffs)
    let offset = 0
    cutoffs.trainingCutoffs.forEach((cutoff, index) => {
      const rows = buildFeatureRows(beforeAsOf, cutoff, { horizonDays: 60 })
      const n = rows.customerIds.length
      expect(n).toBeGreaterThan(20)
      expect(rows.bgnbdFitted).toBe(true)
      expect(set.training.bgnbdFitted[index]).toBe(true)
      expect(set.training.X.data.slice(offset * FEATURE_COUNT, (offset + n) * FEATURE_COUNT)).toEqual(rows.values)
      expect(set.training.y.slice(offset, offset + n)).toEqual(purchaseLabels(beforeAsOf, rows.customerIds, cutoff, 60))
      expect(set.training.customerIds.slice(offset, offset + n)).toEqual(rows.customerIds)
      expect(set.training.countries.slice(offset, offset + n)).toEqual(rows.countries)
      expect(Array.from(set.training.cutoffIndex.slice(offset, offset + n))).toEqual(new Array(n).fill(index))
      offset += n
    })
    expect(set.training.X.rows).toBe(offset)
    expect(set.training.X.cols).toBe(FEATURE_COUNT)
    const positives = set.training.y.reduce((sum, y) => sum + y, 0)
    expect(positives).toBeGreaterThan(0)
    expect(positives).toBeLessThan(offset)
  })

  it("keeps the validation block apart, at the validation cutoff", () => {
    const rows = buildFeatureRows(beforeAsOf, day(320), { horizonDays: 60 })
    expect(set.validation.cutoff).toBe(day(320))
    expect(set.validation.bgnbdFitted).toBe(rows.bgnbdFitted)
    expect(set.validation.X.data).toEqual(rows.values)
    expect(set.validation.customerIds).toEqual(rows.customerIds)
    expect(set.validation.y).toEqual(purchaseLabels(beforeAsOf, rows.customerIds, day(320), 60))
  })

  it("gives churn labels (1 - purchase) on request", () => {
    const churn = buildStackedSet(beforeAsOf, cutoffs, { ...options, label: "churn" })
    expect(Array.from(churn.training.y)).toEqual(Array.from(set.training.y, (y) => 1 - y))
    expect(Array.from(churn.validation.y)).toEqual(Array.from(set.validation.y, (y) => 1 - y))
  })

  it("never uses lines at or after asOf: later orders and poison lines change nothing", () => {
    const validationNonBuyer = set.validation.customerIds.find((_, i) => set.validation.y[i] === 0)
    expect(validationNonBuyer).toBeDefined()
    const poison: OrderLine[] = [
      line(validationNonBuyer ?? "", "poison-1", 380, "P1", 1000, 1000, { country: "Narnia" }), // exactly at asOf
      line("c0", "poison-2", 380.5, "P99", 50, 9999, { category: "x", country: "Narnia" }),
      line("newcomer", "poison-3", 390, "P1", 1, 1),
    ]
    const poisoned = buildOrderHistory([...allLines, ...poison])
    expect(poisoned.lines.length).toBeGreaterThan(beforeAsOf.lines.length + poison.length)
    const again = buildStackedSet(poisoned, chooseCutoffs(poisoned, AS_OF, { horizonDays: 60, maxTrainingCutoffs: 3 }), options)
    expect(again).toEqual(set)
  })

  it("reads no field but the time of a line at or after asOf", () => {
    const trapped: OrderHistory = { ...beforeAsOf, lines: [...beforeAsOf.lines, trapLine(380), trapLine(400)] }
    expect(buildStackedSet(trapped, cutoffs, options)).toEqual(set)
  })

  it("refuses a label window that would reach past the next cutoff", () => {
    expect(() => buildStackedSet(beforeAsOf, cutoffs, { horizonDays: 60, labelWindowDays: 61 })).toThrow(
      new InvalidInputError(
        "labelWindowDays = 61 makes the label window after cutoff 2024-09-17 end after 2024-11-16; " +
          "it must be at most the cutoffs' horizon (60 days)"
      )
    )
    const tooLate: ChosenCutoffs = { ...cutoffs, trainingCutoffs: [day(300)] }
    expect(() => buildStackedSet(beforeAsOf, tooLate, options)).toThrow(InvalidInputError)
  })
})

/** A line whose only readable field is its time. */
function trapLine(days: number): OrderLine {
  const fail = (field: string): never => {
    throw new Error(`read ${field} of a line at or after asOf (day ${days})`)
  }
  return {
    orderedAt: day(days),
    get orderId(): string {
      return fail("orderId")
    },
    get customerId(): string {
      return fail("customerId")
    },
    get productId(): string {
      return fail("productId")
    },
    get quantity(): number {
      return fail("quantity")
    },
    get unitPrice(): number {
      return fail("unitPrice")
    },
  }
}
