import { agreesWithExpectedDirection } from "../../../../src/core/explain/expected-directions"
import { explainChurn } from "../../../../src/core/pipeline/explain-scores"
import { createMatrix } from "../../../../src/core/linalg/matrix"

describe("expected directions of churn reasons", () => {
  it("accepts what a merchant expects and refuses the reverse", () => {
    // more days since the last order than typical, raising the risk: expected
    expect(agreesWithExpectedDirection("recency_days", 200, 30, 0.2)).toBe(true)
    // ... lowering it: not a reason
    expect(agreesWithExpectedDirection("recency_days", 200, 30, -0.2)).toBe(false)
    // many orders lowering the risk: expected; raising it: not a reason
    expect(agreesWithExpectedDirection("frequency_orders", 41, 3, -0.1)).toBe(true)
    expect(agreesWithExpectedDirection("frequency_orders", 41, 3, 0.1)).toBe(false)
    // few orders raising it: expected
    expect(agreesWithExpectedDirection("frequency_orders", 1, 3, 0.1)).toBe(true)
  })

  it("leaves features without an agreed direction, and typical values, alone", () => {
    expect(agreesWithExpectedDirection("tenure_days", 400, 100, 0.3)).toBe(true)
    expect(agreesWithExpectedDirection("tenure_days", 400, 100, -0.3)).toBe(true)
    expect(agreesWithExpectedDirection("recency_days", 30, 30, -0.2)).toBe(true)
  })

  it("drops a reason the model gives against the expected direction", () => {
    // a model whose risk falls with recency (the "wrong" way) and rises with recency_over_gap
    const names = ["recency_days", "recency_over_gap"]
    const predict = (X: { rows: number; cols: number; data: Float64Array }) => {
      const out = new Float64Array(X.rows)
      for (let i = 0; i < X.rows; i++) out[i] = 0.5 - 0.001 * X.data[i * 2] + 0.05 * X.data[i * 2 + 1]
      return out
    }
    // one overdue customer (recency 300, 6 gaps) among typical ones (recency 20, 1 gap)
    const X = createMatrix(3, 2, Float64Array.from([300, 6, 20, 1, 20, 1]))
    const [reasons] = explainChurn(predict, X, names, { horizonDays: 90 })
    expect(reasons.map((r) => r.feature)).toEqual(["recency_over_gap"])
    expect(reasons[0].contribution).toBeGreaterThan(0)
  })
})
