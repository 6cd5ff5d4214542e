/**
 * How much the search may try, by the number of customers it learns from. A small store's
 * validation windows hold a few dozen positives: a search of many flexible models picks
 * the one that fits that noise best. So the trials and the learners grow with the store:
 *
 * | customers at the validation cutoff | searched trials (beyond the simple candidates) | learners | deepest tree |
 * |---|---|---|---|
 * | < 300 | 0 | | |
 * | 300 - 799 | 2 + n / 150 (at most 6) | logistic regression | |
 * | 800 - 1,999 | n / 100 (at most 16) | + gradient boosting | 3 |
 * | ≥ 2,000 | n / 100 (at most the requested trials) | + neural network | 5 |
 *
 * The requested `trials` caps every row. The simple candidates (single-feature rules and
 * the logistic regression on log1p RFM) are always tried on top.
 */
import type { LearnerType } from "../learners/factory"

export interface SearchBudget {
  /** Searched candidates beyond the simple ones. */
  trials: number
  /** Learners the searched candidates may use, from the requested ones. */
  learners: LearnerType[]
  /** Deepest tree a gradient-boosting candidate may grow. */
  maxTreeDepth: number
}

export const SEARCH_SIZE_STEPS = {
  linear: 300, // from here a regularised logistic regression on more features is searched
  trees: 800, // from here shallow boosted trees
  full: 2_000, // from here the whole search space, networks included
}

export function searchBudget(customers: number, requested: { trials: number; learners: readonly LearnerType[] }): SearchBudget {
  const allow = (types: LearnerType[]) => requested.learners.filter((t) => types.includes(t))
  const cap = (n: number) => Math.max(0, Math.min(requested.trials, Math.floor(n)))
  if (customers < SEARCH_SIZE_STEPS.linear) return { trials: 0, learners: [], maxTreeDepth: 0 }
  if (customers < SEARCH_SIZE_STEPS.trees) {
    return withLearners(cap(Math.min(6, 2 + customers / 150)), allow(["logistic-regression"]), 0)
  }
  if (customers < SEARCH_SIZE_STEPS.full) {
    return withLearners(cap(Math.min(16, customers / 100)), allow(["logistic-regression", "gradient-boosting"]), 3)
  }
  return withLearners(cap(customers / 100), [...requested.learners], 5)
}

function withLearners(trials: number, learners: LearnerType[], maxTreeDepth: number): SearchBudget {
  return learners.length === 0 ? { trials: 0, learners, maxTreeDepth } : { trials: Math.max(trials, learners.length), learners, maxTreeDepth }
}
