import { expectedPurchasesIfAlive } from "../../../../src/core/probabilistic/bgnbd-expectation"

const relativeError = (got: number, want: number): number => Math.abs(got - want) / Math.abs(want)

/**
 * E_p[(1 - (1 + kp)^(-s)) / p] for p ~ Beta(a, B), by direct numerical integration, written
 * out independently of the series under test. With g(p) = (1 - (1+kp)^(-s))/p, g(0) = s·k:
 *   E[g] = g(0) + a/(a+B) · E_{Beta(a+1, B)}[(g(p) - g(0)) / p].
 * The Beta(a+1, B) density p^a (1-p)^(B-1) is integrated over [0, 1] (after p = u^(1/(a+1)),
 * which makes it (1 - u^(1/(a+1)))^(B-1) / (a+1), when a < 1) by Simpson's rule on panels
 * [10^-(j+1), 10^-j], tenths of [0.1, 0.9] and [1 - 10^-j, 1 - 10^-(j+1)] (where the
 * density has algebraic singularities), normalised by the same rule. B >= 1.
 */
function integrated(k: number, s: number, a: number, B: number): number {
  const g0 = s * k
  const h = (p: number): number => {
    if (k * p * (s + 1) < 0.1) {
      // Taylor in p: (g(p) - g(0))/p = s·k Σ_{m>=1} (s+1)_m / (m+1)! · (-k)^m p^(m-1)
      let term = -(s * (s + 1) * k * k) / 2 // m = 1
      let sum = term
      for (let m = 1; m < 200 && Math.abs(term) > 1e-18 * Math.abs(sum); m++) {
        term *= (-(s + 1 + m) * k * p) / (m + 2)
        sum += term
      }
      return sum
    }
    return (-Math.expm1(-s * Math.log1p(k * p)) / p - g0) / p
  }
  const substitute = a < 1
  const at = (v: number): { density: number; p: number } => {
    const p = substitute ? Math.pow(v, 1 / (a + 1)) : v
    return { p, density: (substitute ? 1 : Math.pow(p, a)) * Math.pow(1 - p, B - 1) }
  }
  const edges = [0]
  for (let j = 20; j >= 1; j--) edges.push(10 ** -j)
  for (let j = 2; j <= 9; j++) edges.push(j / 10)
  for (let j = 2; j <= 16; j++) edges.push(1 - 10 ** -j)
  edges.push(1)
  let weighted = 0
  let mass = 0
  const n = 400
  for (let e = 0; e + 1 < edges.length; e++) {
    const [lo, hi] = [edges[e], edges[e + 1]]
    for (let i = 0; i <= n; i++) {
      const { p, density } = at(lo + ((hi - lo) * i) / n)
      const w = ((i === 0 || i === n ? 1 : i % 2 === 1 ? 4 : 2) * (hi - lo)) / (3 * n)
      weighted += w * density * h(p)
      mass += w * density
    }
  }
  return g0 + (a / (a + B)) * (weighted / mass)
}

describe("expectedPurchasesIfAlive against numerical integration of its definition", () => {
  it.each([
    // [k, s = r + x, a, B = b + x]
    [0.9, 2.24, 0.79, 4.43], // CDNOW-like, x = 2
    [0.02, 0.75, 0.3, 1.5], // a short horizon
    [5, 0.75, 0.3, 1.5],
    [2, 5, 1, 7], // a = 1, where the papers' closed form is 0/0
    [40, 3, 2.5, 3], // z = 40/41, near 1
    [3, 40.2, 0.5, 1.2], // r far above a + b: the series in z with (a)_n weights cancels
    [1.2, 150.24, 0.79, 152.43], // a frequent buyer
    [12, 1.5, 30, 4], // large a: dropout near-certain after each purchase
  ])("k = %p, s = %p, a = %p, B = %p", (k, s, a, B) => {
    expect(relativeError(expectedPurchasesIfAlive(k, s, a, B), integrated(k, s, a, B))).toBeLessThan(1e-9)
  })

  it("is 0 at k = 0 and grows with the horizon", () => {
    expect(expectedPurchasesIfAlive(0, 2, 0.8, 3)).toBe(0)
    const values = [0.1, 1, 10, 100, 1000].map((k) => expectedPurchasesIfAlive(k, 2, 0.8, 3))
    values.slice(1).forEach((v, i) => expect(v).toBeGreaterThan(values[i]))
  })
})

describe("expectedPurchasesIfAlive at the edges of the parameter space", () => {
  // The series in k alternates and its remainder is bounded by the first term left out,
  // so s·k - s(s+1)k²/2 · a/(a+B) <= E <= s·k: as a/(a+B) -> 0, E -> s·k = (r + x)·t/(α + T),
  // the NBD model's conditional expectation.
  it.each([
    [12.86 / 9.34, 0.75, 1.15e-7, 1.918e7], // the Online Retail fit of 2011-07-15, x = 0
    [12.86 / 40, 5.75, 1.15e-7, 1.918e7 + 5],
    [1000, 150.75, 1e-7, 1.4e4 + 150],
    [3, 2, 1e-12, 0.5], // a -> 0 with b small
    [3, 2, 0.5, 1e15], // b -> ∞ with a moderate
  ])("k = %p, s = %p, a = %p, B = %p lies within the NBD bounds", (k, s, a, B) => {
    const nbd = s * k
    const firstCorrection = ((s * (s + 1) * k * k) / 2) * (a / (a + B))
    const e = expectedPurchasesIfAlive(k, s, a, B)
    expect(e).toBeLessThanOrEqual(nbd * (1 + 1e-14))
    expect(e).toBeGreaterThanOrEqual((nbd - firstCorrection) * (1 - 1e-14))
  })

  // With a, B -> ∞ and a/(a+B) = p0 fixed, Beta(a, B) tends to a point mass at p0 and
  // E -> (1 - (1 + k p0)^(-s)) / p0, with a relative error of order Var(p) = p0(1-p0)/(a+B+1).
  it.each([
    [5, 3, 1e7, 9e7],
    [40, 150, 2e8, 1e9],
    [0.5, 1.2, 1e9, 1e9],
  ])("k = %p, s = %p, a = %p, B = %p tends to the one-dropout-probability value", (k, s, a, B) => {
    const p0 = a / (a + B)
    const pointMass = (1 - Math.pow(1 + k * p0, -s)) / p0
    expect(relativeError(expectedPurchasesIfAlive(k, s, a, B), pointMass)).toBeLessThan(1e-6)
  })

  it("is finite and positive over a wide grid, including a, b in [1e-9, 1e12]", () => {
    for (const a of [1e-9, 1e-4, 0.5, 1, 3, 1e4, 1e12]) {
      for (const B of [0.01, 1, 100, 1e6, 1e12]) {
        for (const s of [0.01, 1, 30, 300]) {
          for (const k of [1e-3, 0.5, 5, 50]) {
            const e = expectedPurchasesIfAlive(k, s, a, B)
            expect({ a, B, s, k, ok: Number.isFinite(e) && e > 0 && e <= s * k * (1 + 1e-12) }).toEqual({
              a,
              B,
              s,
              k,
              ok: true,
            })
          }
        }
      }
    }
  })
})
