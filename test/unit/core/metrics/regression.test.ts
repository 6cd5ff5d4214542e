import { averageRanks, mae, rmse, spearman, topShareCaptured } from "../../../../src/core/metrics/regression"

describe("mae and rmse", () => {
  it("compute the mean absolute and root mean squared errors", () => {
    // Errors 1, 0, 2: MAE = 3/3, RMSE = sqrt(5/3).
    expect(mae([1, 2, 3], [2, 2, 5])).toBe(1)
    expect(rmse([1, 2, 3], [2, 2, 5])).toBeCloseTo(Math.sqrt(5 / 3), 15)
    expect(rmse([4, 4], [4, 4])).toBe(0)
  })
})

describe("averageRanks", () => {
  it("gives tied values the mean of the ranks they span", () => {
    expect(Array.from(averageRanks([10, 30, 20, 30, 30, 5]))).toEqual([2, 5, 3, 5, 5, 1])
  })
})

describe("spearman", () => {
  it("is 1 for any increasing relation and -1 for a decreasing one", () => {
    expect(spearman([1, 2, 3, 4], [1, 8, 27, 64])).toBeCloseTo(1, 15)
    expect(spearman([1, 2, 3, 4], [4, 3, 2, 1])).toBeCloseTo(-1, 15)
  })

  it("uses average ranks for ties", () => {
    // Ranks (1, 2.5, 2.5, 4) and (1, 2, 3, 4): covariance 4.5, variances 4.5 and 5 -> 4.5 / sqrt(22.5).
    expect(spearman([1, 2, 2, 3], [10, 20, 30, 40])).toBeCloseTo(4.5 / Math.sqrt(22.5), 14)
  })

  it("is 0 when one side is constant", () => {
    expect(spearman([1, 2, 3], [7, 7, 7])).toBe(0)
  })
})

describe("topShareCaptured", () => {
  const actual = [10, 0, 5, 85, 0, 0, 0, 0, 0, 0]
  const predicted = [3, 2, 1, 9, 0, 0, 0, 0, 0, 0]

  it("sums the actual values of the top fraction ranked by prediction", () => {
    expect(topShareCaptured(actual, predicted)).toBeCloseTo(0.85, 15) // top 1 of 10
    expect(topShareCaptured(actual, predicted, 0.2)).toBeCloseTo(0.95, 15) // top 2
    expect(topShareCaptured(actual, predicted, 1)).toBe(1)
  })

  it("takes k = ceil(fraction · n) rows, at least one", () => {
    // 0.1 · 30 is 3.0000000000000004 in floating point; k must still be 3.
    const many = Array.from({ length: 30 }, (_, i) => i + 1)
    const total = (30 * 31) / 2
    expect(topShareCaptured(many, many, 0.1)).toBeCloseTo((30 + 29 + 28) / total, 15)
    expect(topShareCaptured([1, 3], [1, 3], 0.01)).toBeCloseTo(0.75, 15)
  })

  it("shares the cut-off among rows tied on the prediction, whatever their order", () => {
    // One slot, two rows tied at the top holding 4 and 2: each contributes half -> 3 / 6.
    expect(topShareCaptured([4, 2, 0, 0], [1, 1, 0, 0], 0.25)).toBeCloseTo(0.5, 15)
    expect(topShareCaptured([2, 4, 0, 0], [1, 1, 0, 0], 0.25)).toBeCloseTo(0.5, 15)
  })

  it("validates its inputs", () => {
    expect(() => topShareCaptured([0, 0], [1, 2])).toThrow(new RangeError("actual must have a positive total, got 0"))
    expect(() => topShareCaptured([1, 2], [1, 2], 0)).toThrow(new RangeError("fraction must be in (0, 1], got 0"))
    expect(() => mae([], [])).toThrow(new RangeError("actual is empty"))
    expect(() => rmse([1, 2], [1])).toThrow(new RangeError("predicted has 1 values, actual has 2"))
    expect(() => spearman([1, Number.NaN], [1, 2])).toThrow(new RangeError("actual[1] is not a finite number, got NaN"))
  })
})
