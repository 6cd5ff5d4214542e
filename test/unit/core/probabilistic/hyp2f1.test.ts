import { InvalidInputError } from "../../../../src/core/errors"
import { hyp2f1 } from "../../../../src/core/probabilistic/hyp2f1"

const relativeError = (got: number, want: number): number => Math.abs(got - want) / Math.abs(want)

describe("hyp2f1 against closed forms", () => {
  // 2F1(1, 1; 2; z) = -ln(1 - z) / z. Here c - a - b = 0, an integer: for z > 0.9 this
  // exercises the perturbed 1 - z transformation; for z < 0 Pfaff's transformation.
  it.each([-3, -0.5, 0.3, 0.9, 0.95, 0.999, 0.999999])("2F1(1, 1; 2; %p) = -ln(1-z)/z", (z) => {
    expect(relativeError(hyp2f1(1, 1, 2, z), -Math.log(1 - z) / z)).toBeLessThan(1e-10)
  })

  // 2F1(a, b; b; z) = (1 - z)^(-a): c - a - b = -a is not an integer, and Γ(c - b) = Γ(0)
  // is a pole, so one of the two terms of the 1 - z transformation vanishes.
  it.each([0.5, 0.97, 0.9999])("2F1(0.3, 2; 2; %p) = (1-z)^-0.3", (z) => {
    expect(relativeError(hyp2f1(0.3, 2, 2, z), Math.pow(1 - z, -0.3))).toBeLessThan(1e-12)
  })

  // 2F1(1/2, 1/2; 3/2; s²) = arcsin(s) / s  (c - a - b = 1/2).
  it.each([0.2, 0.96, 0.99999])("2F1(1/2, 1/2; 3/2; s²) = arcsin(s)/s for s = %p", (s) => {
    expect(relativeError(hyp2f1(0.5, 0.5, 1.5, s * s), Math.asin(s) / s)).toBeLessThan(1e-12)
  })

  // 2F1(1/2, 1; 3/2; -s²) = arctan(s) / s  (negative argument).
  it.each([0.5, 3, 100])("2F1(1/2, 1; 3/2; -s²) = arctan(s)/s for s = %p", (s) => {
    expect(relativeError(hyp2f1(0.5, 1, 1.5, -s * s), Math.atan(s) / s)).toBeLessThan(1e-12)
  })

  it("sums a terminating series exactly: 2F1(-2, b; c; z) = 1 - 2bz/c + b(b+1)z²/(c(c+1))", () => {
    const [b, c, z] = [1.5, 2.5, 0.8]
    // 1 - 2·1.5·0.8/2.5 + 1.5·2.5·0.64/(2.5·3.5) = 1 - 0.96 + 0.27428571... = 0.31428571...
    expect(hyp2f1(-2, b, c, z)).toBeCloseTo(1 - 0.96 + 2.4 / 8.75, 14)
  })

  it("uses Gauss's theorem at z = 1: 2F1(1, 1; 3; 1) = Γ(3)Γ(1)/(Γ(2)Γ(2)) = 2", () => {
    expect(hyp2f1(1, 1, 3, 1)).toBeCloseTo(2, 12)
  })

  it("matches a 30-digit reference value in the BG/NBD range", () => {
    // mpmath.hyp2f1(0.243, 2.426, 2.219, 0.95) = 2.44618667703099...
    expect(relativeError(hyp2f1(0.243, 2.426, 2.219, 0.95), 2.4461866770309917)).toBeLessThan(1e-12)
  })

  it("sums a series whose parameters are huge but cancel (a ≈ c) in a few dozen terms", () => {
    // The BG/NBD expectation at a fitted boundary (a = 1.2e-7, b = 1.9e7) used to need
    // more than 100000 terms here. mpmath.hyp2f1 at 40 digits: 0.491827920012593403...
    const value = hyp2f1(19180264.333752222, -0.9999998848810151, 19180266.085058417, 0.508172166565592)
    expect(relativeError(value, 0.4918279200125934)).toBeLessThan(1e-13)
  })

  it("uses the series for 0.9 < z < 1 when c is large next to a and b", () => {
    // 2F1(a, b; b; z) = (1 - z)^(-a) exactly, with b = c = 1e6: the terms shrink like z·b/c
    expect(relativeError(hyp2f1(1.5, 1e6, 1e6, 0.95), Math.pow(0.05, -1.5))).toBeLessThan(1e-12)
  })

  it("returns 1 at z = 0 and rejects arguments outside its domain", () => {
    expect(hyp2f1(3.2, 1.1, 0.7, 0)).toBe(1)
    expect(() => hyp2f1(1, 1, 2, 1.5)).toThrow(InvalidInputError)
    expect(() => hyp2f1(1, 1, -2, 0.5)).toThrow(/c = -2/)
    expect(() => hyp2f1(1, 1, 2, 1)).toThrow(/diverges at z = 1/)
    expect(() => hyp2f1(NaN, 1, 2, 0.5)).toThrow(/finite/)
  })
})
