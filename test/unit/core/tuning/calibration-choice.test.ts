import { IsotonicCalibrator, PlattCalibrator } from "../../../../src/core/learners/calibration"
import { LogisticRegression } from "../../../../src/core/learners/logistic-regression"
import type { Matrix } from "../../../../src/core/linalg/matrix"
import { logLoss } from "../../../../src/core/metrics/classification"
import { createRandom } from "../../../../src/core/random"
import { chooseCalibration, crossFittedProbabilities, stratifiedHalves } from "../../../../src/core/tuning"
import { blobs } from "./blobs"

/** The exact posterior of the blobs: ln(0.3/0.7) + 1.2 x0 - 0.8 x1 - (1.2² + 0.8²)/2, through the sigmoid. */
function bayesProbabilities(X: Matrix): Float64Array {
  return Float64Array.from({ length: X.rows }, (_, i) => {
    const eta = Math.log(3 / 7) + 1.2 * X.data[3 * i] - 0.8 * X.data[3 * i + 1] - 1.04
    return 1 / (1 + Math.exp(-eta))
  })
}

describe("stratifiedHalves", () => {
  it("splits each class in halves (within one row), seeded", () => {
    const y = [1, 0, 0, 1, 0, 0, 0, 1, 0, 0, 1]
    const folds = stratifiedHalves(y, createRandom(1))
    const count = (label: number, fold: number) => y.filter((v, i) => v === label && folds[i] === fold).length
    // 7 negatives dealt first (4 to fold 0, 3 to fold 1), then 4 positives continue the alternation (2 and 2).
    expect([count(0, 0), count(0, 1), count(1, 0), count(1, 1)]).toEqual([4, 3, 2, 2])
    expect(stratifiedHalves(y, createRandom(1))).toEqual(folds)
    expect(stratifiedHalves(y, createRandom(2))).not.toEqual(folds)
  })

  it("leaves no fold empty with one row of each class", () => {
    expect(Array.from(stratifiedHalves([1, 0], createRandom(3))).sort()).toEqual([0, 1])
  })
})

describe("crossFittedProbabilities", () => {
  it("scores each fold with a calibrator fitted on the other fold only", () => {
    const probs = [0.1, 0.2, 0.3, 0.4, 0.6, 0.7, 0.8, 0.9]
    const y = [0, 0, 1, 0, 1, 0, 1, 1]
    const folds = Uint8Array.from([0, 1, 0, 1, 0, 1, 0, 1])
    const even = [0, 2, 4, 6]
    const odd = [1, 3, 5, 7]
    const fitOn = (rows: number[]) => new PlattCalibrator().fit(rows.map((i) => probs[i]), rows.map((i) => y[i]))
    const expected = new Float64Array(8)
    fitOn(odd).transform(even.map((i) => probs[i])).forEach((p, k) => (expected[even[k]] = p))
    fitOn(even).transform(odd.map((i) => probs[i])).forEach((p, k) => (expected[odd[k]] = p))
    expect(crossFittedProbabilities("platt", probs, y, folds)).toEqual(expected)
  })
})

describe("chooseCalibration", () => {
  it("keeps Platt for an underconfident model (logistic regression with a huge penalty)", () => {
    const train = blobs(200, 2)
    const validation = blobs(200, 102)
    const shrunk = new LogisticRegression({ l2: 1e4 })
    shrunk.fit(train.X, train.y)
    const raw = shrunk.predictProba(validation.X)
    const choice = chooseCalibration(raw, validation.y, createRandom(2))
    expect(choice.method).toBe("platt")
    expect(choice.logLoss.none).toBeCloseTo(logLoss(validation.y, raw), 12)
    expect(choice.logLoss.platt).toBeLessThan(choice.logLoss.none - 0.1)
    // The kept calibrator is fitted on all validation rows.
    const onAll = new PlattCalibrator().fit(raw, validation.y)
    expect(choice.calibrator?.toJSON()).toEqual(onAll.toJSON())
  })

  it("keeps nothing when the probabilities are already the true ones", () => {
    const validation = blobs(200, 102)
    const choice = chooseCalibration(bayesProbabilities(validation.X), validation.y, createRandom(2))
    expect(choice.method).toBe("none")
    expect(choice.calibrator).toBeNull()
    expect(choice.logLoss.platt).toBeGreaterThanOrEqual(choice.logLoss.none)
    expect(choice.logLoss.isotonic).toBeGreaterThanOrEqual(choice.logLoss.none)
  })

  it("keeps isotonic when the distortion is monotone but not a logistic curve", () => {
    // Five score levels whose true positive rates rise in an S that σ(a logit(p) + b) cannot follow.
    const levels = [0.1, 0.3, 0.5, 0.7, 0.9]
    const rates = [0.02, 0.5, 0.52, 0.55, 0.98]
    const random = createRandom(4)
    const probs: number[] = []
    const y: number[] = []
    for (let i = 0; i < 1000; i++) {
      const level = random.int(5)
      probs.push(levels[level])
      y.push(random.next() < rates[level] ? 1 : 0)
    }
    const choice = chooseCalibration(probs, y, createRandom(4))
    expect(choice.method).toBe("isotonic")
    expect(choice.logLoss.isotonic).toBeLessThan(choice.logLoss.platt)
    expect(choice.logLoss.isotonic).toBeLessThan(choice.logLoss.none)
    expect(choice.calibrator?.toJSON()).toEqual(new IsotonicCalibrator().fit(probs, y).toJSON())
  })

  it("keeps a calibrator only when its cross-fitted log-loss is the lowest and below the raw one", () => {
    const kept: string[] = []
    for (let seed = 1; seed <= 6; seed++) {
      const validation = blobs(120, 300 + seed)
      const noisy = bayesProbabilities(validation.X).map((p) => Math.min(0.99, Math.max(0.01, p * (0.5 + seed / 6))))
      const choice = chooseCalibration(noisy, validation.y, createRandom(seed))
      const lowest = Math.min(choice.logLoss.none, choice.logLoss.platt, choice.logLoss.isotonic)
      expect(choice.logLoss[choice.method]).toBe(lowest)
      expect(choice.calibrator === null).toBe(choice.method === "none")
      kept.push(choice.method)
    }
    // Scale factors 0.67 .. 1.5: the undistorted case (seed 3) keeps nothing, strong distortions keep Platt.
    expect(kept[2]).toBe("none")
    expect(kept).toContain("platt")
  })
})
