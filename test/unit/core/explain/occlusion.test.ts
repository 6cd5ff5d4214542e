import { InvalidInputError } from "../../../../src/core/errors"
import { occlusionContributions, groupColumnsByPrefix } from "../../../../src/core/explain/occlusion"
import { matrixFromRows, type Matrix } from "../../../../src/core/linalg/matrix"

const coef = [2, -3, 0.5, 4]
const bias = 1

/** p = bias + coef . x, and counts its calls. */
function linearPredictor() {
  const calls: number[] = []
  const predict = (X: Matrix): Float64Array => {
    calls.push(X.rows)
    const out = new Float64Array(X.rows)
    for (let i = 0; i < X.rows; i++) {
      let p = bias
      for (let j = 0; j < X.cols; j++) p += coef[j] * X.data[i * X.cols + j]
      out[i] = p
    }
    return out
  }
  return { predict, calls }
}

const X = matrixFromRows([
  [1, 2, 4, 0],
  [5, 0, 2, 1],
  [3, 3, 0, 1],
])
const reference = Float64Array.from([3, 1, 2, 0])

describe("occlusionContributions", () => {
  it("equals coef * (x - reference) for a linear predictor, one predict call per column plus one", () => {
    const { predict, calls } = linearPredictor()
    const result = occlusionContributions(predict, X, reference)
    expect(result.map((r) => Array.from(r))).toEqual([
      [2 * (1 - 3), -3 * (2 - 1), 0.5 * (4 - 2), 4 * (0 - 0)],
      [2 * (5 - 3), -3 * (0 - 1), 0.5 * (2 - 2), 4 * (1 - 0)],
      [2 * (3 - 3), -3 * (3 - 1), 0.5 * (0 - 2), 4 * (1 - 0)],
    ])
    expect(calls).toEqual([3, 3, 3, 3, 3])
  })

  it("explains a group of columns together as the sum of their terms", () => {
    const { predict, calls } = linearPredictor()
    const result = occlusionContributions(predict, X, reference, [[0], [2, 3]])
    expect(result.map((r) => Array.from(r))).toEqual([
      [-4, 0.5 * 2 + 4 * 0],
      [4, 0.5 * 0 + 4 * 1],
      [0, 0.5 * -2 + 4 * 1],
    ])
    expect(calls).toEqual([3, 3, 3])
  })

  it("leaves the input matrix unchanged", () => {
    const before = Array.from(X.data)
    occlusionContributions(linearPredictor().predict, X, reference, [[1, 3]])
    expect(Array.from(X.data)).toEqual(before)
  })

  it("returns no rows for a matrix without rows", () => {
    expect(occlusionContributions(linearPredictor().predict, matrixFromRows([]), new Float64Array(0))).toEqual([])
  })

  it("rejects a reference of the wrong width, bad groups and a predictor of the wrong length", () => {
    const { predict } = linearPredictor()
    expect(() => occlusionContributions(predict, X, Float64Array.from([1, 2]))).toThrow(
      new InvalidInputError("reference has 2 values, expected 4 (one per column)", "reference")
    )
    expect(() => occlusionContributions(predict, X, reference, [[0, 4]])).toThrow(
      new InvalidInputError("group 0 names column 4, expected an integer from 0 to 3", "groups")
    )
    expect(() => occlusionContributions(predict, X, reference, [[0, 1], [1]])).toThrow(
      new InvalidInputError("column 1 is in group 0 and group 1, expected at most one group", "groups")
    )
    expect(() => occlusionContributions(predict, X, reference, [[]])).toThrow(new InvalidInputError("group 0 is empty", "groups"))
    expect(() => occlusionContributions(() => new Float64Array(1), X, reference)).toThrow(
      new InvalidInputError("predict returned 1 values for 3 rows", "predict")
    )
  })
})

describe("groupColumnsByPrefix", () => {
  it("puts all columns of a prefix in one group named after it, in first-column order", () => {
    const columns = ["recency_days", "country_DE", "frequency_orders", "country_FR", "country_other"]
    expect(groupColumnsByPrefix(columns, ["country_"])).toEqual({
      names: ["recency_days", "country", "frequency_orders"],
      groups: [[0], [1, 3, 4], [2]],
    })
  })

  it("feeds occlusion: the country group sums its one-hot terms", () => {
    const { names, groups } = groupColumnsByPrefix(["a", "country_DE", "b", "country_FR"], ["country_"])
    const result = occlusionContributions(linearPredictor().predict, X, reference, groups)
    expect(names).toEqual(["a", "country", "b"])
    expect(Array.from(result[0])).toEqual([-4, -3 * (2 - 1) + 4 * 0, 0.5 * (4 - 2)])
  })
})
