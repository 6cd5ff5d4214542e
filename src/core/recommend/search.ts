/** One seeded random search: draw params, fit, score on validation, keep the best (the earliest on ties). */
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

export interface SearchSpec<P> {
  trials: number
  /** False when the validation window has no cases for this search's protocol. */
  hasCases: boolean
  metric: "ndcg" | "hitRate"
  /** Trial 0 must return the defaults. */
  draw: (trial: number) => P
  /** Fits a model with the params and returns how to score it (so that fitting alone is timed). */
  evaluate: (params: P) => () => RankingSummary
  now: () => number
  onTrial: () => void
}

export function runSearch<P>(spec: SearchSpec<P>): SearchReport<P> {
  if (!spec.hasCases) return { chosen: spec.draw(0), validation: null, metric: spec.metric, trials: [] }
  const trials: TuningTrial<P>[] = []
  let best = 0
  for (let trial = 0; trial < spec.trials; trial++) {
    const params = spec.draw(trial)
    const started = spec.now()
    const score = spec.evaluate(params)
    const fitMs = spec.now() - started
    const validation = score()
    trials.push({ params, validation, fitMs })
    if (validation[spec.metric] > trials[best].validation[spec.metric]) best = trial
    spec.onTrial()
  }
  return { chosen: trials[best].params, validation: trials[best].validation, metric: spec.metric, trials }
}
