import { InvalidInputError } from "../errors"
import { gammaSign, lnAbsGamma } from "./special-functions"

/**
 * Gauss hypergeometric function 2F1(a, b; c; z) for real parameters and real z < 1
 * (z = 1 when c - a - b > 0), as needed by the BG/NBD expectations, whose argument
 * t / (α + T + t) lies in [0, 1).
 *
 *   2F1(a, b; c; z) = Σ_n (a)_n (b)_n / ((c)_n n!) z^n,   (q)_n = q (q+1) ... (q+n-1)
 *
 * Regions (Abramowitz & Stegun 15.3.4-15.3.6):
 * - 0 <= z <= 0.9: the series itself (its terms shrink like z^n, so at most a few
 *   hundred terms once past the largest parameter; see {@link hyp2f1Series} for when
 *   it stops).
 * - 0.9 < z < 1 with a, b, c > 0: first the series again, which converges fast when
 *   c is large next to a and b (its terms then shrink like z·b/c); if it has not
 *   converged within {@link DIRECT_BUDGET} terms, the linear transformation below.
 * - 0.9 < z < 1 otherwise: the linear transformation z -> 1 - z, whose two series in
 *   1 - z converge in a few dozen terms:
 *     2F1(a,b;c;z) = Γ(c)Γ(c-a-b)/(Γ(c-a)Γ(c-b)) 2F1(a, b; a+b-c+1; 1-z)
 *                  + (1-z)^(c-a-b) Γ(c)Γ(a+b-c)/(Γ(a)Γ(b)) 2F1(c-a, c-b; c-a-b+1; 1-z)
 *   It breaks down when c - a - b is within 1e-5 of an integer (both gamma products
 *   have poles that cancel). The function is analytic in c, so there the averages of
 *   its values at c ± δ and c ± 2δ (δ = 2e-4) are extrapolated to δ = 0 (Richardson):
 *   the error left is O(δ⁴), the cancellation error about machine epsilon / δ, both
 *   near 1e-12 relative.
 * - z = 1: Gauss's theorem Γ(c)Γ(c-a-b)/(Γ(c-a)Γ(c-b)), finite only if c - a - b > 0.
 * - z < 0: Pfaff's transformation 2F1(a,b;c;z) = (1-z)^(-a) 2F1(a, c-b; c; z/(z-1)),
 *   which maps z into [0, 1).
 * A non-positive integer a or b makes the series a polynomial, which is summed as is.
 */
export function hyp2f1(a: number, b: number, c: number, z: number): number {
  if (![a, b, c, z].every(Number.isFinite)) {
    throw new InvalidInputError(`hyp2f1 needs finite arguments, got (${a}, ${b}, ${c}, ${z})`)
  }
  if (isNonPositiveInteger(c)) throw new InvalidInputError(`hyp2f1 is undefined for c = ${c} (a pole of Γ(c))`, "c")
  if (z > 1) throw new InvalidInputError(`hyp2f1 is implemented for z <= 1, got z = ${z}`, "z")
  if (z === 0 || a === 0 || b === 0) return 1
  if (isNonPositiveInteger(a) || isNonPositiveInteger(b)) return series(a, b, c, z)
  if (z < 0) return Math.pow(1 - z, -a) * hyp2f1(a, c - b, c, z / (z - 1))
  if (z === 1) return gaussAtOne(a, b, c)
  if (z <= SERIES_LIMIT) return series(a, b, c, z)
  if (a > 0 && b > 0 && c > 0) {
    const direct = hyp2f1Series(a, b, c, z, DIRECT_BUDGET)
    if (direct !== undefined) return direct
  }
  const m = c - a - b
  if (Math.abs(m - Math.round(m)) >= NEAR_INTEGER) return aroundOne(a, b, c, z)
  // Richardson extrapolation of the symmetric averages at c ± δ and c ± 2δ.
  const average = (d: number): number => 0.5 * (aroundOne(a, b, c + d, z) + aroundOne(a, b, c - d, z))
  return (4 * average(PERTURBATION) - average(2 * PERTURBATION)) / 3
}

// A module-level reference for the series loop (global lookups are slow under jest's vm).
const abs = Math.abs
const SERIES_LIMIT = 0.9
const NEAR_INTEGER = 1e-5
const PERTURBATION = 2e-4
const MAX_TERMS = 100000
/** Terms the series may take for 0.9 < z < 1 before the 1 - z transformation is used instead. */
const DIRECT_BUDGET = 2000
/** Relative size of the neglected tail at which a series stops: below half an ulp of the sum. */
const TAIL_TOLERANCE = 1e-16

function isNonPositiveInteger(v: number): boolean {
  return v <= 0 && Number.isInteger(v)
}

/**
 * Sums the defining series; returns undefined if it has not converged within `maxTerms` terms.
 * See {@link hypergeometricTail} for when it stops.
 */
export function hyp2f1Series(a: number, b: number, c: number, z: number, maxTerms: number = MAX_TERMS): number | undefined {
  return hypergeometricTail(a, b, c, z, (a * b * z) / c, 1, maxTerms)
}

/**
 * offset + Σ_{n>=1} u_n, where u_1 = first and u_(n+1) = u_n · ρ(n),
 * ρ(n) = z · (n+a)(n+b) / ((n+c)(n+1)): the terms of 2F1(a, b; c; z) after the first,
 * times any constant. Returns undefined if not converged within `maxTerms` terms.
 *
 * Stopping rule: once n is past every sign change (n + a, n + b, n + c > 0), the tail
 * after u_n is at most |u_n| · S / (1 - S) with S = sup over m >= n of |ρ(m)| (a
 * geometric bound), and the sum stops when that is below {@link TAIL_TOLERANCE} of the
 * sum. S is exact (see {@link supTermRatio}), so the rule neither stops early nor waits
 * for n to pass |a| and |b|: with a ≈ c both huge the terms shrink like z^n from the start.
 */
export function hypergeometricTail(
  a: number,
  b: number,
  c: number,
  z: number,
  first: number,
  offset: number,
  maxTerms: number
): number | undefined {
  const signsSettled = Math.max(0, -a, -b, -c)
  let term = first
  let sum = offset + first
  for (let n = 1; n <= maxTerms; n++) {
    if (term === 0) return sum
    if (n >= signsSettled && abs(term) <= TAIL_TOLERANCE * abs(sum)) {
      const bound = abs(z) * supTermRatio(a, b, c, n)
      if (bound < 1 && abs(term) * bound <= TAIL_TOLERANCE * (1 - bound) * abs(sum)) return sum
    }
    term *= (((a + n) * (b + n)) / ((c + n) * (n + 1))) * z
    sum += term
  }
  return undefined
}

/**
 * sup over m >= m0 of f(m) = (m+a)(m+b) / ((m+c)(m+1)), for m0 with m0 + a, m0 + b, m0 + c >= 0.
 * f tends to 1, and f' has the sign of the quadratic
 *   (c+1-a-b) m² + 2(c-ab) m + ((a+b)c - ab(c+1))
 * (the cubic terms of P'Q - PQ' cancel), so the supremum is the largest of f(m0), 1
 * and f at the quadratic's roots beyond m0.
 */
function supTermRatio(a: number, b: number, c: number, m0: number): number {
  const f = (m: number): number => ((m + a) * (m + b)) / ((m + c) * (m + 1))
  const q2 = c + 1 - a - b
  const q1 = 2 * (c - a * b)
  const q0 = (a + b) * c - a * b * (c + 1)
  let sup = Math.max(f(m0), 1)
  const consider = (m: number): void => {
    if (m > m0) sup = Math.max(sup, f(m))
  }
  if (q2 === 0) {
    if (q1 !== 0) consider(-q0 / q1)
  } else {
    const discriminant = q1 * q1 - 4 * q2 * q0
    if (discriminant >= 0) {
      const root = Math.sqrt(discriminant)
      consider((-q1 - root) / (2 * q2))
      consider((-q1 + root) / (2 * q2))
    }
  }
  return sup
}

function series(a: number, b: number, c: number, z: number): number {
  const sum = hyp2f1Series(a, b, c, z)
  if (sum === undefined) throw new InvalidInputError(`hyp2f1(${a}, ${b}; ${c}; ${z}) did not converge in ${MAX_TERMS} terms`)
  return sum
}

/** Γ(p1)Γ(p2)/(Γ(q1)Γ(q2)), in logs with signs; a pole in the denominator gives 0. */
function gammaRatio(p1: number, p2: number, q1: number, q2: number): number {
  const sign = gammaSign(p1) * gammaSign(p2)
  const denominatorSign = gammaSign(q1) * gammaSign(q2)
  if (denominatorSign === 0) return 0
  return sign * denominatorSign * Math.exp(lnAbsGamma(p1) + lnAbsGamma(p2) - lnAbsGamma(q1) - lnAbsGamma(q2))
}

function aroundOne(a: number, b: number, c: number, z: number): number {
  const w = 1 - z
  const m = c - a - b
  const first = gammaRatio(c, m, c - a, c - b)
  const second = gammaRatio(c, -m, a, b)
  const firstTerm = first === 0 ? 0 : first * series(a, b, 1 - m, w)
  const secondTerm = second === 0 ? 0 : second * Math.pow(w, m) * series(c - a, c - b, 1 + m, w)
  return firstTerm + secondTerm
}

function gaussAtOne(a: number, b: number, c: number): number {
  if (c - a - b <= 0) {
    throw new InvalidInputError(`hyp2f1 diverges at z = 1 unless c - a - b > 0, got ${c - a - b}`, "z")
  }
  return gammaRatio(c, c - a - b, c - a, c - b)
}
