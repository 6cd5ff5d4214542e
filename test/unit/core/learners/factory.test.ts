import { InvalidInputError, ModelFormatError } from "../../../../src/core/errors"
import {
  createLearner,
  defaultParams,
  isLearnerType,
  LEARNER_TYPES,
  loadLearner,
  suggestParams,
  RARE_CLASS_RATE,
  type LearnerSpec,
} from "../../../../src/core/learners/factory"
import { GradientBoostingClassifier } from "../../../../src/core/learners/gradient-boosting"
import { LogisticRegression } from "../../../../src/core/learners/logistic-regression"
import { NeuralNetworkClassifier } from "../../../../src/core/learners/neural-network"
import { createMatrix, type Matrix } from "../../../../src/core/linalg/matrix"
import { createRandom } from "../../../../src/core/random"

/** 120 rows, 2 standard-normal columns, y = 1 when x0 + noise > 0. */
function dataset(): { X: Matrix; y: Uint8Array } {
  const random = createRandom(11)
  const X = createMatrix(120, 2)
  const y = new Uint8Array(120)
  for (let i = 0; i < 120; i++) {
    X.data[2 * i] = random.normal()
    X.data[2 * i + 1] = random.normal()
    y[i] = X.data[2 * i] + 0.5 * random.normal() > 0 ? 1 : 0
  }
  return { X, y }
}

/** A spec as read from stored JSON, which may name a learner this build does not know. */
function specFromJson(text: string): LearnerSpec {
  return JSON.parse(text)
}

function thrown(action: () => unknown): unknown {
  try {
    action()
  } catch (error) {
    return error
  }
  throw new Error("expected an error")
}

const small: Record<LearnerSpec["type"], Record<string, unknown>> = {
  "logistic-regression": { l2: 0.5, classWeight: "balanced" },
  "gradient-boosting": { maxIterations: 5, maxDepth: 2, minSamplesLeaf: 5, subsample: 0.8 },
  "neural-network": { hiddenLayers: [3], iterations: 20 },
}

describe("createLearner", () => {
  it("builds each learner type with the given params", () => {
    const random = createRandom(1)
    expect(createLearner({ type: "logistic-regression", params: small["logistic-regression"] }, random)).toBeInstanceOf(
      LogisticRegression
    )
    expect(createLearner({ type: "gradient-boosting", params: small["gradient-boosting"] }, random)).toBeInstanceOf(
      GradientBoostingClassifier
    )
    expect(createLearner({ type: "neural-network", params: small["neural-network"] }, random)).toBeInstanceOf(
      NeuralNetworkClassifier
    )
    const { X, y } = dataset()
    for (const type of LEARNER_TYPES) {
      const learner = createLearner({ type, params: small[type] }, createRandom(2))
      learner.fit(X, y)
      expect(learner.type).toBe(type)
      expect(learner.toJSON().params).toMatchObject(small[type])
    }
  })

  it("gives the same model for the same spec and seed", () => {
    const { X, y } = dataset()
    const fitted = (seed: number) => {
      const learner = createLearner({ type: "gradient-boosting", params: small["gradient-boosting"] }, createRandom(seed))
      learner.fit(X, y)
      return learner.predictProba(X)
    }
    expect(fitted(5)).toEqual(fitted(5))
    expect(fitted(5)).not.toEqual(fitted(6))
  })

  it("rejects an unknown learner type with InvalidInputError", () => {
    const error = thrown(() => createLearner(specFromJson('{"type":"random-forest","params":{}}'), createRandom(1)))
    expect(error).toBeInstanceOf(InvalidInputError)
    expect(String(error)).toContain('unknown learner type "random-forest"')
  })

  it("rejects unknown params and params of the wrong type, naming them", () => {
    const unknownParam = thrown(() => createLearner({ type: "logistic-regression", params: { C: 1 } }, createRandom(1)))
    expect(unknownParam).toBeInstanceOf(InvalidInputError)
    expect(String(unknownParam)).toContain('"C"')
    const wrongType = thrown(() => createLearner({ type: "neural-network", params: { hiddenLayers: 16 } }, createRandom(1)))
    expect(wrongType).toBeInstanceOf(InvalidInputError)
    expect(wrongType).toMatchObject({ field: "hiddenLayers" })
  })

  it("leaves bounds to the learner, which names the option", () => {
    const error = thrown(() => createLearner({ type: "gradient-boosting", params: { subsample: 1.5 } }, createRandom(1)))
    expect(error).toBeInstanceOf(InvalidInputError)
    expect(error).toMatchObject({ field: "subsample" })
  })
})

describe("loadLearner", () => {
  it("restores every learner type from JSON with identical probabilities", () => {
    const { X, y } = dataset()
    for (const type of LEARNER_TYPES) {
      const learner = createLearner({ type, params: small[type] }, createRandom(3))
      learner.fit(X, y)
      const loaded = loadLearner(JSON.parse(JSON.stringify(learner.toJSON())))
      expect(loaded.type).toBe(type)
      expect(loaded.predictProba(X)).toEqual(learner.predictProba(X))
    }
  })

  it("rejects an unknown type tag, a non-object and a wrong version with ModelFormatError", () => {
    expect(() => loadLearner({ type: "svm", version: 1, params: {}, state: {} })).toThrow(ModelFormatError)
    expect(() => loadLearner("logistic-regression")).toThrow(ModelFormatError)
    expect(() => loadLearner({ type: "logistic-regression", version: 2, params: {}, state: {} })).toThrow(ModelFormatError)
  })
})

describe("defaultParams", () => {
  it("holds every option of the learner's defaults and builds the default learner", () => {
    const { X, y } = dataset()
    for (const type of LEARNER_TYPES) {
      const withDefaults = createLearner({ type, params: defaultParams(type) }, createRandom(4))
      const withNothing = createLearner({ type, params: {} }, createRandom(4))
      withDefaults.fit(X, y)
      withNothing.fit(X, y)
      expect(withDefaults.toJSON()).toEqual(withNothing.toJSON())
      const params = withNothing.toJSON().params
      if (typeof params !== "object" || params === null) throw new Error("params should be an object")
      expect(Object.keys(defaultParams(type)).sort()).toEqual(Object.keys(params).sort())
    }
  })

  it("returns a fresh copy each time", () => {
    const first = defaultParams("neural-network")
    const layers = first.hiddenLayers
    if (!Array.isArray(layers)) throw new Error("hiddenLayers should be an array")
    layers.push(99)
    expect(defaultParams("neural-network").hiddenLayers).toEqual([16])
  })
})

describe("suggestParams", () => {
  const draws = (type: LearnerSpec["type"], seed: number, n = 300) => {
    const random = createRandom(seed)
    return Array.from({ length: n }, () => suggestParams(type, random))
  }
  const numbers = (rows: Record<string, unknown>[], key: string) => rows.map((row) => Number(row[key]))

  it("draws logistic-regression l2 log-uniformly in [1e-3, 1e2), with unweighted classes when they are balanced", () => {
    const rows = draws("logistic-regression", 1)
    const l2 = numbers(rows, "l2")
    expect(Math.min(...l2)).toBeGreaterThanOrEqual(1e-3)
    expect(Math.max(...l2)).toBeLessThan(1e2)
    // log-uniform: about half of the draws below the geometric midpoint 10^-0.5, a tenth below 10^-2.5
    expect(l2.filter((v) => v < 10 ** -0.5).length).toBeGreaterThan(120)
    expect(l2.filter((v) => v < 10 ** -0.5).length).toBeLessThan(180)
    expect(l2.filter((v) => v < 10 ** -2.5).length).toBeGreaterThan(10)
    expect(new Set(rows.map((row) => row.classWeight))).toEqual(new Set(["none"]))
  })

  it("also searches balanced class weights when positives are rarer than RARE_CLASS_RATE", () => {
    const random = createRandom(3)
    const rare = Array.from({ length: 100 }, () => suggestParams("logistic-regression", random, { positiveRate: RARE_CLASS_RATE - 0.01 }))
    expect(new Set(rare.map((row) => row.classWeight))).toEqual(new Set(["none", "balanced"]))
    const common = Array.from({ length: 100 }, () => suggestParams("logistic-regression", random, { positiveRate: RARE_CLASS_RATE }))
    expect(new Set(common.map((row) => row.classWeight))).toEqual(new Set(["none"]))
  })

  it("keeps gradient-boosting draws in their ranges, integers where the option is a count", () => {
    const rows = draws("gradient-boosting", 2)
    const within = (key: string, low: number, high: number, integer: boolean) => {
      for (const v of numbers(rows, key)) {
        expect(v).toBeGreaterThanOrEqual(low)
        expect(v).toBeLessThanOrEqual(high)
        if (integer) expect(Number.isInteger(v)).toBe(true)
      }
    }
    within("learningRate", 0.03, 0.3, false)
    within("maxIterations", 50, 300, true)
    within("maxDepth", 2, 5, true)
    within("minSamplesLeaf", 10, 100, true)
    within("l2", 0, 5, false)
    within("subsample", 0.6, 1, false)
    expect(new Set(numbers(rows, "maxDepth"))).toEqual(new Set([2, 3, 4, 5]))
  })

  it("keeps neural-network draws small: three shapes, learningRate in [0.05, 0.5), 50..200 passes", () => {
    const rows = draws("neural-network", 3)
    expect(new Set(rows.map((row) => JSON.stringify(row.hiddenLayers)))).toEqual(new Set(["[8]", "[16]", "[16,8]"]))
    for (const v of numbers(rows, "learningRate")) expect(v >= 0.05 && v < 0.5).toBe(true)
    for (const v of numbers(rows, "iterations")) expect(Number.isInteger(v) && v >= 50 && v <= 200).toBe(true)
  })

  it("is deterministic under a seed, and every draw is accepted by createLearner", () => {
    for (const type of LEARNER_TYPES) {
      expect(draws(type, 9, 20)).toEqual(draws(type, 9, 20))
      expect(draws(type, 9, 20)).not.toEqual(draws(type, 10, 20))
      for (const params of draws(type, 9, 50)) expect(() => createLearner({ type, params }, createRandom(1))).not.toThrow()
    }
  })

  it("rejects an unknown type", () => {
    expect(() => suggestParams(specFromJson('{"type":"svm","params":{}}').type, createRandom(1))).toThrow(InvalidInputError)
  })
})

describe("isLearnerType", () => {
  it("accepts exactly the three learner tags", () => {
    expect(LEARNER_TYPES.every(isLearnerType)).toBe(true)
    expect(isLearnerType("svm")).toBe(false)
    expect(isLearnerType(undefined)).toBe(false)
  })
})
