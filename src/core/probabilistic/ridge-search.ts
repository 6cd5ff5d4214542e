import { minimizeNelderMead, type MinimizeResult } from "../optimize/nelder-mead"

/** Outcome of {@link minimizeAlongRidge}. */
export interface RidgeSearchResult extends MinimizeResult {
  /**
   * True when the search stopped because a whole round of {@link ROUND_ITERATIONS}
   * iterations improved the objective by no more than its tolerance while the simplex
   * had not converged: the objective is flat (to within tolerance) along the direction
   * the simplex keeps sliding in.
   */
  flat: boolean
}

/** Iterations per round: a well-posed BG/NBD fit converges within one (CDNOW takes a few hundred). */
export const ROUND_ITERATIONS = 1000

/**
 * Nelder-Mead for objectives whose infimum may lie at infinity along a ridge. There
 * the values settle while the points keep moving, so the simplex never meets its step
 * tolerance and an ordinary run spends its whole iteration budget sliding outwards.
 * This runs the search in rounds of {@link ROUND_ITERATIONS} iterations, each restarted
 * from the best point so far, and stops at the first round that converges, at the
 * first round that lowers the objective by at most tolerance · (1 + |value|) (flat),
 * or when `maxIterations` are used up. With a well-posed objective the first round
 * converges and the result is that of a single run.
 */
export function minimizeAlongRidge(
  f: (x: Float64Array) => number,
  x0: ArrayLike<number>,
  options: { maxIterations: number; tolerance: number }
): RidgeSearchResult {
  const { maxIterations, tolerance } = options
  let result = minimizeNelderMead(f, x0, { tolerance, maxIterations: Math.min(ROUND_ITERATIONS, maxIterations) })
  let iterations = result.iterations
  // A point that slid to a non-finite coordinate cannot start another round: that is a ridge too.
  while (!result.converged && iterations < maxIterations && result.x.every(Number.isFinite)) {
    const round = minimizeNelderMead(f, result.x, {
      tolerance,
      maxIterations: Math.min(ROUND_ITERATIONS, maxIterations - iterations),
    })
    iterations += round.iterations
    const improvement = result.value - round.value
    if (round.value <= result.value) result = round
    const fullRound = round.iterations === ROUND_ITERATIONS
    if (!round.converged && fullRound && improvement <= tolerance * (1 + Math.abs(result.value))) {
      return { ...result, iterations, flat: true }
    }
  }
  return { ...result, iterations, flat: !result.converged && !result.x.every(Number.isFinite) }
}
