import type { LearnerSpec, LearnerType } from "../learners/factory"
import type { Matrix } from "../linalg/matrix"
import type { Random } from "../random"
import type { CalibrationMethod } from "./calibration-choice"
import type { TrainedPipeline } from "./trained-pipeline"
import type { CandidateMetrics, WinnerMetrics } from "./winner-report"

/** Feature rows with 0/1 labels and optional per-row training weights. */
export interface LabelledRows {
  X: Matrix
  y: Uint8Array
  weight?: Float64Array
}

export interface TuneInput {
  /** Rows the scaler and every candidate are fitted on. */
  train: LabelledRows
  /** Rows that score the candidates and on which calibration and threshold are chosen; needs both classes. */
  validation: { X: Matrix; y: Uint8Array }
  /** One name per column of X. */
  featureNames: string[]
  /** Columns the scaler passes through the signed log1p before standardising. */
  log1pColumns: number[]
}

export interface TuneOptions {
  /**
   * Candidates to train in all; at least one per learner (each learner's first uses its defaults).
   * @defaultValue 12
   */
  trials?: number
  /** Learners to search over, without duplicates. */
  learners: LearnerType[]
  /** Draws every candidate's params and seed, and the calibration folds. */
  random: Random
  /** Called after each candidate with the number trained so far and the total. */
  onProgress?: (done: number, total: number) => void
  /** When it fires, tuning stops before the next candidate with an error named "AbortError". */
  signal?: AbortSignal
  /**
   * Clock for the candidates' fit times, in milliseconds.
   * @defaultValue performance.now
   */
  now?: () => number
}

export const TUNING_DEFAULTS = {
  // With all three learners: 5 logistic regression, 5 gradient boosting and 2 network candidates
  // (the defaults of each, then shares 3 : 3 : 1).
  trials: 12,
} as const

/** One trained and scored candidate. */
export interface TunedCandidate {
  /** The learner type and its complete params. */
  spec: LearnerSpec
  /** Seed of the Random the learner was created with (row sampling, initial weights). */
  seed: number
  metrics: CandidateMetrics
}

export interface TunedWinner {
  spec: LearnerSpec
  seed: number
  /** Validation figures of the final pipeline (calibrated when a calibrator was kept), at `threshold`. */
  metrics: WinnerMetrics
  /** Fit time and uncalibrated validation figures, as in the candidates list. */
  candidateMetrics: CandidateMetrics
  /** Probability from which a row counts as positive: the max-F1 threshold on validation. */
  threshold: number
  calibration: CalibrationMethod
  /** Validation log-loss before calibration ("none") and for each calibrator, cross-fitted on 2 folds. */
  calibrationLogLoss: Record<CalibrationMethod, number>
}

export interface TunedTask {
  winner: TunedWinner
  /** Every candidate, in the order trained. */
  candidates: TunedCandidate[]
  /** Scaler + winning learner (trained on the train rows) + kept calibrator. */
  model: TrainedPipeline
}
