import type { NelderMeadOptions } from "../optimize/nelder-mead"
import type { GroupedHistories } from "./rfm"
import { minimizeAlongRidge } from "./ridge-search"
import { lnGamma, logAddExp } from "./special-functions"

// A module-level reference: hot loops then skip the global lookup of Math.
const log = Math.log

/**
 * The BG/NBD model's edge b -> ∞ with a/b -> p/(1-p): Beta(a, b) then concentrates at p
 * and every customer has the same dropout probability p. Its likelihood is the BG/NBD
 * one with B(a, b+x)/B(a, b) -> (1-p)^x and B(a+1, b+x-1)/B(a, b) -> p(1-p)^(x-1)
 * (FHL 2005, before p is integrated out):
 *
 *   ln L = ln Γ(r+x) - ln Γ(r) + r ln α
 *        + logsumexp( x ln(1-p) - (r+x) ln(α+T),  δ(x>0) [ln p + (x-1) ln(1-p) - (r+x) ln(α+t_x)] )
 *
 * Its supremum over (r, α, p) is the BG/NBD likelihood's supremum along that edge,
 * which includes the NBD model (nobody drops out) as p -> 0, the limit of a -> 0.
 */
export function oneDropoutProbabilityLogLikelihood(data: GroupedHistories): (r: number, alpha: number, p: number) => number {
  return (r: number, alpha: number, p: number): number => {
    const shared = -lnGamma(r) + r * log(alpha)
    const lnP = log(p)
    const lnQ = Math.log1p(-p)
    const { x, tx, T, count } = data
    let total = 0
    for (let g = 0; g < x.length; g++) {
      const n = x[g]
      const power = r + n
      // (1-p)^0 = 1 also at p = 1, where ln(1-p) = -∞
      const survived = n > 0 ? n * lnQ : 0
      const alive = survived - power * log(alpha + T[g])
      const droppedOut = n > 0 ? lnP + (n > 1 ? (n - 1) * lnQ : 0) - power * log(alpha + tx[g]) : -Infinity
      total += count[g] * (shared + lnGamma(power) + logAddExp(alive, droppedOut))
    }
    return total
  }
}

/** The maximum-likelihood point of the one-dropout-probability edge and its objective value. */
export interface DropoutEdgeFit {
  r: number
  alpha: number
  p: number
  /** -ln L / customers at (r, α, p), the objective fitBgNbd minimises. */
  value: number
  converged: boolean
}

/**
 * Maximises {@link oneDropoutProbabilityLogLikelihood} over (ln r, ln α, logit p) from
 * r = 1, α = `alphaStart`, p = 1/2. As p -> 0 is itself an edge (the NBD model), the
 * search may end on a ridge there ({@link minimizeAlongRidge}).
 */
export function fitDropoutEdge(
  data: GroupedHistories,
  alphaStart: number,
  options: Required<Pick<NelderMeadOptions, "maxIterations" | "tolerance">>
): DropoutEdgeFit {
  const logLikelihood = oneDropoutProbabilityLogLikelihood(data)
  const point = (theta: Float64Array): { r: number; alpha: number; p: number } => ({
    r: Math.exp(theta[0]),
    alpha: Math.exp(theta[1]),
    p: 1 / (1 + Math.exp(-theta[2])),
  })
  const objective = (theta: Float64Array): number => {
    const { r, alpha, p } = point(theta)
    return -logLikelihood(r, alpha, p) / data.customers
  }
  const result = minimizeAlongRidge(objective, [0, Math.log(alphaStart), 0], options)
  return { ...point(result.x), value: result.value, converged: result.converged || result.flat }
}
