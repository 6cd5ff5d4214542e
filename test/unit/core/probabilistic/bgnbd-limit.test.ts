import { bgnbdLogLikelihood } from "../../../../src/core/probabilistic/bgnbd"
import { fitDropoutEdge, oneDropoutProbabilityLogLikelihood } from "../../../../src/core/probabilistic/bgnbd-limit"
import { groupHistories } from "../../../../src/core/probabilistic/rfm"
import { createRandom } from "../../../../src/core/random"
import { simulateBgNbd } from "./simulate"

describe("oneDropoutProbabilityLogLikelihood", () => {
  it("equals the hand-computed likelihood of one repeat customer", () => {
    // r = 2, α = 3, p = 0.2; x = 2, t_x = 4, T = 6: Γ(4)/Γ(2) · 3² = 54
    //   alive:       (1-p)^2 · 54 / 9^4   = 0.64 · 54 / 6561 = 0.0052674897
    //   dropped out: p (1-p) · 54 / 7^4   = 0.16 · 54 / 2401 = 0.0035985006
    const data = groupHistories([{ x: 2, tx: 4, T: 6 }])
    expect(oneDropoutProbabilityLogLikelihood(data)(2, 3, 0.2)).toBeCloseTo(Math.log((0.64 * 54) / 6561 + (0.16 * 54) / 2401), 12)
  })

  it("is the limit of the BG/NBD likelihood as b -> ∞ with a/b = p/(1-p)", () => {
    const histories = simulateBgNbd({ r: 0.5, alpha: 5, a: 0.8, b: 2.5 }, 300, { minT: 26, maxT: 39 }, createRandom(3))
    const edge = oneDropoutProbabilityLogLikelihood(groupHistories(histories))(0.5, 5, 0.1)
    const at = (b: number): number => bgnbdLogLikelihood({ r: 0.5, alpha: 5, a: b / 9, b }, histories)
    const gaps = [1e4, 1e6, 1e8, 1e12].map((b) => Math.abs(at(b) - edge))
    gaps.slice(1).forEach((gap, i) => expect(gap).toBeLessThan(gaps[i]))
    expect(gaps[3]).toBeLessThan(1e-6)
  })
})

describe("fitDropoutEdge", () => {
  it("recovers one dropout probability shared by every customer", () => {
    // Beta(2e6, 8e6) is p = 0.2 for everyone to within 0.03%
    const histories = simulateBgNbd({ r: 0.9, alpha: 4, a: 2e6, b: 8e6 }, 3000, { minT: 26, maxT: 39 }, createRandom(5))
    const fit = fitDropoutEdge(groupHistories(histories), 30, { maxIterations: 5000, tolerance: 1e-10 })
    expect(fit.converged).toBe(true)
    expect(fit.p).toBeGreaterThan(0.15)
    expect(fit.p).toBeLessThan(0.25)
    expect(fit.r).toBeGreaterThan(0.7)
    expect(fit.r).toBeLessThan(1.1)
  })
})
