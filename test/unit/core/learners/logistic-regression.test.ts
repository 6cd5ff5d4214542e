import { InvalidInputError, ModelFormatError, NotEnoughDataError } from "../../../../src/core/errors"
import { LogisticRegression } from "../../../../src/core/learners/logistic-regression"
import { createMatrix, matrixFromRows, type Matrix } from "../../../../src/core/linalg/matrix"
import { createRandom } from "../../../../src/core/random"

/** n rows of d standard-normal features, labels drawn from a known logistic model. */
function syntheticData(n: number, d: number, seed: number): { X: Matrix; y: Float64Array } {
  const random = createRandom(seed)
  const X = createMatrix(n, d)
  const y = new Float64Array(n)
  for (let i = 0; i < n; i++) {
    let eta = -0.5
    for (let j = 0; j < d; j++) {
      const x = random.normal()
      X.data[i * d + j] = x
      eta += (j % 2 === 0 ? 1 : -0.7) * x
    }
    y[i] = random.next() < 1 / (1 + Math.exp(-eta)) ? 1 : 0
  }
  return { X, y }
}

const logit = (p: number): number => Math.log(p / (1 - p))
const norm = (v: Float64Array): number => Math.sqrt(v.reduce((sum, x) => sum + x * x, 0))

describe("LogisticRegression", () => {
  it("fits an intercept-only model to the logit of the base rate", () => {
    const X = createMatrix(4, 0)
    const model = new LogisticRegression()
    model.fit(X, [1, 0, 0, 0])
    expect(model.intercept()).toBeCloseTo(logit(0.25), 12)
    expect(model.predictProba(X)[0]).toBeCloseTo(0.25, 12)
  })

  it("moves the intercept-only model to 0 with balanced class weights", () => {
    const model = new LogisticRegression({ classWeight: "balanced" })
    model.fit(createMatrix(4, 0), [1, 0, 0, 0])
    expect(model.intercept()).toBeCloseTo(0, 12)
  })

  it("recovers the two group log-odds of a binary feature when the penalty is negligible", () => {
    // x = 0: 1 positive in 4 -> intercept logit(1/4) = -ln 3; x = 1: 3 in 4 -> coefficient logit(3/4) - logit(1/4) = 2 ln 3.
    const X = matrixFromRows([[0], [0], [0], [0], [1], [1], [1], [1]])
    const model = new LogisticRegression({ l2: 1e-8 })
    model.fit(X, [1, 0, 0, 0, 1, 1, 1, 0])
    expect(model.intercept()).toBeCloseTo(-Math.log(3), 6)
    expect(model.coefficients()[0]).toBeCloseTo(2 * Math.log(3), 6)
    expect(model.fitInfo().converged).toBe(true)
  })

  it("classifies a tiny separable set exactly, with finite weights thanks to L2", () => {
    const X = matrixFromRows([[-2, 1], [-1, 0], [1, 0], [2, -1]])
    const model = new LogisticRegression({ l2: 1 })
    model.fit(X, [0, 0, 1, 1])
    const classes = Array.from(model.predictProba(X), (p) => (p >= 0.5 ? 1 : 0))
    expect(classes).toEqual([0, 0, 1, 1])
    expect(model.fitInfo().converged).toBe(true)
    expect(model.coefficients().every(Number.isFinite)).toBe(true)
  })

  it("reaches a point where the penalised gradient vanishes", () => {
    const { X, y } = syntheticData(300, 4, 7)
    const l2 = 0.5
    const model = new LogisticRegression({ l2 })
    model.fit(X, y)
    const w = model.coefficients()
    const p = model.predictProba(X)
    const gradient = Array.from(w, (wj) => l2 * wj)
    let interceptGradient = 0
    for (let i = 0; i < X.rows; i++) {
      for (let j = 0; j < X.cols; j++) gradient[j] += (p[i] - y[i]) * X.data[i * X.cols + j]
      interceptGradient += p[i] - y[i]
    }
    for (const g of gradient) expect(Math.abs(g)).toBeLessThan(1e-8)
    expect(Math.abs(interceptGradient)).toBeLessThan(1e-8)
  })

  it("stops at maxIterations", () => {
    const { X, y } = syntheticData(200, 3, 11)
    const capped = new LogisticRegression({ maxIterations: 1 })
    capped.fit(X, y)
    expect(capped.fitInfo()).toEqual({ iterations: 1, converged: false })
    const full = new LogisticRegression()
    full.fit(X, y)
    expect(full.fitInfo().converged).toBe(true)
    expect(full.fitInfo().iterations).toBeGreaterThan(1)
    expect(capped.coefficients()).not.toEqual(full.coefficients())
  })

  it("treats a sample weight of 2 like a duplicated row", () => {
    const { X, y } = syntheticData(60, 3, 3)
    const weights = Float64Array.from({ length: X.rows }, (_, i) => (i % 3 === 0 ? 2 : 1))
    const rows: number[][] = []
    const labels: number[] = []
    for (let i = 0; i < X.rows; i++) {
      for (let copy = 0; copy < weights[i]; copy++) {
        rows.push(Array.from(X.data.subarray(i * X.cols, (i + 1) * X.cols)))
        labels.push(y[i])
      }
    }
    for (const classWeight of ["none", "balanced"] as const) {
      const weighted = new LogisticRegression({ classWeight })
      weighted.fit(X, y, weights)
      const duplicated = new LogisticRegression({ classWeight })
      duplicated.fit(matrixFromRows(rows), labels)
      weighted.coefficients().forEach((c, j) => expect(c).toBeCloseTo(duplicated.coefficients()[j], 10))
      expect(weighted.intercept()).toBeCloseTo(duplicated.intercept(), 10)
    }
  })

  it("shrinks the coefficient norm as l2 grows", () => {
    const { X, y } = syntheticData(150, 4, 5)
    const norms = [0.01, 0.1, 1, 10, 100].map((l2) => {
      const model = new LogisticRegression({ l2 })
      model.fit(X, y)
      return norm(model.coefficients())
    })
    for (let k = 1; k < norms.length; k++) expect(norms[k]).toBeLessThan(norms[k - 1])
  })

  it("explains each logit by per-feature contributions and ranks features by |coefficient|", () => {
    const { X, y } = syntheticData(100, 3, 9)
    const model = new LogisticRegression()
    model.fit(X, y)
    const xRow = X.data.subarray(0, 3)
    const parts = model.contributions(xRow)
    const coefficients = model.coefficients()
    parts.forEach((part, j) => expect(part).toBe(coefficients[j] * xRow[j]))
    const sum = parts.reduce((a, b) => a + b, model.intercept())
    expect(sum).toBeCloseTo(logit(model.predictProba(X)[0]), 12)
    expect(Array.from(model.featureImportance())).toEqual(Array.from(coefficients, Math.abs))
  })

  it("round-trips through JSON to identical probabilities", () => {
    const { X, y } = syntheticData(80, 3, 21)
    const model = new LogisticRegression({ l2: 0.3, classWeight: "balanced" })
    model.fit(X, y)
    const json = JSON.parse(JSON.stringify(model.toJSON()))
    expect(json).toMatchObject({ type: "logistic-regression", version: 1, params: { l2: 0.3, classWeight: "balanced" } })
    const restored = LogisticRegression.fromJSON(json)
    expect(restored.predictProba(X)).toEqual(model.predictProba(X))
    expect(restored.options).toEqual(model.options)
    expect(restored.fitInfo()).toEqual(model.fitInfo())
  })

  it("rejects a wrong type tag, version or state on load", () => {
    const model = new LogisticRegression()
    model.fit(matrixFromRows([[0], [1], [2], [3]]), [0, 1, 0, 1])
    const json = model.toJSON()
    expect(() => LogisticRegression.fromJSON({ ...json, type: "random-forest" })).toThrow(ModelFormatError)
    expect(() => LogisticRegression.fromJSON({ ...json, version: 99 })).toThrow(ModelFormatError)
    expect(() => LogisticRegression.fromJSON({ ...json, state: { coefficients: ["a"], intercept: 0 } })).toThrow(
      ModelFormatError
    )
  })

  it("validates its options with the option, value and bound in the message", () => {
    expect(() => new LogisticRegression({ l2: -1 })).toThrow(InvalidInputError)
    expect(() => new LogisticRegression({ l2: -1 })).toThrow("l2 must be > 0, got -1")
    expect(() => new LogisticRegression({ l2: 0 })).toThrow("l2 must be > 0, got 0")
    expect(() => new LogisticRegression({ maxIterations: 0 })).toThrow("maxIterations must be an integer >= 1, got 0")
    expect(() => new LogisticRegression({ maxIterations: 2.5 })).toThrow("maxIterations must be an integer >= 1, got 2.5")
    expect(() => new LogisticRegression({ tolerance: 0 })).toThrow("tolerance must be > 0, got 0")
  })

  it("validates the training data", () => {
    const X = matrixFromRows([[0], [1]])
    const model = new LogisticRegression()
    expect(() => model.fit(X, [1, 1])).toThrow(NotEnoughDataError)
    expect(() => model.fit(X, [0, 1], [1, 0])).toThrow("rows labelled 1 (with positive weight)")
    expect(() => model.fit(X, [0, 2])).toThrow("y[1] must be 0 or 1, got 2")
    expect(() => model.fit(X, [0])).toThrow("y has 1 values, X has 2 rows")
    expect(() => model.fit(X, [0, 1], [1, -1])).toThrow("sampleWeight[1] must be >= 0, got -1")
    expect(() => model.fit(matrixFromRows([[0], [Number.NaN]]), [0, 1])).toThrow("non-finite value at row 1, column 0")
    expect(() => model.predictProba(X)).toThrow("not fitted")
    model.fit(X, [0, 1])
    expect(() => model.predictProba(matrixFromRows([[0, 1]]))).toThrow("X has 2 columns, the model was fitted on 1")
  })
})
