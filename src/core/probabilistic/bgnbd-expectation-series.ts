import { hypergeometricTail } from "./hyp2f1"

/**
 * Series in z = k/(1+k) for the expected purchases of an alive BG/NBD customer,
 *   E = C/(a-1) · [1 - (1-z)^s 2F1(s, B; C; z)],   C = a + B - 1
 * (see bgnbd-expectation.ts for the notation). Each returns undefined when it has not
 * converged within its term budget or its terms cancel by more than
 * {@link MAX_CANCELLATION} (Σ|term| / |Σ term|).
 */

/** Pass as a term budget to sum a series to the end. */
export const UNLIMITED = Infinity

const abs = Math.abs
/** Relative size of a neglected tail at which a series stops. */
const TAIL_TOLERANCE = 1e-16
/** Largest accepted Σ|term| / |Σ term|: rounding errors grow by this factor (2^6: 13+ digits left). */
const MAX_CANCELLATION = 64
/** Terms a series in z may take before the next way is tried (z = 0.9 needs about 400). */
const Z_SERIES_TERMS = 4000
/** Terms the series of 2F1 in the closed form may take (for z near 1 and a large). */
const CLOSED_FORM_TERMS = 200000
/** Running sums are rescaled by this factor when their terms grow past it. */
const RESCALE = 1e250
const LN_RESCALE = Math.log(RESCALE)

/**
 * With Pfaff's transformation, E = C/(a-1) · [1 - (1-z)^(a-1) 2F1(a-1, C-s; C; z)];
 * with (1-z)^(1-a) = Σ_n (a-1)_n z^n / n! and (a-1)_n = (a-1)·(a)_(n-1) the 1/(a-1)
 * cancels:
 *
 *   E = (1-z)^(a-1) · Σ_{n>=1} w_n e_n,   w_n = (a)_(n-1) z^n / n!,
 *   e_n = C·[1 - (C-s)_n / (C)_n]:  e_1 = s,  e_(n+1) = e_n + s·q_n/(C+n),
 *   q_n = (C-s)_n / (C+1)_(n-1):    q_1 = C - s,  q_(n+1) = q_n·(C-s+n)/(C+n).
 *
 * Its length grows with a (the weights peak near n = a·z/(1-z)). Every w_n > 0, and
 * e_n > 0 when C - s = a + b - r - 1 >= 0; for r far above a + b the terms cancel.
 * As a -> 0 only n = 1 remains: z·s/(1-z) = s·k.
 * Tail: once n >= -(C - s), |q_m| falls with m, so |e_m| <= |C| + |q_n| for m > n, and
 * w_(m+1)/w_m = (a-1+m)·z/(m+1) <= W = z·max(1, (a-1+n)/(n+1)); the tail after term n
 * is at most w_n·W/(1-W)·(|C| + |q_n|).
 */
export function seriesInZ(z: number, s: number, a: number, B: number, maxTerms: number = Z_SERIES_TERMS): number | undefined {
  const C = a + B - 1
  const shift = C - s
  let w = z
  let e = s
  let q = shift
  let sum = 0
  let absSum = 0
  let lnScale = 0
  for (let n = 1; n <= maxTerms; n++) {
    const term = w * e
    sum += term
    absSum += abs(term)
    if (n >= -shift) {
      const W = z * Math.max(1, (a - 1 + n) / (n + 1))
      if (W < 1 && ((w * W) / (1 - W)) * (abs(C) + abs(q)) <= TAIL_TOLERANCE * abs(sum)) {
        if (absSum > MAX_CANCELLATION * abs(sum)) return undefined
        return sum * Math.exp(lnScale + (a - 1) * Math.log1p(-z))
      }
    }
    e += (s * q) / (C + n)
    q *= (shift + n) / (C + n)
    w *= ((a - 1 + n) * z) / (n + 1)
    if (w > RESCALE) {
      w /= RESCALE
      sum /= RESCALE
      absSum /= RESCALE
      lnScale += LN_RESCALE
    }
  }
  return undefined
}

/**
 * With (1-z)^(-s) = Σ_n (s)_n z^n / n!, the bracket of E is
 * (1-z)^s Σ_n (s)_n z^n/n! · [1 - (B)_n/(C)_n], and since C = B + (a-1),
 *   1 - (B)_n/(C)_n = (a-1) Σ_{j<n} (B)_j / (C)_(j+1)
 * (telescoping the product Π_j (1 - (a-1)/(C+j))). The 1/(a-1) cancels again:
 *
 *   E = (1-z)^s · Σ_{n>=1} c_n h_n,   c_n = (s)_n z^n / n!,
 *   h_n = Σ_{j<n} d_j,  d_j = (B)_j / (C+1)_j  (d_0 = 1, d_(j+1) = d_j (B+j)/(C+1+j)).
 *
 * Every term is positive for all a, B > 0 (C + 1 = a + B), so nothing cancels; its
 * length grows with s (the c_n peak near n = s·z/(1-z)). As a -> 0, h_n = n and the
 * sum is s·z·(1-z)^(-s-1), giving s·k.
 * Tail: d_j falls with j (B + j < C + 1 + j), so h_m <= h_n + (m-n)·d_n for m > n, and
 * c_(m+1)/c_m = (s+m)·z/(m+1) <= W = z·max(1, (s+n)/(n+1)); the tail after term n is at
 * most c_n·[h_n·W/(1-W) + d_n·W/(1-W)²].
 */
export function positiveSeriesInZ(z: number, s: number, a: number, B: number, maxTerms: number = Z_SERIES_TERMS): number | undefined {
  const C = a + B - 1
  let c = s * z
  let h = 1
  let d = B / (C + 1) // d_1
  let sum = 0
  let lnScale = 0
  for (let n = 1; n <= maxTerms; n++) {
    sum += c * h
    const W = z * Math.max(1, (s + n) / (n + 1))
    if (W < 1 && c * ((h * W) / (1 - W) + (d * W) / ((1 - W) * (1 - W))) <= TAIL_TOLERANCE * sum) {
      return sum * Math.exp(lnScale + s * Math.log1p(-z))
    }
    h += d
    d *= (B + n) / (C + 1 + n)
    c *= ((s + n) * z) / (n + 1)
    if (c > RESCALE) {
      c /= RESCALE
      sum /= RESCALE
      lnScale += LN_RESCALE
    }
  }
  return undefined
}

/**
 * The closed form itself, written without the cancelling 1: with
 * G = C·(2F1(s, B; C; z) - 1) = Σ_{n>=1} g_n, g_1 = s·B·z, g_(n+1) = g_n (s+n)(B+n) z / ((C+n)(n+1)),
 *
 *   E = [C·(1 - (1-z)^s) - (1-z)^s·G] / (a-1).
 *
 * G's terms are positive (C + 1 > 0) and shrink like z·B/C, so for large a it is
 * short however near 1 z is. The two parts cancel where (1-z)^s·2F1 is near 1; that
 * is checked like a series' cancellation. Undefined at a = 1.
 */
export function closedForm(z: number, s: number, a: number, B: number): number | undefined {
  if (a === 1) return undefined
  const C = a + B - 1
  const G = hypergeometricTail(s, B, C, z, s * B * z, 0, CLOSED_FORM_TERMS)
  if (G === undefined) return undefined
  const damping = Math.exp(s * Math.log1p(-z))
  const first = -C * Math.expm1(s * Math.log1p(-z))
  const second = damping * G
  const numerator = first - second
  if (!Number.isFinite(numerator) || abs(first) + abs(second) > MAX_CANCELLATION * abs(numerator)) return undefined
  return numerator / (a - 1)
}
