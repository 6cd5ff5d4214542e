import { gammaSign, lnAbsGamma, lnBeta, logAddExp } from "../../../../src/core/probabilistic/special-functions"

const relativeError = (got: number, want: number): number => Math.abs(got - want) / Math.abs(want)

describe("special functions", () => {
  it("lnAbsGamma matches factorials and half-integer values", () => {
    expect(lnAbsGamma(5)).toBeCloseTo(Math.log(24), 13)
    expect(lnAbsGamma(0.5)).toBeCloseTo(0.5 * Math.log(Math.PI), 13)
    // Γ(-0.5) = -2√π
    expect(lnAbsGamma(-0.5)).toBeCloseTo(Math.log(2 * Math.sqrt(Math.PI)), 13)
    expect(gammaSign(-0.5)).toBe(-1)
    expect(gammaSign(-1.5)).toBe(1)
    expect(gammaSign(-2)).toBe(0)
    expect(lnAbsGamma(-2)).toBe(Infinity)
    // ln Γ(171) = ln(170!) ≈ 706.5731: just under the overflow of Γ itself
    expect(relativeError(lnAbsGamma(171), 706.5730622457874)).toBeLessThan(1e-14)
  })

  it("lnBeta(2, 3) = ln(1/12)", () => {
    expect(lnBeta(2, 3)).toBeCloseTo(Math.log(1 / 12), 14)
  })

  it("logAddExp neither overflows nor underflows", () => {
    expect(logAddExp(1000, 1000)).toBeCloseTo(1000 + Math.log(2), 12)
    expect(logAddExp(-1000, -Infinity)).toBe(-1000)
    expect(logAddExp(-Infinity, -Infinity)).toBe(-Infinity)
  })
})
