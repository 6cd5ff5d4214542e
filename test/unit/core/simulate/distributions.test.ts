import { createRandom } from "../../../../src/core/random"
import {
  cumulativeWeights,
  firstIndexAbove,
  pickCumulative,
  sampleBeta,
  sampleGamma,
  samplePoisson,
} from "../../../../src/core/simulate/distributions"

const DRAWS = 40_000

function moments(draw: () => number): { mean: number; variance: number } {
  const values = Array.from({ length: DRAWS }, draw)
  const mean = values.reduce((a, b) => a + b, 0) / DRAWS
  const variance = values.reduce((a, b) => a + (b - mean) ** 2, 0) / (DRAWS - 1)
  return { mean, variance }
}

describe("simulator distributions", () => {
  it.each([0.5, 0.9, 3])("Gamma(%p) has mean and variance equal to its shape", (shape) => {
    const random = createRandom(5)
    const { mean, variance } = moments(() => sampleGamma(shape, random))
    expect(mean).toBeCloseTo(shape, 1)
    expect(variance / shape).toBeGreaterThan(0.93)
    expect(variance / shape).toBeLessThan(1.07)
  })

  it("Beta(1, 6) has mean 1/7 and variance ab / ((a+b)^2 (a+b+1)) = 6/392", () => {
    const random = createRandom(6)
    const { mean, variance } = moments(() => sampleBeta(1, 6, random))
    expect(mean).toBeCloseTo(1 / 7, 2)
    expect(variance).toBeCloseTo(6 / 392, 3)
  })

  it("Poisson(1) has mean 1 and P(0) = e^-1", () => {
    const random = createRandom(7)
    const values = Array.from({ length: DRAWS }, () => samplePoisson(1, random))
    expect(values.reduce((a, b) => a + b, 0) / DRAWS).toBeCloseTo(1, 1)
    expect(values.filter((v) => v === 0).length / DRAWS).toBeCloseTo(Math.exp(-1), 2)
  })

  it("finds the first running total above a target and picks indices by weight", () => {
    const totals = cumulativeWeights([1, 0, 3])
    expect(Array.from(totals)).toEqual([1, 1, 4])
    expect(firstIndexAbove(totals, 0)).toBe(0)
    expect(firstIndexAbove(totals, 1)).toBe(2)
    expect(firstIndexAbove(totals, 3.99)).toBe(2)
    const random = createRandom(8)
    const counts = [0, 0, 0]
    for (let i = 0; i < DRAWS; i++) counts[pickCumulative(totals, random)]++
    expect(counts[1]).toBe(0)
    expect(counts[2] / DRAWS).toBeCloseTo(0.75, 2)
  })
})
