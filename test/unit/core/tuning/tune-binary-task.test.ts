import { InvalidInputError, NotEnoughDataError } from "../../../../src/core/errors"
import { createLearner, defaultParams, type LearnerType } from "../../../../src/core/learners/factory"
import { StandardScaler } from "../../../../src/core/learners/standard-scaler"
import { createMatrix } from "../../../../src/core/linalg/matrix"
import { bestF1Threshold, confusionAt, logLoss, prAuc } from "../../../../src/core/metrics/classification"
import { createRandom } from "../../../../src/core/random"
import {
  isBetterCandidate,
  planTrials,
  PR_AUC_TIE,
  refitOnAll,
  tuneBinaryTask,
  type LabelledRows,
  type TunedTask,
  type TuneInput,
  type TuneOptions,
} from "../../../../src/core/tuning"
import { blobs, BLOB_FEATURES } from "./blobs"

const ALL: LearnerType[] = ["logistic-regression", "gradient-boosting", "neural-network"]
const train = blobs(200, 2)
const validation = blobs(200, 102)
const input = (overrides: Partial<TuneInput> = {}): TuneInput => ({
  train,
  validation,
  featureNames: BLOB_FEATURES,
  log1pColumns: [2],
  ...overrides,
})

/** A clock that advances 1 ms per reading, so fit times (and the whole result) are reproducible. */
function steppingClock(): () => number {
  let t = 0
  return () => ++t
}

function tune(seed: number, options: Partial<TuneOptions> = {}, data: TuneInput = input()): Promise<TunedTask> {
  return tuneBinaryTask(data, { trials: 8, learners: ALL, random: createRandom(seed), now: steppingClock(), ...options })
}

/** Train rows followed by validation rows. */
function concatenated(a: LabelledRows, b: LabelledRows): LabelledRows {
  const X = createMatrix(a.X.rows + b.X.rows, a.X.cols)
  X.data.set(a.X.data)
  X.data.set(b.X.data, a.X.data.length)
  const y = new Uint8Array(a.y.length + b.y.length)
  y.set(a.y)
  y.set(b.y, a.y.length)
  return { X, y }
}

/** A learner list as read from stored settings, which may name a learner this build does not know. */
const learnersFromJson = (text: string): LearnerType[] => JSON.parse(text)

describe("tuneBinaryTask", () => {
  let tuned: TunedTask
  beforeAll(async () => {
    tuned = await tune(7)
  })

  it("trains the planned candidates, each learner's first with its default params", () => {
    expect(tuned.candidates.map((c) => c.spec.type)).toEqual(planTrials(ALL, 8).map((trial) => trial.type))
    ALL.forEach((type, k) => expect(tuned.candidates[k].spec.params).toEqual(defaultParams(type)))
    for (const candidate of tuned.candidates.slice(3)) {
      expect(candidate.spec.params).not.toEqual(defaultParams(candidate.spec.type))
    }
  })

  it("selects the candidate with the best PR-AUC, log-loss breaking ties within 1e-4", () => {
    const bestPrAuc = Math.max(...tuned.candidates.map((c) => c.metrics.prAuc))
    expect(tuned.winner.candidateMetrics.prAuc).toBeGreaterThanOrEqual(bestPrAuc - PR_AUC_TIE)
    const expected = tuned.candidates.reduce((best, c) => (isBetterCandidate(c.metrics, best.metrics) ? c : best))
    expect(tuned.winner.spec).toEqual(expected.spec)
    expect(tuned.winner.seed).toBe(expected.seed)
    expect(tuned.winner.candidateMetrics).toEqual(expected.metrics)
  })

  it("scores each candidate on validation rows with the learner built from its spec and seed", () => {
    const scaler = new StandardScaler({ log1pColumns: [2] }).fit(train.X)
    const candidate = tuned.candidates[3]
    const learner = createLearner(candidate.spec, createRandom(candidate.seed))
    learner.fit(scaler.transform(train.X), train.y)
    const probs = learner.predictProba(scaler.transform(validation.X))
    expect(candidate.metrics.prAuc).toBe(prAuc(validation.y, probs))
    expect(candidate.metrics.logLoss).toBe(logLoss(validation.y, probs))
    expect(candidate.metrics.fitMs).toBe(1)
  })

  it("sets the threshold at the max F1 of the final probabilities on validation", () => {
    const probs = tuned.model.predictProba(validation.X)
    expect(tuned.winner.threshold).toBe(bestF1Threshold(validation.y, probs).threshold)
    const f1At = (t: number) => confusionAt(validation.y, probs, t).f1
    for (const p of new Set(probs)) expect(f1At(p)).toBeLessThanOrEqual(f1At(tuned.winner.threshold))
    expect(tuned.winner.metrics.f1).toBe(f1At(tuned.winner.threshold))
  })

  it("reports the winner's figures on its final probabilities, importance as shares sorted largest first", () => {
    const probs = tuned.model.predictProba(validation.X)
    const { metrics } = tuned.winner
    expect(metrics.prAuc).toBe(prAuc(validation.y, probs))
    expect(metrics.logLoss).toBe(logLoss(validation.y, probs))
    expect(metrics.accuracy).toBe(confusionAt(validation.y, probs, tuned.winner.threshold).accuracy)
    expect(metrics.calibrationTable.reduce((sum, bin) => sum + bin.count, 0)).toBe(200)
    expect(metrics.calibrationTable.length).toBeLessThanOrEqual(10)
    const shares = metrics.featureImportance.map((f) => f.importance)
    expect(shares.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12)
    expect(shares).toEqual([...shares].sort((a, b) => b - a))
    expect(metrics.featureImportance.map((f) => f.feature).sort()).toEqual([...BLOB_FEATURES].sort())
  })

  it("records the calibration it kept with the cross-fitted log-loss before and after", () => {
    const { calibration, calibrationLogLoss } = tuned.winner
    expect(calibrationLogLoss.none).toBe(tuned.winner.candidateMetrics.logLoss)
    expect(calibrationLogLoss[calibration]).toBe(Math.min(calibrationLogLoss.none, calibrationLogLoss.platt, calibrationLogLoss.isotonic))
    expect(tuned.model.calibrator === null).toBe(calibration === "none")
  })

  it("keeps Platt scaling when train weights bias the model towards positives, and nothing when it is fine", async () => {
    const overweighted = { ...train, weight: Float64Array.from(train.y, (label) => (label === 1 ? 8 : 1)) }
    const skewed = await tune(2, { trials: 1, learners: ["logistic-regression"] }, input({ train: overweighted }))
    expect(skewed.winner.calibration).toBe("platt")
    expect(skewed.winner.calibrationLogLoss.platt).toBeLessThan(skewed.winner.calibrationLogLoss.none - 0.1)
    expect(skewed.model.calibrator?.type).toBe("platt-calibrator")
    const plain = await tune(2, { trials: 1, learners: ["logistic-regression"] })
    expect(plain.winner.calibration).toBe("none")
    expect(plain.winner.calibrationLogLoss.platt).toBeGreaterThan(plain.winner.calibrationLogLoss.none)
    expect(plain.model.calibrator).toBeNull()
  })

  it("gives identical JSON for the same input and seed, and a different search for another seed", async () => {
    const again = await tune(7)
    expect(JSON.stringify(again)).toBe(JSON.stringify(tuned))
    const other = await tune(8)
    expect(other.candidates.map((c) => c.spec)).not.toEqual(tuned.candidates.map((c) => c.spec))
  })

  it("reports progress after each candidate", async () => {
    const calls: [number, number][] = []
    await tune(3, { trials: 4, onProgress: (done, total) => calls.push([done, total]) })
    expect(calls).toEqual([[1, 4], [2, 4], [3, 4], [4, 4]])
  })

  it("stops with an AbortError when the signal fires between candidates", async () => {
    const controller = new AbortController()
    const calls: number[] = []
    const onProgress = (done: number) => {
      calls.push(done)
      if (done === 2) controller.abort()
    }
    await expect(tune(3, { signal: controller.signal, onProgress })).rejects.toMatchObject({ name: "AbortError" })
    expect(calls).toEqual([1, 2])
  })

  it("stops before training when the signal has already fired, and on an abort from a timer", async () => {
    const calls: number[] = []
    await expect(tune(3, { signal: AbortSignal.abort(), onProgress: (done) => calls.push(done) })).rejects.toMatchObject({
      name: "AbortError",
    })
    expect(calls).toEqual([])
    const controller = new AbortController()
    setTimeout(() => controller.abort(), 0)
    await expect(tune(3, { trials: 50, signal: controller.signal, onProgress: (done) => calls.push(done) })).rejects.toMatchObject({
      name: "AbortError",
    })
    expect(calls.length).toBeLessThan(50)
  })

  it("rejects unknown or duplicate learners, too few trials and mismatched input", async () => {
    await expect(tune(1, { learners: learnersFromJson('["random-forest"]') })).rejects.toThrow(InvalidInputError)
    await expect(tune(1, { learners: learnersFromJson('["random-forest"]') })).rejects.toThrow('unknown learner type "random-forest"')
    await expect(tune(1, { learners: ["gradient-boosting", "gradient-boosting"] })).rejects.toThrow(InvalidInputError)
    await expect(tune(1, { learners: [] })).rejects.toThrow(InvalidInputError)
    await expect(tune(1, { trials: 2 })).rejects.toThrow(InvalidInputError)
    await expect(tune(1, {}, input({ featureNames: ["a", "b"] }))).rejects.toThrow(InvalidInputError)
  })

  it("needs both classes among the validation rows", async () => {
    const oneClass = { X: validation.X, y: new Uint8Array(validation.y.length) }
    await expect(tune(1, {}, input({ validation: oneClass }))).rejects.toThrow(NotEnoughDataError)
  })
})

describe("isBetterCandidate", () => {
  const metrics = (prAucValue: number, logLossValue: number) => ({ prAuc: prAucValue, rocAuc: 0.5, logLoss: logLossValue, brier: 0.2, fitMs: 1 })

  it("prefers the higher PR-AUC, and within 1e-4 the lower log-loss", () => {
    expect(isBetterCandidate(metrics(0.8, 0.9), metrics(0.7, 0.1))).toBe(true)
    expect(isBetterCandidate(metrics(0.70005, 0.3), metrics(0.7, 0.2))).toBe(false)
    expect(isBetterCandidate(metrics(0.69995, 0.1), metrics(0.7, 0.2))).toBe(true)
    expect(isBetterCandidate(metrics(0.7, 0.2), metrics(0.7, 0.2))).toBe(false)
  })
})

describe("refitOnAll", () => {
  let tuned: TunedTask
  beforeAll(async () => {
    const overweighted = { ...train, weight: Float64Array.from(train.y, (label) => (label === 1 ? 8 : 1)) }
    tuned = await tune(4, { trials: 4 }, input({ train: overweighted }))
  })
  const all = concatenated(train, validation)

  it("retrains the winning spec with the same seed on all rows and chooses its calibration on out-of-fold scores", () => {
    expect(tuned.model.calibrator).not.toBeNull()
    const { model: refitted, calibration } = refitOnAll(tuned, { train, validation })
    const scaler = new StandardScaler({ log1pColumns: [2] }).fit(all.X)
    const learner = createLearner(tuned.winner.spec, createRandom(tuned.winner.seed))
    learner.fit(scaler.transform(all.X), all.y)
    expect(refitted.predictUncalibrated(validation.X)).toEqual(learner.predictProba(scaler.transform(validation.X)))
    // the calibrator, if any, was fitted on scores of models that did not see the row they scored
    expect(calibration.logLoss.none).not.toBeCloseTo(logLoss(validation.y, learner.predictProba(scaler.transform(validation.X))), 6)
    expect(refitted.calibrator?.toJSON() ?? null).toEqual(calibration.calibrator?.toJSON() ?? null)
    expect(refitted.featureNames).toEqual(BLOB_FEATURES)
    expect(refitted.scaler.toJSON()).toEqual(scaler.toJSON())
  })

  it("is deterministic and leaves the tuned model unchanged", () => {
    const before = JSON.stringify(tuned.model)
    expect(JSON.stringify(refitOnAll(tuned, { train, validation }))).toBe(JSON.stringify(refitOnAll(tuned, { train, validation })))
    expect(JSON.stringify(tuned.model)).toBe(before)
  })

  it("rejects rows with another number of columns", () => {
    expect(() => refitOnAll(tuned, { train: { X: createMatrix(2, 2), y: Uint8Array.from([0, 1]) }, validation })).toThrow(InvalidInputError)
  })
})
