import {
  catalogueCoverage,
  hitRateAtK,
  meanOverUsers,
  mrrAtK,
  ndcgAtK,
  precisionAtK,
  recallAtK,
} from "../../../../src/core/metrics/ranking"

// Ranked a, b, c, d against truth {b, d, e}: relevant at ranks 2 and 4.
const ranked = ["a", "b", "c", "d"]
const truth = new Set(["b", "d", "e"])
const LOG2_3 = Math.log2(3)
const LOG2_5 = Math.log2(5)

describe("precision, recall, hit rate and reciprocal rank at k", () => {
  it("count the relevant items among the top k", () => {
    expect(precisionAtK(ranked, truth, 3)).toBeCloseTo(1 / 3, 15)
    expect(precisionAtK(ranked, truth, 4)).toBe(0.5)
    expect(recallAtK(ranked, truth, 3)).toBeCloseTo(1 / 3, 15)
    expect(recallAtK(ranked, truth, 4)).toBeCloseTo(2 / 3, 15)
    expect(hitRateAtK(ranked, truth, 1)).toBe(0)
    expect(hitRateAtK(ranked, truth, 2)).toBe(1)
    expect(mrrAtK(ranked, truth, 1)).toBe(0)
    expect(mrrAtK(ranked, truth, 4)).toBe(0.5)
  })

  it("divide precision by k even when the list is shorter", () => {
    expect(precisionAtK(["b"], truth, 10)).toBe(0.1)
  })
})

describe("ndcgAtK", () => {
  it("discounts each hit by log2(rank + 1) and divides by the ideal DCG over min(k, |truth|)", () => {
    // k = 3: DCG = 1/log2(3); ideal = 1 + 1/log2(3) + 1/log2(4).
    expect(ndcgAtK(ranked, truth, 3)).toBeCloseTo(1 / LOG2_3 / (1 + 1 / LOG2_3 + 0.5), 14)
    // k = 4: DCG = 1/log2(3) + 1/log2(5); the ideal still has 3 terms (|truth| = 3).
    expect(ndcgAtK(ranked, truth, 4)).toBeCloseTo((1 / LOG2_3 + 1 / LOG2_5) / (1 + 1 / LOG2_3 + 0.5), 14)
  })

  it("is 1 when the only relevant item comes first, whatever k", () => {
    expect(ndcgAtK(["x", "y"], new Set(["x"]), 10)).toBe(1)
  })
})

describe("argument checks", () => {
  it("rejects a k that is not a positive integer", () => {
    expect(() => precisionAtK(ranked, truth, 0)).toThrow("k must be a positive integer, got 0")
    expect(() => ndcgAtK(ranked, truth, 2.5)).toThrow(RangeError)
  })

  it("rejects an empty truth where the metric is undefined", () => {
    expect(() => recallAtK(ranked, new Set<string>(), 3)).toThrow("truth is empty")
    expect(() => ndcgAtK(ranked, new Set<string>(), 3)).toThrow("truth is empty")
    expect(hitRateAtK(ranked, new Set<string>(), 3)).toBe(0)
  })

  it("rejects an item listed twice within the top k", () => {
    expect(() => precisionAtK(["a", "b", "a"], truth, 3)).toThrow("ranked repeats an item at rank 3: a")
    expect(precisionAtK(["a", "b", "a"], truth, 2)).toBe(0.5)
  })
})

describe("meanOverUsers", () => {
  it("averages a metric over the cases", () => {
    const cases = [
      { ranked, truth },
      { ranked: ["e"], truth: new Set(["e"]) },
    ]
    expect(meanOverUsers(cases, mrrAtK, 4)).toBe(0.75)
    expect(meanOverUsers(cases, hitRateAtK, 1)).toBe(0.5)
    expect(() => meanOverUsers([], mrrAtK, 4)).toThrow("cases is empty")
  })
})

describe("catalogueCoverage", () => {
  it("is the share of the catalogue shown in at least one list", () => {
    expect(catalogueCoverage([["a", "b"], ["b", "c"], []], 4)).toBe(0.75)
    expect(() => catalogueCoverage([["a"]], 0)).toThrow("catalogueSize must be a positive integer, got 0")
  })
})
