/**
 * Binary log-loss on raw scores (log-odds) s, with p = sigmoid(s) = 1 / (1 + e^-s):
 *
 *   loss(y, s)  = -[y log p + (1 - y) log(1 - p)] = softplus(s) - y s
 *   d loss / ds = p - y                      (gradient)
 *   d2 loss / ds2 = p (1 - p)                (hessian)
 *
 * where softplus(s) = log(1 + e^s) = max(s, 0) + log(1 + e^-|s|), stable for any s.
 */

export function sigmoid(score: number): number {
  return 1 / (1 + Math.exp(-score))
}

/** log(p / (1 - p)), with p kept in [1e-12, 1 - 1e-12] so the result stays finite. */
export function logOdds(p: number): number {
  const clamped = Math.min(Math.max(p, 1e-12), 1 - 1e-12)
  return Math.log(clamped / (1 - clamped))
}

/** loss(y, s) = softplus(s) - y s. */
export function logLossOfScore(label: number, score: number): number {
  return Math.max(score, 0) + Math.log1p(Math.exp(-Math.abs(score))) - label * score
}
