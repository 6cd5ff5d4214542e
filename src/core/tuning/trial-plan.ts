/**
 * Which learner each tuning trial trains: first every learner once with its default
 * params, then the remaining trials shared out by a smooth weighted round-robin (each
 * step adds every learner's share to its credit, the largest credit wins and pays the
 * sum of shares back), which interleaves learners evenly in proportion to their shares.
 */
import type { LearnerType } from "../learners/factory"

/** Relative share of the searched (non-default) trials per learner. */
export const TRIAL_SHARES: Readonly<Record<LearnerType, number>> = {
  // Few params, but a fit costs milliseconds and on customer histories it is often the
  // best learner (it was on every Online Retail date we tried): as many draws as boosting.
  "logistic-regression": 3,
  // Six params and often strong on tabular data, but each fit costs about a second.
  "gradient-boosting": 3,
  // The slowest to fit (about 55 ms per pass over 5,000 rows x 30, 50 to 200 passes): the fewest draws.
  "neural-network": 1,
}

export interface PlannedTrial {
  type: LearnerType
  /** True for the learner's first trial, which uses its default params. */
  useDefaults: boolean
}

/** `trials` trials over `learners` (trials >= learners.length, learners without duplicates). */
export function planTrials(learners: readonly LearnerType[], trials: number): PlannedTrial[] {
  const plan: PlannedTrial[] = learners.map((type) => ({ type, useDefaults: true }))
  const totalShare = learners.reduce((sum, type) => sum + TRIAL_SHARES[type], 0)
  const credit = learners.map(() => 0)
  while (plan.length < trials) {
    let chosen = 0
    learners.forEach((type, k) => {
      credit[k] += TRIAL_SHARES[type]
      if (credit[k] > credit[chosen]) chosen = k
    })
    credit[chosen] -= totalShare
    plan.push({ type: learners[chosen], useDefaults: false })
  }
  return plan
}
