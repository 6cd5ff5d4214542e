/**
 * One seeded random search: draw params, fit a model, score it on validation, keep the best
 * (the earliest on ties). Only the best model so far is held in memory.
 */
import type { RankingSummary } from "./evaluation"

export interface TuningTrial<P> {
  params: P
  validation: RankingSummary
  /** Time to fit the trial's model, in ms. */
  fitMs: number
}

export interface SearchReport<P> {
  /** The params kept: the best trial's, or the defaults when there was nothing to validate on. */
  chosen: P
  /** The chosen trial's validation figures; null without validation cases. */
  validation: RankingSummary | null
  /** The figure trials were compared by. */
  metric: "ndcg" | "hitRate"
  trials: TuningTrial<P>[]
}

export interface SearchSpec<P, M> {
  trials: number
  /** False when the validation window has no cases for this search's protocol: the defaults are kept. */
  hasCases: boolean
  metric: "ndcg" | "hitRate"
  /** Trial 0 must return the defaults. */
  draw: (trial: number) => P
  fit: (params: P) => M
  score: (model: M) => RankingSummary
  now: () => number
  onTrial: () => void
}

export interface SearchResult<P, M> {
  report: SearchReport<P>
  /** The chosen trial's model; null when nothing was searched. */
  model: M | null
}

export function runSearch<P, M>(spec: SearchSpec<P, M>): SearchResult<P, M> {
  if (!spec.hasCases) {
    return { report: { chosen: spec.draw(0), validation: null, metric: spec.metric, trials: [] }, model: null }
  }
  const trials: TuningTrial<P>[] = []
  let best = 0
  let bestModel: M | null = null
  for (let trial = 0; trial < spec.trials; trial++) {
    const params = spec.draw(trial)
    const started = spec.now()
    const model = spec.fit(params)
    const fitMs = spec.now() - started
    const validation = spec.score(model)
    trials.push({ params, validation, fitMs })
    if (trial === 0 || validation[spec.metric] > trials[best].validation[spec.metric]) {
      best = trial
      bestModel = model
    }
    spec.onTrial()
  }
  const { params: chosen, validation } = trials[best]
  return { report: { chosen, validation, metric: spec.metric, trials }, model: bestModel }
}
