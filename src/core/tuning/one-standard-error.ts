/**
 * The one-standard-error rule (Breiman et al. 1984; Hastie, Tibshirani & Friedman, ESL
 * §7.10): among candidates scored by repeated validation, take the simplest one whose mean
 * figure is within one standard error of the best mean. A more complex candidate has to
 * beat the simpler ones by more than the noise of the validation itself to be chosen, so
 * on a small store, where that noise is large, the simple baseline wins; on a large one,
 * where it is small, a richer model that is really better does.
 */
import { InvalidInputError } from "../errors"

export interface ScoredCandidate {
  /** Lower is simpler; candidates of equal complexity are ranked by their mean. */
  complexity: number
  /** Mean validation figure over the folds (higher is better). */
  mean: number
  /** Standard error of the candidate's gap to the best candidate's mean (0 or anything for the best itself). */
  standardError: number
}

export interface OneStandardErrorChoice {
  /** Index of the chosen candidate. */
  chosen: number
  /** Index of the candidate with the best mean. */
  best: number
  /** The chosen candidate's bar: best mean - its gap's standard error. */
  bar: number
}

/** Index of the candidate with the highest finite mean (the earlier on ties). */
export function bestCandidate(means: readonly number[]): number {
  let best = -1
  means.forEach((m, i) => {
    if (Number.isFinite(m) && (best < 0 || m > means[best])) best = i
  })
  if (best < 0) throw new InvalidInputError("no candidate has a finite validation figure", "candidates")
  return best
}

/**
 * The chosen candidate: the lowest complexity among those with mean >= best mean - the SE
 * of their gap to the best (ties in complexity: the higher mean, then the earlier). A
 * non-finite SE counts as 0 (the candidate must then match the best), and candidates with
 * a non-finite mean are never chosen.
 */
export function oneStandardErrorChoice(candidates: readonly ScoredCandidate[]): OneStandardErrorChoice {
  const best = bestCandidate(candidates.map((c) => c.mean))
  const barOf = (c: ScoredCandidate) => candidates[best].mean - (Number.isFinite(c.standardError) ? c.standardError : 0)
  let chosen = best
  candidates.forEach((c, i) => {
    if (!Number.isFinite(c.mean) || (i !== best && c.mean < barOf(c))) return
    const current = candidates[chosen]
    if (c.complexity < current.complexity || (c.complexity === current.complexity && c.mean > current.mean)) chosen = i
  })
  return { chosen, best, bar: chosen === best ? candidates[best].mean : barOf(candidates[chosen]) }
}

/**
 * Mean and standard error of per-fold figures with their own sampling SEs: the mean of
 * the K figures, and sqrt(Σ se_k²) / K (the folds' sampling errors, as if independent).
 */
export function combineFolds(folds: readonly { value: number; standardError: number }[]): { mean: number; standardError: number } {
  if (folds.length === 0) return { mean: Number.NaN, standardError: Number.POSITIVE_INFINITY }
  const k = folds.length
  const mean = folds.reduce((s, f) => s + f.value, 0) / k
  const standardError = Math.sqrt(folds.reduce((s, f) => s + f.standardError ** 2, 0)) / k
  return { mean, standardError }
}
