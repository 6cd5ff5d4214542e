import { InvalidInputError } from "../../../../src/core/errors"
import { churnLabels, purchaseLabels } from "../../../../src/core/features/labels"
import { day, smallHistory } from "./history-fixture"

describe("purchase and churn labels", () => {
  // After day 200: A buys at day 200 (at the cutoff), D at day 205, B at day 210; C never.
  const customers = ["A", "B", "C", "D", "Z"]

  it("marks a purchase in [cutoff, cutoff + window): the cutoff itself counts, the window end does not", () => {
    expect(Array.from(purchaseLabels(smallHistory(), customers, day(200), 10))).toEqual([1, 0, 0, 1, 0])
    expect(Array.from(purchaseLabels(smallHistory(), customers, day(200), 10.5))).toEqual([1, 1, 0, 1, 0])
  })

  it("ignores lines before the cutoff", () => {
    // B's order at day 195.5 and 196 is before the cutoff; the window [196.5, 200) is empty.
    expect(Array.from(purchaseLabels(smallHistory(), customers, day(196.5), 3.5))).toEqual([0, 0, 0, 0, 0])
    // ... but [196, 200) holds B's second line.
    expect(Array.from(purchaseLabels(smallHistory(), customers, day(196), 4))).toEqual([0, 1, 0, 0, 0])
  })

  it("gives churn = 1 - purchase over the churn window", () => {
    expect(Array.from(churnLabels(smallHistory(), customers, day(200), 10))).toEqual([0, 1, 1, 0, 1])
    expect(Array.from(churnLabels(smallHistory(), ["C", "B"], day(200), 30))).toEqual([1, 0])
  })

  it("returns labels in the order of customerIds, none past the last line", () => {
    expect(Array.from(purchaseLabels(smallHistory(), ["D", "A"], day(200), 10))).toEqual([1, 1])
    expect(Array.from(purchaseLabels(smallHistory(), ["A"], day(300), 10))).toEqual([0])
    expect(purchaseLabels(smallHistory(), [], day(200), 10)).toHaveLength(0)
  })

  it("validates the cutoff and the window", () => {
    expect(() => purchaseLabels(smallHistory(), customers, day(200), 0)).toThrow(
      new InvalidInputError("windowDays must be a finite number > 0, got 0")
    )
    expect(() => churnLabels(smallHistory(), customers, Number.POSITIVE_INFINITY, 10)).toThrow(
      new InvalidInputError("cutoff must be a finite epoch ms, got Infinity")
    )
  })
})
