import { InvalidInputError } from "../errors"
import { groupHistories, type GroupedHistories, type RepeatPurchaseHistory } from "./rfm"
import { lnBeta, lnGamma, logAddExp } from "./special-functions"

// A module-level reference: hot loops then skip the global lookup of Math.
const log = Math.log

/** BG/NBD parameters: purchase rates ~ Gamma(r, α), dropout probability ~ Beta(a, b). */
export interface BgNbdParams {
  r: number
  alpha: number
  a: number
  b: number
}

export function validateBgNbdParams(p: BgNbdParams): void {
  for (const key of ["r", "alpha", "a", "b"] as const) {
    if (!Number.isFinite(p[key]) || p[key] <= 0) {
      throw new InvalidInputError(`BG/NBD parameter ${key} must be a finite number > 0, got ${p[key]}`, key)
    }
  }
}

/**
 * BG/NBD log-likelihood summed over customers (Fader, Hardie & Lee 2005):
 *
 *   L(r, α, a, b | x, t_x, T) = B(a, b+x)/B(a, b) · Γ(r+x) α^r / (Γ(r) (α+T)^(r+x))
 *                             + δ(x>0) B(a+1, b+x-1)/B(a, b) · Γ(r+x) α^r / (Γ(r) (α+t_x)^(r+x))
 *
 * With B(a+1, b+x-1) / B(a, b+x) = a / (b+x-1) this is, in logs,
 *
 *   ln L = ln Γ(r+x) - ln Γ(r) + r ln α + ln B(a, b+x) - ln B(a, b)
 *        + logsumexp( -(r+x) ln(α+T),  δ(x>0) [ln a - ln(b+x-1) - (r+x) ln(α+t_x)] )
 *
 * The papers report this sum (a negative number: -9582.4 on the CDNOW sample).
 */
export function bgnbdLogLikelihood(params: BgNbdParams, histories: readonly RepeatPurchaseHistory[]): number {
  validateBgNbdParams(params)
  return bgnbdGroupedLogLikelihood(groupHistories(histories))(params)
}

/**
 * The same log-likelihood as a function of the parameters for fixed, grouped data.
 * Terms that depend only on x are computed once per distinct x.
 * For large b, ln B(a, b+x) - ln B(a, b) is a small difference of log-gammas near
 * b ln b, which would lose about log10(b ln b) digits; there it is summed as
 * Σ_{j<x} ln((b+j)/(a+b+j)) = -Σ_{j<x} ln(1 + a/(b+j)) instead (the fit can run to b in
 * the billions when the likelihood peaks at its edge; see fitBgNbd).
 */
export function bgnbdGroupedLogLikelihood(data: GroupedHistories): (p: BgNbdParams) => number {
  const distinctX = Array.from(new Set(data.x)).sort((u, v) => u - v)
  const xSlot = new Map(distinctX.map((x, i) => [x, i]))
  const groupSlot = Int32Array.from(data.x, (x) => xSlot.get(x) ?? 0)
  const perX = new Float64Array(distinctX.length) // x-only part of ln L
  const lnRepeatWeight = new Float64Array(distinctX.length) // ln a - ln(b+x-1), x > 0

  return ({ r, alpha, a, b }: BgNbdParams): number => {
    const shared = -lnGamma(r) + r * log(alpha)
    const lnA = log(a)
    const betaRatio = b > LARGE_B ? summedLnBetaRatio(a, b, distinctX) : undefined
    const lnBetaAB = betaRatio === undefined ? lnBeta(a, b) : 0
    distinctX.forEach((x, i) => {
      const lnBetaRatio = betaRatio === undefined ? lnBeta(a, b + x) - lnBetaAB : betaRatio[i]
      perX[i] = shared + lnGamma(r + x) + lnBetaRatio
      lnRepeatWeight[i] = x > 0 ? lnA - log(b + x - 1) : -Infinity
    })
    const { x, tx, T, count } = data
    let total = 0
    for (let g = 0; g < x.length; g++) {
      const slot = groupSlot[g]
      const power = r + x[g]
      const alive = -power * log(alpha + T[g])
      const droppedOut = lnRepeatWeight[slot] - power * log(alpha + tx[g])
      total += count[g] * (perX[slot] + logAddExp(alive, droppedOut))
    }
    return total
  }
}

/** Above this b the log-gamma differences of B(a, b+x)/B(a, b) would lose more than 4 digits. */
const LARGE_B = 1e3

/** ln B(a, b+x) - ln B(a, b) = -Σ_{j<x} ln(1 + a/(b+j)) for each of the sorted distinct x. */
function summedLnBetaRatio(a: number, b: number, distinctX: readonly number[]): Float64Array {
  const out = new Float64Array(distinctX.length)
  let sum = 0
  let j = 0
  distinctX.forEach((x, i) => {
    for (; j < x; j++) sum -= Math.log1p(a / (b + j))
    out[i] = sum
  })
  return out
}
