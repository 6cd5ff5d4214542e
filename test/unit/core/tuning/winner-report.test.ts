import { rankedImportance } from "../../../../src/core/tuning"
import { winnerMetrics } from "../../../../src/core/tuning/winner-report"

describe("rankedImportance", () => {
  it("normalises to shares summing to 1 and sorts largest first, column order on ties", () => {
    expect(rankedImportance([1, 2, 0, 1], ["a", "b", "c", "d"])).toEqual([
      { feature: "b", importance: 0.5 },
      { feature: "a", importance: 0.25 },
      { feature: "d", importance: 0.25 },
      { feature: "c", importance: 0 },
    ])
  })

  it("gives every feature 0 when the learner uses none", () => {
    expect(rankedImportance([0, 0], ["a", "b"])).toEqual([
      { feature: "a", importance: 0 },
      { feature: "b", importance: 0 },
    ])
  })
})

describe("winnerMetrics", () => {
  it("reports the rates at the threshold and the ranking figures, computed by hand", () => {
    // p >= 0.5 -> predicted positive: TP = 2 (0.9, 0.6), FP = 1 (0.7), FN = 1 (0.2), TN = 1 (0.1).
    const y = [1, 0, 1, 1, 0]
    const p = [0.9, 0.7, 0.6, 0.2, 0.1]
    const report = winnerMetrics(y, p, 0.5, [2, 6], ["x", "z"])
    expect(report.accuracy).toBeCloseTo(3 / 5, 12)
    expect(report.precision).toBeCloseTo(2 / 3, 12)
    expect(report.recall).toBeCloseTo(2 / 3, 12)
    expect(report.f1).toBeCloseTo(2 / 3, 12)
    // Pairs (positive, negative) ranked right: 0.9 beats both, 0.6 beats 0.1, 0.2 beats 0.1 -> 4 of 6.
    expect(report.rocAuc).toBeCloseTo(4 / 6, 12)
    // AP = 1/3 * 1 + 1/3 * 2/3 + 1/3 * 3/4
    expect(report.prAuc).toBeCloseTo((1 + 2 / 3 + 3 / 4) / 3, 12)
    expect(report.brier).toBeCloseTo((0.01 + 0.49 + 0.16 + 0.64 + 0.01) / 5, 12)
    expect(report.calibrationTable.map((bin) => bin.count)).toEqual([1, 1, 1, 1, 1])
    expect(report.featureImportance).toEqual([
      { feature: "z", importance: 0.75 },
      { feature: "x", importance: 0.25 },
    ])
  })
})
