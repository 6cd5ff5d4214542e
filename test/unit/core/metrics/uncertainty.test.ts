import { rocAuc } from "../../../../src/core/metrics/classification"
import { bootstrapInterval, pairedDifference, rocAucStandardError } from "../../../../src/core/metrics/uncertainty"
import { confidenceWording, validationConfidence } from "../../../../src/core/pipeline/confidence"
import { createRandom } from "../../../../src/core/random"

describe("rocAucStandardError (Hanley & McNeil 1982)", () => {
  it("matches the formula on hand-computed values", () => {
    // A = 0.8, n1 = 10, n0 = 20: Q1 = 0.8 / 1.2, Q2 = 1.28 / 1.8; SE² = (0.16 + 9 · 0.02667 + 19 · 0.07111) / 200 = 0.008756
    const q1 = 0.8 / 1.2
    const q2 = 1.28 / 1.8
    const expected = Math.sqrt((0.8 * 0.2 + 9 * (q1 - 0.64) + 19 * (q2 - 0.64)) / 200)
    expect(rocAucStandardError(0.8, 10, 20)).toBeCloseTo(expected, 12)
    expect(rocAucStandardError(0.8, 10, 20)).toBeCloseTo(0.0936, 4)
  })
  it("shrinks with the sample and is infinite without a class", () => {
    expect(rocAucStandardError(0.7, 100, 100)).toBeLessThan(rocAucStandardError(0.7, 10, 10))
    expect(rocAucStandardError(0.7, 0, 10)).toBe(Number.POSITIVE_INFINITY)
  })
})

describe("bootstrap intervals over customers", () => {
  const y = Uint8Array.from([0, 0, 0, 0, 1, 0, 1, 1, 0, 1, 1, 1])
  const scores = Float64Array.from([0.1, 0.2, 0.25, 0.3, 0.35, 0.4, 0.5, 0.6, 0.65, 0.7, 0.8, 0.9])

  it("brackets the estimate, records the sample behind it and repeats with the same seed", () => {
    const a = bootstrapInterval(y, scores, rocAuc, { random: createRandom(1) })
    const b = bootstrapInterval(y, scores, rocAuc, { random: createRandom(1) })
    expect(a).toEqual(b)
    expect(a.estimate).toBeCloseTo(rocAuc(y, scores), 12)
    expect(a.lower).toBeLessThan(a.estimate)
    expect(a.upper).toBeGreaterThanOrEqual(a.estimate)
    expect(a).toMatchObject({ n: 12, positives: 6, level: 0.9, replicates: 200 })
  })

  it("gives a narrower interval on more customers with the same pattern", () => {
    const repeat = <T extends Uint8Array | Float64Array>(v: T, times: number) => {
      const out = new (v.constructor as { new (n: number): T })(v.length * times)
      for (let k = 0; k < times; k++) out.set(v, k * v.length)
      return out
    }
    const small = bootstrapInterval(y, scores, rocAuc, { random: createRandom(2) })
    const large = bootstrapInterval(repeat(y, 20), repeat(scores, 20), rocAuc, { random: createRandom(2) })
    expect(large.upper - large.lower).toBeLessThan(small.upper - small.lower)
  })

  it("a paired difference of a model with itself is exactly 0 with no spread", () => {
    const d = pairedDifference(y, scores, scores, rocAuc, { random: createRandom(3) })
    expect(d.difference).toBe(0)
    expect(d.standardError).toBe(0)
  })
})

describe("confidence", () => {
  it("says whether a model separates customers beyond chance", () => {
    const random = createRandom(4)
    const y = Uint8Array.from({ length: 400 }, (_, i) => (i % 2))
    const informative = Float64Array.from(y, (v, i) => v * 0.3 + ((i * 7919) % 100) / 100)
    const noise = Float64Array.from(y, (_, i) => ((i * 7919) % 101) / 101)
    expect(validationConfidence(y, informative, random).separatesBeyondChance).toBe(true)
    const none = validationConfidence(y, noise, random)
    expect(none.separatesBeyondChance).toBe(false)
    expect(none).toMatchObject({ customers: 400, positives: 200, level: 0.9 })
  })

  it("words an interval for a merchant by its width and whether it reaches 0.5", () => {
    expect(confidenceWording(120, { lower: 0.52, upper: 0.71 })).toEqual({
      level: "rough",
      text: "based on 120 customers: rough (ROC-AUC likely between 0.52 and 0.71)",
    })
    expect(confidenceWording(1500, { lower: 0.7, upper: 0.79 }).level).toBe("fair")
    expect(confidenceWording(3368, { lower: 0.72, upper: 0.765 }).text).toBe("based on 3,368 customers: good (ROC-AUC likely between 0.72 and 0.77)")
    expect(confidenceWording(80, { lower: 0.45, upper: 0.7 })).toMatchObject({ level: "none" })
    expect(confidenceWording(80, { lower: 0.45, upper: 0.7 }).text).toContain("not yet better than chance")
  })
})
