import { choleskyFactor, choleskySolve, NotPositiveDefiniteError } from "../../../../src/core/linalg/cholesky"

describe("choleskySolve", () => {
  it("solves a 2 x 2 system", () => {
    // [[4, 2], [2, 3]]⁻¹ = [[3, -2], [-2, 4]] / 8, so b = (2, 1) gives x = (0.5, 0).
    const x = choleskySolve(Float64Array.of(4, 2, 2, 3), Float64Array.of(2, 1), 2)
    expect(x[0]).toBeCloseTo(0.5, 14)
    expect(x[1]).toBeCloseTo(0, 14)
  })

  it("factorises the textbook 3 x 3 matrix into the known U and solves in place", () => {
    // The classic example [[25, 15, -5], [15, 18, 0], [-5, 0, 11]] = Uᵀ U with U = [[5, 3, -1], [0, 3, 1], [0, 0, 3]].
    const a = Float64Array.of(25, 15, -5, 15, 18, 0, -5, 0, 11)
    const b = Float64Array.of(40, 51, 28) // A · (1, 2, 3)
    const x = choleskySolve(a, b, 3)
    expect(x).toBe(b)
    expect(Array.from(x).map((v) => Number(v.toFixed(12)))).toEqual([1, 2, 3])
    expect([a[0], a[1], a[2], a[4], a[5], a[8]]).toEqual([5, 3, -1, 3, 1, 3])
  })

  it("reads only the upper triangle", () => {
    const a = Float64Array.of(4, 2, Number.NaN, 3)
    const x = choleskySolve(a, Float64Array.of(2, 1), 2)
    expect(x[0]).toBeCloseTo(0.5, 14)
    expect(x[1]).toBeCloseTo(0, 14)
  })

  it("names the failing pivot when the matrix is not positive definite", () => {
    // [[1, 2], [2, 1]] has eigenvalues 3 and -1: the second pivot is 1 - 4 = -3.
    expect(() => choleskyFactor(Float64Array.of(1, 2, 2, 1), 2)).toThrow(NotPositiveDefiniteError)
    expect(() => choleskyFactor(Float64Array.of(1, 2, 2, 1), 2)).toThrow("pivot 1 is -3")
    // A singular matrix (duplicated column) fails too.
    expect(() => choleskyFactor(Float64Array.of(1, 1, 1, 1), 2)).toThrow("pivot 1 is 0")
  })

  it("rejects sizes that do not match", () => {
    expect(() => choleskySolve(Float64Array.of(1, 0, 0, 1), Float64Array.of(1), 2)).toThrow(RangeError)
    expect(() => choleskyFactor(Float64Array.of(1, 0, 0), 2)).toThrow(RangeError)
  })
})
