import { InvalidInputError, ModelFormatError } from "../../../../src/core/errors"
import { IsotonicCalibrator, PlattCalibrator, type Calibrator } from "../../../../src/core/learners/calibration"
import { createLearner, LEARNER_TYPES } from "../../../../src/core/learners/factory"
import { LogisticRegression } from "../../../../src/core/learners/logistic-regression"
import { StandardScaler } from "../../../../src/core/learners/standard-scaler"
import { createMatrix } from "../../../../src/core/linalg/matrix"
import { createRandom } from "../../../../src/core/random"
import { loadTrainedPipeline, TrainedPipeline } from "../../../../src/core/tuning"
import { blobs, BLOB_FEATURES } from "./blobs"

const train = blobs(200, 21)
const validation = blobs(100, 22)

function pipeline(type: (typeof LEARNER_TYPES)[number], calibrator: "none" | "platt" | "isotonic"): TrainedPipeline {
  const scaler = new StandardScaler({ log1pColumns: [2] }).fit(train.X)
  const params = type === "neural-network" ? { iterations: 30 } : type === "gradient-boosting" ? { maxIterations: 20 } : {}
  const learner = createLearner({ type, params }, createRandom(5))
  learner.fit(scaler.transform(train.X), train.y)
  const raw = learner.predictProba(scaler.transform(validation.X))
  const fitted: Calibrator | null =
    calibrator === "platt"
      ? new PlattCalibrator().fit(raw, validation.y)
      : calibrator === "isotonic"
        ? new IsotonicCalibrator().fit(raw, validation.y)
        : null
  return new TrainedPipeline(BLOB_FEATURES, scaler, learner, fitted)
}

describe("TrainedPipeline", () => {
  it("scales, predicts and calibrates in that order", () => {
    const scaler = new StandardScaler({ log1pColumns: [2] }).fit(train.X)
    const learner = new LogisticRegression()
    learner.fit(scaler.transform(train.X), train.y)
    const platt = new PlattCalibrator().fit(learner.predictProba(scaler.transform(validation.X)), validation.y)
    const model = new TrainedPipeline(BLOB_FEATURES, scaler, learner, platt)
    const raw = learner.predictProba(scaler.transform(validation.X))
    expect(model.predictUncalibrated(validation.X)).toEqual(raw)
    expect(model.predictProba(validation.X)).toEqual(platt.transform(raw))
    expect(model.scaledFeatures(validation.X)).toEqual(scaler.transform(validation.X))
    // Contributions for explanations come from the same scaled row the learner sees.
    const scaledRow = model.scaledFeatures(validation.X).data.slice(0, 3)
    const logit = Math.log(raw[0] / (1 - raw[0]))
    const sum = learner.contributions(scaledRow).reduce((a, b) => a + b, 0) + learner.intercept()
    expect(sum).toBeCloseTo(logit, 10)
  })

  it("round-trips through JSON with identical probabilities for every learner and calibrator", () => {
    for (const type of LEARNER_TYPES) {
      for (const calibrator of ["none", "platt", "isotonic"] as const) {
        const model = pipeline(type, calibrator)
        const loaded = loadTrainedPipeline(JSON.parse(JSON.stringify(model)))
        expect(loaded.predictProba(validation.X)).toEqual(model.predictProba(validation.X))
        expect(loaded.featureNames).toEqual(BLOB_FEATURES)
        expect(loaded.calibrator?.type ?? null).toBe(model.calibrator?.type ?? null)
        expect(JSON.stringify(loaded)).toBe(JSON.stringify(model))
      }
    }
  })

  it("rejects X with the wrong number of columns and feature names that do not fit the scaler", () => {
    const model = pipeline("logistic-regression", "none")
    expect(() => model.predictProba(createMatrix(2, 2))).toThrow(InvalidInputError)
    expect(() => new TrainedPipeline(["a", "b"], model.scaler, model.learner, null)).toThrow(InvalidInputError)
  })

  it("rejects a wrong type tag, version, unknown learner or mismatched names with ModelFormatError", () => {
    const json = JSON.parse(JSON.stringify(pipeline("logistic-regression", "platt")))
    expect(() => loadTrainedPipeline({ ...json, type: "pipeline" })).toThrow(ModelFormatError)
    expect(() => loadTrainedPipeline({ ...json, version: 2 })).toThrow(ModelFormatError)
    expect(() => loadTrainedPipeline({ ...json, state: { ...json.state, learner: { ...json.state.learner, type: "svm" } } })).toThrow(
      ModelFormatError
    )
    expect(() => loadTrainedPipeline({ ...json, state: { ...json.state, calibrator: { type: "beta", version: 1, params: {}, state: {} } } })).toThrow(
      ModelFormatError
    )
    expect(() => loadTrainedPipeline({ ...json, params: { featureNames: ["a"] } })).toThrow(ModelFormatError)
    expect(() => loadTrainedPipeline({ ...json, state: { ...json.state, scaler: null } })).toThrow(ModelFormatError)
  })
})
