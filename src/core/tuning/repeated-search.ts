/**
 * Model choice by repeated out-of-time validation and the one-standard-error rule.
 *
 * Every candidate (a group of inputs — a feature set — and a learner spec) is fitted and
 * scored on each fold: a fold trains on rows whose label windows end by its validation
 * cutoff and validates on the customers at that cutoff, so the folds are several stacked
 * cutoffs, not one window. A candidate's figure is its mean ROC-AUC over the folds. Its
 * gap to the best candidate has a paired standard error: in each fold the same bootstrap
 * resamples of the customers (GAP_REPLICATES, seeded; at most GAP_MAX_ROWS drawn, the error
 * then scaled by sqrt(drawn / n)) score both, and the fold errors combine as their root
 * mean square sqrt(Σ se_k² / K): the folds hold the same customers with overlapping label
 * windows, so their errors are treated as fully correlated rather than shrunk by sqrt(K)
 * (with the independent-fold error, a frequency rule that led three folds on a 150-customer
 * Online Retail subset was chosen and lost 0.04 ROC-AUC to the baseline on the next window). The simplest candidate within one standard error of the best mean is
 * chosen (one-standard-error.ts); the simple candidates are always in the search, so a
 * richer one is chosen only when it beats them beyond that noise — also for a store's first
 * champion. (Each candidate's own Hanley-McNeil error is reported beside it.)
 *
 * The chosen candidate is then fitted on the last fold's training rows (the model the
 * validation figures describe); calibration and the max-F1 threshold are chosen on the last
 * fold's validation rows as in tune-binary-task.ts.
 */
import { setImmediate as yieldToEventLoop } from "node:timers/promises"
import { InvalidInputError } from "../errors"
import { createLearner, type LearnerSpec } from "../learners/factory"
import { StandardScaler } from "../learners/standard-scaler"
import type { Matrix } from "../linalg/matrix"
import { bestF1Threshold, rocAuc } from "../metrics/classification"
import { rocAucStandardError } from "../metrics/uncertainty"
import { createRandom, type Random } from "../random"
import { throwIfAborted } from "./abort"
import { chooseCalibration } from "./calibration-choice"
import { bestCandidate, combineFolds, oneStandardErrorChoice } from "./one-standard-error"
import { TrainedPipeline } from "./trained-pipeline"
import type { LabelledRows, TunedCandidate, TunedTask } from "./types"
import { candidateMetrics, winnerMetrics } from "./winner-report"

/** One fold: rows to fit on and rows (with both classes) to score on. */
export interface ValidationFold {
  train: LabelledRows
  validation: { X: Matrix; y: Uint8Array }
}

/** Candidates that read the same inputs. */
export interface CandidateGroup {
  name: string
  featureNames: string[]
  log1pColumns: number[]
  /** Oldest first; the last one is the final fold (the latest validation cutoff). */
  folds: ValidationFold[]
  candidates: { spec: LearnerSpec; complexity: number }[]
}

/** A candidate's repeated-validation figures. */
export interface RepeatedCandidate extends TunedCandidate {
  group: string
  complexity: number
  /** ROC-AUC per fold, oldest first. */
  foldRocAuc: number[]
  meanRocAuc: number
  /** Standard error of the mean from each fold's Hanley-McNeil error. */
  rocAucStandardError: number
  /** Paired standard error of the gap to the best candidate's mean (0 for the best). */
  gapStandardError: number
}

export interface RepeatedSearchResult {
  /** Index of the chosen group. */
  group: number
  tuned: TunedTask
  candidates: RepeatedCandidate[]
  /** The candidate with the best mean, and the bar (best mean - its SE) the chosen one cleared. */
  best: { group: string; learner: string; meanRocAuc: number; bar: number }
  chosen: RepeatedCandidate
}

const SEED_RANGE = 2 ** 32

/** Bootstrap resamples per fold for the paired gap errors. */
export const GAP_REPLICATES = 100

/** Rows drawn per resample at most; on larger folds the error is rescaled (it shrinks as 1 / sqrt(n)). */
export const GAP_MAX_ROWS = 2_000

/** Per fold: the resampled rows of each bootstrap replicate, and the rescaling of their spread. */
function foldResamples(y: Uint8Array, random: Random): { rows: Uint32Array[]; scale: number } {
  const n = y.length
  const m = Math.min(n, GAP_MAX_ROWS)
  const rows: Uint32Array[] = []
  for (let r = 0; r < GAP_REPLICATES; r++) {
    const picked = new Uint32Array(m)
    let positives = 0
    for (let i = 0; i < m; i++) {
      picked[i] = random.int(n)
      positives += y[picked[i]]
    }
    if (positives > 0 && positives < m) rows.push(picked)
  }
  return { rows, scale: Math.sqrt(m / n) }
}

function resampledAucs(y: Uint8Array, probs: Float64Array, resamples: { rows: Uint32Array[] }): Float64Array {
  return Float64Array.from(resamples.rows, (rows) => rocAuc(Uint8Array.from(rows, (i) => y[i]), Float64Array.from(rows, (i) => probs[i])))
}

function spread(values: ArrayLike<number>): number {
  const n = values.length
  if (n < 2) return Number.POSITIVE_INFINITY
  let mean = 0
  for (let i = 0; i < n; i++) mean += values[i] / n
  let squares = 0
  for (let i = 0; i < n; i++) squares += (values[i] - mean) ** 2
  return Math.sqrt(squares / (n - 1))
}

/**
 * Complexity of a candidate for the one-standard-error rule, lower = simpler: logistic
 * regression 1 + inputs / 100 (a single-feature rule is the simplest), gradient boosting
 * 2 + depth × rounds / 2000, a network 3 + hidden units / 100.
 */
export function candidateComplexity(spec: LearnerSpec, inputs: number): number {
  const p = spec.params
  switch (spec.type) {
    case "logistic-regression":
      return 1 + inputs / 100
    case "gradient-boosting":
      return 2 + (Number(p.maxDepth ?? 3) * Number(p.maxIterations ?? 100)) / 2000
    case "neural-network":
      return 3 + (Array.isArray(p.hiddenLayers) ? p.hiddenLayers.reduce((s: number, v) => s + Number(v), 0) : 16) / 100
    default:
      return 4
  }
}

function fitAndScore(group: CandidateGroup, fold: ValidationFold, spec: LearnerSpec, seed: number) {
  const scaler = new StandardScaler({ log1pColumns: group.log1pColumns }).fit(fold.train.X)
  const learner = createLearner(spec, createRandom(seed))
  learner.fit(scaler.transform(fold.train.X), fold.train.y, fold.train.weight)
  return { scaler, learner, probs: learner.predictProba(scaler.transform(fold.validation.X)) }
}

export async function searchByRepeatedValidation(
  groups: readonly CandidateGroup[],
  options: { random: Random; signal?: AbortSignal; onProgress?: (done: number, total: number) => void; now?: () => number }
): Promise<RepeatedSearchResult> {
  const now = options.now ?? (() => performance.now())
  const total = groups.reduce((s, g) => s + g.candidates.length, 0)
  if (total === 0) throw new InvalidInputError("no candidate to search", "candidates")
  for (const g of groups) if (g.folds.length === 0) throw new InvalidInputError(`group "${g.name}" has no validation fold`, "folds")
  const scored: { group: number; candidate: RepeatedCandidate; resampled: Float64Array[] }[] = []
  // the same resamples for every candidate (every group has the same folds and rows)
  const resamples = groups[0].folds.map((fold) => foldResamples(fold.validation.y, options.random.fork()))
  for (const [gi, group] of groups.entries()) {
    for (const { spec, complexity } of group.candidates) {
      await yieldToEventLoop()
      throwIfAborted(options.signal, "tuning")
      const seed = options.random.fork().int(SEED_RANGE)
      const folds: { value: number; standardError: number }[] = []
      let last: { metrics: ReturnType<typeof candidateMetrics> } | null = null
      const resampled: Float64Array[] = []
      for (const [k, fold] of group.folds.entries()) {
        const start = now()
        const { probs } = fitAndScore(group, fold, spec, seed)
        const fitMs = now() - start
        const auc = rocAuc(fold.validation.y, probs)
        const positives = fold.validation.y.reduce((s, v) => s + v, 0)
        folds.push({ value: auc, standardError: rocAucStandardError(auc, positives, fold.validation.y.length - positives) })
        last = { metrics: candidateMetrics(fold.validation.y, probs, fitMs) }
        resampled.push(resampledAucs(fold.validation.y, probs, resamples[k]))
      }
      const { mean, standardError } = combineFolds(folds)
      scored.push({
        group: gi,
        candidate: {
          spec,
          seed,
          metrics: last!.metrics,
          group: group.name,
          complexity,
          foldRocAuc: folds.map((f) => f.value),
          meanRocAuc: mean,
          rocAucStandardError: standardError,
          gapStandardError: 0,
        },
        resampled,
      })
      options.onProgress?.(scored.length, total)
    }
  }
  const bestIndex = bestCandidate(scored.map((s) => s.candidate.meanRocAuc))
  const bestResampled = scored[bestIndex].resampled
  for (const s of scored) {
    const foldErrors = s.resampled.map((aucs, k) => spread(aucs.map((v, r) => bestResampled[k][r] - v)) * resamples[k].scale)
    s.candidate.gapStandardError = s === scored[bestIndex] ? 0 : Math.sqrt(foldErrors.reduce((t, e) => t + e * e, 0) / foldErrors.length)
  }
  const choice = oneStandardErrorChoice(
    scored.map((s) => ({ complexity: s.candidate.complexity, mean: s.candidate.meanRocAuc, standardError: s.candidate.gapStandardError }))
  )
  const chosen = scored[choice.chosen]
  const best = scored[choice.best].candidate
  const group = groups[chosen.group]
  const finalFold = group.folds[group.folds.length - 1]
  const { scaler, learner, probs } = fitAndScore(group, finalFold, chosen.candidate.spec, chosen.candidate.seed)
  const calibration = chooseCalibration(probs, finalFold.validation.y, options.random.fork())
  const finalProbs = calibration.calibrator ? calibration.calibrator.transform(probs) : probs
  const { threshold } = bestF1Threshold(finalFold.validation.y, finalProbs)
  const candidates = scored.map((s) => s.candidate)
  const tuned: TunedTask = {
    winner: {
      spec: chosen.candidate.spec,
      seed: chosen.candidate.seed,
      metrics: winnerMetrics(finalFold.validation.y, finalProbs, threshold, learner.featureImportance(), group.featureNames),
      candidateMetrics: chosen.candidate.metrics,
      threshold,
      calibration: calibration.method,
      calibrationLogLoss: calibration.logLoss,
    },
    candidates,
    model: new TrainedPipeline(group.featureNames, scaler, learner, calibration.calibrator),
  }
  return {
    group: chosen.group,
    tuned,
    candidates,
    best: { group: best.group, learner: best.spec.type, meanRocAuc: best.meanRocAuc, bar: choice.bar },
    chosen: chosen.candidate,
  }
}
