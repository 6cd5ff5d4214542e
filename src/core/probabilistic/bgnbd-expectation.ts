import { closedForm, positiveSeriesInZ, seriesInZ, UNLIMITED } from "./bgnbd-expectation-series"

/**
 * Expected purchases of a BG/NBD customer who is alive at T, in (T, T + t].
 *
 * Given alive at T after x repeat purchases, a customer's purchase rate and dropout
 * probability are independent with λ ~ Gamma(s, rate α + T) and p ~ Beta(a, B),
 * where s = r + x and B = b + x (Fader, Hardie & Lee 2005, "Counting your customers the
 * easy way", below FHL 2005). An alive customer with (λ, p) makes (1 - e^(-λpt)) / p
 * purchases in t on average (FHL 2005, E[X(t) | λ, p]); averaging over λ gives
 * e^(-λpt) -> (1 + kp)^(-s) with k = t / (α + T), so
 *
 *   E(k) = E_p[ (1 - (1 + kp)^(-s)) / p ],   p ~ Beta(a, B).                       (1)
 *
 * FHL 2005 write (1) in closed form with Euler's integral for 2F1:
 *
 *   E(k) = C/(a-1) · [1 - (1-z)^s · 2F1(s, B; C; z)],   C = a + B - 1,  z = k/(1+k).  (2)
 *
 * (2) is exact but cannot be evaluated as it stands everywhere: at a = 1 it is 0/0, and
 * where p is almost surely tiny (a -> 0 or b -> ∞, "nobody drops out") the bracket is
 * 1 - (1 - O(1/C)), which loses all digits as C grows, while the series of 2F1 needs
 * about C terms. Four series of (1) are used instead, each with a bound on its
 * truncation error and, where its terms can differ in sign, a check of how much they
 * cancel; the first that converges within its term budget without cancelling is taken:
 *
 * 1. The series in k ({@link seriesInK}), for p almost surely small next to 1/k, as
 *    near the "nobody drops out" boundary; its first term is the NBD limit s·k.
 * 2. Series in z without 1/(a-1) ({@link seriesInZ}, {@link positiveSeriesInZ}), whose
 *    lengths grow with a and with s respectively; the cheaper one goes first.
 * 3. (2) with the positive series of 2F1 ({@link closedForm}), short for large a.
 * If none is taken, the positive series in z is summed to the end: its terms are all
 * positive, so it is accurate, only long (beyond the horizons and parameters a BG/NBD
 * fit produces: t of hundreds of times α + T together with a or r + x in the hundreds).
 * Arguments: k = t/(α+T) >= 0, s = r + x > 0, a > 0, B = b + x > 0.
 */
export function expectedPurchasesIfAlive(k: number, s: number, a: number, B: number): number {
  if (k === 0) return 0
  const inK = seriesInK(k, s, a, B)
  if (inK !== undefined) return inK
  const z = k / (1 + k)
  const lengthGrowsWithA = (): number | undefined => seriesInZ(z, s, a, B)
  const lengthGrowsWithS = (): number | undefined => positiveSeriesInZ(z, s, a, B)
  const inZ = a <= s ? lengthGrowsWithA() ?? lengthGrowsWithS() : lengthGrowsWithS() ?? lengthGrowsWithA()
  if (inZ !== undefined) return inZ
  // Summed to the end the positive series always converges (its term ratio tends to z < 1).
  return closedForm(z, s, a, B) ?? positiveSeriesInZ(z, s, a, B, UNLIMITED) ?? Number.NaN
}

const abs = Math.abs
/** Relative size of a neglected tail at which a series stops. */
const TAIL_TOLERANCE = 1e-16
/** Terms the series in k may take; where it needs more, a series in z is cheaper. */
const K_SERIES_TERMS = 60
/** Largest accepted Σ|term| / Σ term: rounding errors grow by this factor (2^6: 13+ digits left). */
const MAX_CANCELLATION = 64

/**
 * Series in k. Expanding (1 + up)^(-s-1) in u with Taylor's remainder and integrating
 * u over [0, k] (1 - (1 + kp)^(-s) = s ∫_0^k (1 + up)^(-s-1) du), then averaging over p
 * with E[p^m] = (a)_m / (a+B)_m:
 *
 *   E(k) = s·k · Σ_{m>=0} (a)_m (s+1)_m / ((a+B)_m (m+1)!) · (-k)^m.
 *
 * The remainder after any term is at most the next term in size, for every k >= 0
 * (the m-th derivative of (1 + up)^(-s-1) in u is at most (s+1)_m p^m in size), so the
 * series may be summed even for k > 1, as long as its terms keep shrinking. Where
 * a·k·(s+1)/(a+B) is small, as near the boundary a -> 0 or b -> ∞, it converges in a
 * few terms.
 *
 * Limit: as a -> 0 or b -> ∞ every term but the first vanishes and E(k) -> s·k =
 * (r + x)·t/(α + T), the NBD model's conditional expectation (the Gamma-Poisson posterior
 * λ | x, T ~ Gamma(r + x, α + T), E[λ]·t, with no dropout); P(alive) -> 1 there too.
 * Returns undefined when the terms stop shrinking before they are negligible, or cancel.
 */
function seriesInK(k: number, s: number, a: number, B: number): number | undefined {
  let term = s * k
  let sum = term
  let absSum = term
  for (let m = 0; m < K_SERIES_TERMS; m++) {
    const ratio = ((a + m) * (s + 1 + m) * k) / ((a + B + m) * (m + 2))
    term *= -ratio
    // term is the first one left out: the remainder is at most its size.
    if (abs(term) <= TAIL_TOLERANCE * sum) return absSum <= MAX_CANCELLATION * sum ? sum : undefined
    if (ratio >= 1) return undefined
    sum += term
    absSum += abs(term)
  }
  return undefined
}
