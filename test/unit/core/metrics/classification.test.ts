import {
  bestF1Threshold,
  brier,
  calibrationTable,
  confusionAt,
  logLoss,
  prAuc,
  rocAuc,
  rocCurve,
} from "../../../../src/core/metrics/classification"

describe("rocAuc", () => {
  it("counts correctly ordered positive/negative pairs", () => {
    // Pairs (pos, neg): 0.35>0.1, 0.35<0.4, 0.8>0.1, 0.8>0.4 -> 3 of 4.
    expect(rocAuc([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8])).toBeCloseTo(0.75, 15)
  })

  it("gives tied positive/negative pairs one half (average ranks)", () => {
    // Ranks: 0.2 -> 1, 0.5 and 0.5 -> 2.5, 0.9 -> 4. Positives: 2.5 + 4 - 3 = 3.5 over 2 · 2 pairs.
    expect(rocAuc([0, 1, 0, 1], [0.5, 0.5, 0.2, 0.9])).toBeCloseTo(0.875, 15)
    expect(rocAuc([1, 0], [0.3, 0.3])).toBe(0.5)
  })

  it("is 1 for a perfect ranking and 0 for a reversed one", () => {
    expect(rocAuc([0, 0, 1], [1, 2, 3])).toBe(1)
    expect(rocAuc([0, 0, 1], [3, 2, 1])).toBe(0)
  })

  it("needs both classes", () => {
    expect(() => rocAuc([1, 1], [0.1, 0.2])).toThrow("both classes")
  })
})

describe("rocCurve", () => {
  const third = 1 / 3
  // positives at ranks 1, 2, 4 of 6: up, up, right, up, right, right
  const y = [1, 1, 0, 1, 0, 0]
  const scores = [0.9, 0.8, 0.7, 0.6, 0.5, 0.4]
  const fullCurve = [
    { fpr: 0, tpr: 0 },
    { fpr: 0, tpr: third },
    { fpr: 0, tpr: 2 * third },
    { fpr: third, tpr: 2 * third },
    { fpr: third, tpr: 1 },
    { fpr: 2 * third, tpr: 1 },
    { fpr: 1, tpr: 1 },
  ]

  it("steps up for a positive and right for a negative, from (0, 0) to (1, 1)", () => {
    expect(rocCurve(y, scores)).toEqual(fullCurve)
  })

  it("takes tied scores together, as one diagonal step", () => {
    expect(rocCurve([1, 0], [0.3, 0.3])).toEqual([
      { fpr: 0, tpr: 0 },
      { fpr: 1, tpr: 1 },
    ])
    expect(rocCurve([0, 1, 0, 1], [0.5, 0.5, 0.2, 0.9])).toEqual([
      { fpr: 0, tpr: 0 },
      { fpr: 0, tpr: 0.5 },
      { fpr: 0.5, tpr: 1 },
      { fpr: 1, tpr: 1 },
    ])
  })

  it("encloses the area rocAuc gives (trapezoids, ties included)", () => {
    const cases: Array<[number[], number[]]> = [
      [y, scores],
      [[0, 1, 0, 1, 1, 0, 0], [0.5, 0.5, 0.2, 0.9, 0.2, 0.7, 0.1]],
    ]
    for (const [labels, s] of cases) {
      const curve = rocCurve(labels, s)
      let area = 0
      for (let k = 1; k < curve.length; k++) area += ((curve[k].fpr - curve[k - 1].fpr) * (curve[k].tpr + curve[k - 1].tpr)) / 2
      expect(area).toBeCloseTo(rocAuc(labels, s), 12)
    }
  })

  it("keeps at most maxPoints points, evenly spread, ends included", () => {
    expect(rocCurve(y, scores, 3)).toEqual([fullCurve[0], fullCurve[3], fullCurve[6]])
    expect(rocCurve(y, scores, 2)).toEqual([fullCurve[0], fullCurve[6]])
    expect(rocCurve(y, scores, 7)).toEqual(fullCurve)
  })

  it("refuses one class only and fewer than two points", () => {
    expect(() => rocCurve([1, 1], [0.1, 0.2])).toThrow("both classes")
    expect(() => rocCurve(y, scores, 1)).toThrow(new RangeError("maxPoints must be an integer >= 2, got 1"))
  })
})

describe("prAuc (average precision)", () => {
  it("matches the step-wise sum over thresholds", () => {
    // 0.8: P 1, R 0.5; 0.4: P 1/2, R 0.5; 0.35: P 2/3, R 1 -> 0.5 · 1 + 0.5 · 2/3.
    expect(prAuc([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8])).toBeCloseTo(5 / 6, 15)
  })

  it("enters tied scores together, independent of row order", () => {
    // One threshold at 0.5 holding one positive and one negative: P 1/2, R 1.
    expect(prAuc([1, 0], [0.5, 0.5])).toBe(0.5)
    expect(prAuc([0, 1], [0.5, 0.5])).toBe(0.5)
    // 0.9: P 1, R 1/2; 0.5 (one positive, one negative): P 2/3, R 1 -> 1/2 + 1/3.
    expect(prAuc([1, 0, 1, 0], [0.5, 0.5, 0.9, 0.1])).toBeCloseTo(5 / 6, 15)
  })

  it("needs a positive", () => {
    expect(() => prAuc([0, 0], [0.1, 0.2])).toThrow("positive label")
  })
})

describe("logLoss and brier", () => {
  it("computes the mean cross-entropy", () => {
    // -(ln 0.8 + ln 0.7) / 2
    expect(logLoss([1, 0], [0.8, 0.3])).toBeCloseTo(0.2899092476264711, 14)
  })

  it("clips probabilities to [1e-15, 1 - 1e-15]", () => {
    expect(logLoss([1], [0])).toBeCloseTo(-Math.log(1e-15), 10)
    expect(logLoss([0], [1])).toBeCloseTo(-Math.log(1e-15), 1)
    expect(Number.isFinite(logLoss([0], [1]))).toBe(true)
  })

  it("computes the mean squared error of probabilities", () => {
    // (0.01 + 0.04 + 0.16) / 3
    expect(brier([1, 0, 1], [0.9, 0.2, 0.6])).toBeCloseTo(0.07, 15)
  })
})

describe("confusionAt", () => {
  const y = [1, 1, 0, 0, 1]
  const p = [0.9, 0.5, 0.5, 0.2, 0.1]

  it("counts p >= threshold as positive", () => {
    const c = confusionAt(y, p, 0.5)
    expect([c.tp, c.fp, c.tn, c.fn]).toEqual([2, 1, 1, 1])
    expect(c.accuracy).toBeCloseTo(3 / 5, 15)
    expect(c.precision).toBeCloseTo(2 / 3, 15)
    expect(c.recall).toBeCloseTo(2 / 3, 15)
    expect(c.f1).toBeCloseTo(2 / 3, 15)
  })

  it("gives precision, recall and F1 of 0 when nothing is predicted positive", () => {
    expect(confusionAt(y, p, 0.95)).toEqual({
      tp: 0,
      fp: 0,
      tn: 2,
      fn: 3,
      accuracy: 2 / 5,
      precision: 0,
      recall: 0,
      f1: 0,
    })
  })
})

describe("bestF1Threshold", () => {
  it("searches the distinct probabilities", () => {
    // F1 = 2TP / (TP + FP + P), P = 3: 0.9 -> 2/4, 0.5 -> 4/6, 0.2 -> 4/7, 0.1 -> 6/8.
    expect(bestF1Threshold([1, 1, 0, 0, 1], [0.9, 0.5, 0.5, 0.2, 0.1])).toEqual({ threshold: 0.1, f1: 0.75 })
  })

  it("agrees with confusionAt at the chosen threshold", () => {
    const y = [0, 1, 0, 1, 1, 0, 0]
    const p = [0.05, 0.8, 0.6, 0.6, 0.3, 0.2, 0.9]
    const best = bestF1Threshold(y, p)
    expect(confusionAt(y, p, best.threshold).f1).toBeCloseTo(best.f1, 15)
    for (const t of p) expect(confusionAt(y, p, t).f1).toBeLessThanOrEqual(best.f1 + 1e-15)
  })

  it("prefers the highest threshold on equal F1", () => {
    // 0.8 -> TP 1, FP 0: 2/3; 0.4 -> TP 2, FP 2: 4/6.
    expect(bestF1Threshold([1, 1, 0, 0], [0.8, 0.4, 0.4, 0.4])).toEqual({ threshold: 0.8, f1: 2 / 3 })
  })
})

describe("calibrationTable", () => {
  it("groups probabilities into equal-width bins, last bin closed at 1", () => {
    const [low, high, ...rest] = calibrationTable([0, 1, 0, 1, 1], [0.1, 0.4, 0.5, 0.9, 1], 2)
    expect(rest).toEqual([])
    expect(low).toEqual({ binStart: 0, binEnd: 0.5, count: 2, meanPredicted: 0.25, fractionPositive: 0.5 })
    expect(high).toMatchObject({ binStart: 0.5, binEnd: 1, count: 3, fractionPositive: 2 / 3 })
    expect(high.meanPredicted).toBeCloseTo(0.8, 15)
  })

  it("leaves out empty bins and puts edge values in the bin they start", () => {
    const table = calibrationTable([0, 1, 0, 1, 1], [0.1, 0.4, 0.6, 0.9, 1], 5)
    expect(table.map((row) => [row.binStart, row.count])).toEqual([
      [0, 1],
      [0.4, 1],
      [0.6, 1],
      [0.8, 2],
    ])
  })

  it("defaults to 10 bins", () => {
    const table = calibrationTable([0, 1], [0.05, 0.95])
    expect(table.map((row) => row.binStart)).toEqual([0, 0.9])
  })
})

describe("input validation", () => {
  it("throws a RangeError naming the argument", () => {
    expect(() => rocAuc([], [])).toThrow(new RangeError("yTrue is empty"))
    expect(() => prAuc([0, 1], [0.1])).toThrow(new RangeError("scores has 1 values, yTrue has 2"))
    expect(() => logLoss([0, 2], [0.1, 0.2])).toThrow(new RangeError("yTrue[1] must be 0 or 1, got 2"))
    expect(() => brier([0, 1], [0.1, 1.2])).toThrow(new RangeError("probs[1] must be in [0, 1], got 1.2"))
    expect(() => rocAuc([0, 1], [0.1, Number.NaN])).toThrow(new RangeError("scores[1] is not a finite number, got NaN"))
    expect(() => confusionAt([1], [0.5, 0.2], 0.5)).toThrow(RangeError)
    expect(() => calibrationTable([1], [0.5], 0)).toThrow(new RangeError("bins must be an integer >= 1, got 0"))
  })
})
