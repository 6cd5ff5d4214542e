import { InvalidInputError, ModelFormatError, NotEnoughDataError } from "../../../../src/core/errors"
import { createMatrix, matrixFromRows, type Matrix } from "../../../../src/core/linalg/matrix"
import {
  GRADIENT_BOOSTING_DEFAULTS,
  GradientBoostingClassifier,
  type GradientBoostingOptions,
} from "../../../../src/core/learners/gradient-boosting"
import { createRandom } from "../../../../src/core/random"

const sigmoid = (s: number) => 1 / (1 + Math.exp(-s))

/** Options for tiny data: every leaf may hold one row. */
const tiny = (overrides: Partial<GradientBoostingOptions> = {}): Partial<GradientBoostingOptions> => ({
  minSamplesLeaf: 1,
  l2: 0,
  ...overrides,
})

function model(options: Partial<GradientBoostingOptions>, seed = 1): GradientBoostingClassifier {
  return new GradientBoostingClassifier(options, createRandom(seed))
}

/** 200 rows, 4 columns of noise-free features; y depends on columns 0 and 1 only. */
function syntheticSet(seed: number): { X: Matrix; y: number[] } {
  const random = createRandom(seed)
  const X = createMatrix(200, 4)
  const y: number[] = []
  for (let i = 0; i < 200; i++) {
    for (let j = 0; j < 4; j++) X.data[i * 4 + j] = random.normal()
    y.push(X.data[i * 4] + 0.5 * X.data[i * 4 + 1] + 0.8 * random.normal() > 0 ? 1 : 0)
  }
  return { X, y }
}

describe("GradientBoostingClassifier", () => {
  const stump = tiny({ maxIterations: 1, maxDepth: 1, learningRate: 1 })

  it("computes one Newton stump by hand", () => {
    // base score log(0.5 / 0.5) = 0; g = p - y = +-0.5, h = 0.25;
    // leaves -G / H = -1 / 0.5 = -2 for x in {0, 1} and +2 for x in {2, 3}
    const X = matrixFromRows([[0, 7], [1, 7], [2, 7], [3, 7]])
    const m = model(stump)
    m.fit(X, [0, 0, 1, 1])
    const p = m.predictProba(X)
    ;[-2, -2, 2, 2].forEach((score, i) => expect(p[i]).toBeCloseTo(sigmoid(score), 12))
    // gain 1/2 (1^2 / 0.5 + 1^2 / 0.5 - 0) = 2 on column 0; the constant column never splits
    expect(Array.from(m.featureImportance())).toEqual([2, 0])
  })

  it("multiplies gradients and hessians by the sample weights", () => {
    // weighted positive rate 4 / 6 -> base log 2, p = 2/3; g = w (p - y), h = w * 2/9
    // left {0, 1}: G = 4/3, H = 4/9 -> -3;  right {2, 3}: G = -4/3, H = 8/9 -> +1.5
    const X = matrixFromRows([[0], [1], [2], [3]])
    const m = model(stump)
    m.fit(X, [0, 0, 1, 1], [1, 1, 3, 1])
    const p = m.predictProba(X)
    expect(p[0]).toBeCloseTo(sigmoid(Math.log(2) - 3), 12)
    expect(p[3]).toBeCloseTo(sigmoid(Math.log(2) + 1.5), 12)
    // gain 1/2 ((4/3)^2 / (4/9) + (4/3)^2 / (8/9)) = 1/2 (4 + 2) = 3
    expect(m.featureImportance()[0]).toBeCloseTo(3, 12)
  })

  it("classifies an easy separable set exactly", () => {
    const X = matrixFromRows([[0], [1], [2], [3], [4], [5], [6], [7], [8], [9]])
    const y = [0, 0, 0, 0, 0, 1, 1, 1, 1, 1]
    const m = model(tiny({ maxIterations: 20 }))
    m.fit(X, y)
    expect(Array.from(m.predictProba(X), (p) => (p > 0.5 ? 1 : 0))).toEqual(y)
  })

  it("learns XOR with trees of depth 2", () => {
    const rows: number[][] = []
    const y: number[] = []
    const groups: [number, number, number, number][] = [[0, 0, 0, 3], [0, 1, 1, 2], [1, 0, 1, 2], [1, 1, 0, 1]]
    for (const [a, b, label, count] of groups) {
      for (let c = 0; c < count; c++) {
        rows.push([a, b])
        y.push(label)
      }
    }
    const m = model(tiny({ maxDepth: 2, maxIterations: 10 }))
    m.fit(matrixFromRows(rows), y)
    expect(Array.from(m.predictProba(matrixFromRows([[0, 0], [0, 1], [1, 0], [1, 1]])), (p) => (p > 0.5 ? 1 : 0))).toEqual([
      0, 1, 1, 0,
    ])
  })

  it("builds exactly maxIterations trees without early stopping", () => {
    const { X, y } = syntheticSet(3)
    const m = model({ maxIterations: 7 })
    m.fit(X, y)
    expect(m.treeCount).toBe(7)
  })

  it("keeps the trees with the lowest held-out loss and stops after `patience` rounds without improvement", () => {
    // a noisy label on column 0: deep unregularised trees help at first, then overfit
    const random = createRandom(11)
    const X = createMatrix(200, 3)
    for (let k = 0; k < X.data.length; k++) X.data[k] = random.normal()
    const y = Array.from({ length: 200 }, (_, i) => (X.data[i * 3] + 0.5 * random.normal() > 0 ? 1 : 0))
    const m = model(tiny({ maxIterations: 200, validationFraction: 0.3, patience: 5, learningRate: 0.3 }))
    m.fit(X, y)
    const losses = m.toJSON().state.validationLoss
    const best = losses.indexOf(Math.min(...losses))
    expect(best).toBeGreaterThan(0)
    expect(m.treeCount).toBe(best)
    expect(losses.length - 1 - best).toBe(5)
  })

  it("learns bin edges from the training rows and bins new values with them", () => {
    const X = matrixFromRows([[0], [1], [2], [3]])
    const m = model(tiny({ maxIterations: 3 }))
    m.fit(X, [0, 0, 1, 1])
    expect(m.toJSON().state.binEdges).toEqual([[0.5, 1.5, 2.5]])
    const p = m.predictProba(matrixFromRows([[-50], [0], [3], [100]]))
    expect(p[0]).toBe(p[1])
    expect(p[3]).toBe(p[2])
  })

  it("is deterministic under a seed, with row and column sampling", () => {
    const { X, y } = syntheticSet(5)
    const options = { maxIterations: 20, subsample: 0.6, colsampleByTree: 0.5, minSamplesLeaf: 5 }
    const fitWith = (seed: number) => {
      const m = model(options, seed)
      m.fit(X, y)
      return m.predictProba(X)
    }
    expect(fitWith(1)).toEqual(fitWith(1))
    expect(fitWith(1)).not.toEqual(fitWith(2))
  })

  it("ranks the informative features above the noise", () => {
    const { X, y } = syntheticSet(8)
    const m = model({ maxIterations: 30, minSamplesLeaf: 5 })
    m.fit(X, y)
    const importance = m.featureImportance()
    expect(importance[0]).toBeGreaterThan(importance[2])
    expect(importance[0]).toBeGreaterThan(importance[3])
    expect(importance[1]).toBeGreaterThan(importance[3])
  })

  it("gives identical probabilities after a JSON round trip", () => {
    const { X, y } = syntheticSet(9)
    const m = model({ maxIterations: 15, minSamplesLeaf: 5, subsample: 0.8 })
    m.fit(X, y)
    const loaded = GradientBoostingClassifier.fromJSON(JSON.parse(JSON.stringify(m.toJSON())))
    expect(loaded.predictProba(X)).toEqual(m.predictProba(X))
    expect(loaded.featureImportance()).toEqual(m.featureImportance())
    expect(loaded.options).toEqual(m.options)
  })

  it("rejects serialized models of another type, version or shape", () => {
    const m = model(tiny({ maxIterations: 2 }))
    m.fit(matrixFromRows([[0], [1], [2], [3]]), [0, 0, 1, 1])
    const json = m.toJSON()
    expect(() => GradientBoostingClassifier.fromJSON({ ...json, type: "neural-network" })).toThrow(ModelFormatError)
    expect(() => GradientBoostingClassifier.fromJSON({ ...json, version: 2 })).toThrow(ModelFormatError)
    expect(() => GradientBoostingClassifier.fromJSON({ ...json, state: { ...json.state, trees: "none" } })).toThrow(
      ModelFormatError
    )
    const looping = structuredClone(json)
    looping.state.trees[0].left[0] = 0
    expect(() => GradientBoostingClassifier.fromJSON(looping)).toThrow(/tree 0 node 0 has child 0/)
    expect(() => GradientBoostingClassifier.fromJSON({ ...json, params: { ...json.params, maxBins: 1000 } })).toThrow(
      ModelFormatError
    )
  })

  it("rejects bad training and prediction input", () => {
    const X = matrixFromRows([[0], [1], [2]])
    expect(() => model({}).predictProba(X)).toThrow(/call fit/)
    expect(() => model({}).fit(X, [1, 1, 1])).toThrow(NotEnoughDataError)
    expect(() => model({}).fit(X, [0, 2, 1])).toThrow(InvalidInputError)
    expect(() => model({}).fit(X, [0, 1])).toThrow(InvalidInputError)
    expect(() => model({}).fit(X, [0, 1, 1], [1, -1, 1])).toThrow(/sampleWeight\[1\] is -1/)
    expect(() => model({}).fit(matrixFromRows([[0], [NaN], [1]]), [0, 1, 1])).toThrow(/X\[1\]\[0\] is NaN/)
    const m = model(tiny({ maxIterations: 1 }))
    m.fit(X, [0, 1, 1])
    expect(() => m.predictProba(matrixFromRows([[0, 1]]))).toThrow(/2 columns, the model was trained on 1/)
  })

  it.each<[keyof GradientBoostingOptions, number, string]>([
    ["learningRate", 0, "a number > 0 and <= 1"],
    ["maxIterations", 2.5, "an integer >= 1"],
    ["maxDepth", 0, "an integer >= 1"],
    ["maxLeafNodes", 1, "an integer >= 2"],
    ["minSamplesLeaf", 0, "an integer >= 1"],
    ["l2", -1, "a number >= 0"],
    ["maxBins", 257, "an integer >= 2 and <= 256"],
    ["subsample", 1.5, "a number > 0 and <= 1"],
    ["colsampleByTree", 0, "a number > 0 and <= 1"],
    ["validationFraction", 1, "a number >= 0 and < 1"],
    ["patience", 0, "an integer >= 1"],
  ])("rejects %s = %p naming the option and its bound", (name, value, bound) => {
    expect(GRADIENT_BOOSTING_DEFAULTS[name]).not.toBe(value)
    let caught: unknown
    try {
      model({ [name]: value })
    } catch (error) {
      caught = error
    }
    expect(caught).toBeInstanceOf(InvalidInputError)
    const message = `gradient-boosting: option ${name} is ${value}, it must be ${bound}`
    expect(caught).toMatchObject({ field: name, message })
  })
})
