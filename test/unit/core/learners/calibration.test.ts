import { InvalidInputError, ModelFormatError } from "../../../../src/core/errors"
import {
  IsotonicCalibrator,
  PlattCalibrator,
  loadCalibrator,
  poolAdjacentViolators,
  type Calibrator,
} from "../../../../src/core/learners/calibration"
import { createRandom } from "../../../../src/core/random"

/** Probabilities uniform in [0.05, 0.95] and labels drawn with exactly those probabilities. */
function calibratedSample(n: number, seed: number): { probs: Float64Array; y: Float64Array } {
  const random = createRandom(seed)
  const probs = Float64Array.from({ length: n }, () => 0.05 + 0.9 * random.next())
  const y = probs.map((p) => (random.next() < p ? 1 : 0))
  return { probs, y }
}

const grid = Float64Array.from({ length: 1001 }, (_, k) => k / 1000)

/** Index of the first value below its predecessor, or -1. */
function firstDecrease(values: Float64Array): number {
  return values.findIndex((v, k) => k > 0 && v < values[k - 1])
}

describe("poolAdjacentViolators", () => {
  it("pools each decreasing pair into its mean", () => {
    expect(poolAdjacentViolators([1, 3, 2, 4, 3, 5])).toEqual([
      { start: 0, end: 1, value: 1, weight: 1 },
      { start: 1, end: 3, value: 2.5, weight: 2 },
      { start: 3, end: 5, value: 3.5, weight: 2 },
      { start: 5, end: 6, value: 5, weight: 1 },
    ])
  })

  it("keeps pooling backwards while the new block is lower", () => {
    // 4 > 1 pools to 2.5; 2 < 2.5 pools to 7/3; 3 > 7/3 stays.
    const blocks = poolAdjacentViolators([4, 1, 2, 3])
    expect(blocks.map((b) => [b.start, b.end, b.weight])).toEqual([
      [0, 3, 3],
      [3, 4, 1],
    ])
    expect(blocks[0].value).toBeCloseTo(7 / 3, 15)
  })

  it("uses weighted means and leaves a non-decreasing sequence alone", () => {
    expect(poolAdjacentViolators([2, 0], [1, 3])).toEqual([{ start: 0, end: 2, value: 0.5, weight: 4 }])
    expect(poolAdjacentViolators([1, 2, 2, 3]).map((b) => b.value)).toEqual([1, 2, 2, 3])
    expect(() => poolAdjacentViolators([1, 2], [1, 0])).toThrow("weights[1] must be > 0, got 0")
  })
})

describe("IsotonicCalibrator", () => {
  it("interpolates between block midpoints and holds the end values outside them", () => {
    // Labels (0, 1, 0, 1) pool to blocks {0.1}: 0, {0.2, 0.3}: 0.5, {0.4}: 1 -> knots at 0.1, 0.25, 0.4.
    const calibrator = new IsotonicCalibrator().fit([0.3, 0.1, 0.4, 0.2], [0, 0, 1, 1])
    const knots = calibrator.knots()
    expect(Array.from(knots.x)).toEqual([0.1, 0.25, 0.4])
    expect(Array.from(knots.y)).toEqual([0, 0.5, 1])
    const out = calibrator.transform([0, 0.1, 0.175, 0.25, 0.325, 0.4, 1])
    const expected = [0, 0, 0.25, 0.5, 0.75, 1, 1]
    out.forEach((v, k) => expect(v).toBeCloseTo(expected[k], 12))
  })

  it("merges equal probabilities before pooling", () => {
    const knots = new IsotonicCalibrator().fit([0.2, 0.6, 0.2], [0, 1, 1]).knots()
    expect(Array.from(knots.x)).toEqual([0.2, 0.6])
    expect(Array.from(knots.y)).toEqual([0.5, 1])
  })

  it("is monotone non-decreasing", () => {
    const { probs, y } = calibratedSample(500, 4)
    expect(firstDecrease(new IsotonicCalibrator().fit(probs, y).transform(grid))).toBe(-1)
  })
})

describe("PlattCalibrator", () => {
  it("stays close to the identity on already calibrated probabilities", () => {
    const { probs, y } = calibratedSample(4000, 1)
    const calibrator = new PlattCalibrator().fit(probs, y)
    const { a, b } = calibrator.parameters()
    expect(Math.abs(a - 1)).toBeLessThan(0.1)
    expect(Math.abs(b)).toBeLessThan(0.1)
    const out = calibrator.transform(grid)
    const largestGap = out.reduce((gap, v, k) => Math.max(gap, Math.abs(v - grid[k])), 0)
    expect(largestGap).toBeLessThan(0.03)
  })

  it("sharpens under-confident probabilities", () => {
    // True probabilities 0.1 and 0.9 reported as 0.4 and 0.6: the slope must exceed 1.
    const probs = [0.4, 0.4, 0.4, 0.4, 0.4, 0.4, 0.4, 0.4, 0.4, 0.4, 0.6, 0.6, 0.6, 0.6, 0.6, 0.6, 0.6, 0.6, 0.6, 0.6]
    const y = [1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0]
    const calibrator = new PlattCalibrator().fit(probs, y)
    expect(calibrator.parameters().a).toBeGreaterThan(1)
    const [low, high] = calibrator.transform([0.4, 0.6])
    expect(low).toBeLessThan(0.2)
    expect(high).toBeGreaterThan(0.8)
  })

  it("is monotone non-decreasing, flat when the scores point the wrong way", () => {
    const { probs, y } = calibratedSample(500, 2)
    expect(firstDecrease(new PlattCalibrator().fit(probs, y).transform(grid))).toBe(-1)
    const reversed = new PlattCalibrator().fit([0.1, 0.2, 0.8, 0.9], [1, 1, 0, 0])
    expect(reversed.parameters().a).toBe(0)
    // Smoothed targets 3/4, 3/4, 1/4, 1/4 average 1/2.
    expect(Array.from(reversed.transform([0, 0.5, 1]), (v) => Number(v.toFixed(12)))).toEqual([0.5, 0.5, 0.5])
  })

  it("stays finite on perfectly separated scores", () => {
    const calibrator = new PlattCalibrator().fit([0.1, 0.2, 0.8, 0.9], [0, 0, 1, 1])
    const { a, b } = calibrator.parameters()
    expect(Number.isFinite(a) && Number.isFinite(b)).toBe(true)
    expect(a).toBeGreaterThan(0)
  })
})

describe("calibrator serialization", () => {
  it.each<[string, () => Calibrator]>([
    ["platt-calibrator", () => new PlattCalibrator()],
    ["isotonic-calibrator", () => new IsotonicCalibrator()],
  ])("%s round-trips through loadCalibrator", (type, create) => {
    const { probs, y } = calibratedSample(300, 8)
    const calibrator = create().fit(probs, y)
    const json = JSON.parse(JSON.stringify(calibrator.toJSON()))
    expect(json).toMatchObject({ type, version: 1 })
    const restored = loadCalibrator(json)
    expect(restored.type).toBe(type)
    expect(restored.transform(grid)).toEqual(calibrator.transform(grid))
  })

  it("rejects unknown types, versions and broken state", () => {
    const json = new IsotonicCalibrator().fit([0.1, 0.9], [0, 1]).toJSON()
    expect(() => loadCalibrator({ ...json, type: "beta-calibrator" })).toThrow(ModelFormatError)
    expect(() => loadCalibrator({ ...json, version: 2 })).toThrow(ModelFormatError)
    expect(() => loadCalibrator({ ...json, state: { x: [0.5, 0.2], y: [0, 1] } })).toThrow(ModelFormatError)
    expect(() => loadCalibrator({ type: "platt-calibrator", version: 1, params: {}, state: { a: -1, b: 0 } })).toThrow(
      ModelFormatError
    )
  })
})

describe("calibrator input validation", () => {
  it("names the offending argument", () => {
    expect(() => new PlattCalibrator().fit([], [])).toThrow(new InvalidInputError("probs is empty"))
    expect(() => new IsotonicCalibrator().fit([0.5, 1.5], [0, 1])).toThrow("probs[1] must be in [0, 1], got 1.5")
    expect(() => new IsotonicCalibrator().fit([0.5], [0, 1])).toThrow("y has 2 values, probs has 1")
    expect(() => new PlattCalibrator().fit([0.5], [3])).toThrow("y[0] must be 0 or 1, got 3")
    expect(() => new PlattCalibrator().transform([0.5])).toThrow("not fitted")
  })
})
