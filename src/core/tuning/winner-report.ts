/**
 * The validation figures of a tuned model: the metrics of every candidate, and the
 * fuller report of the winner (rates at its threshold, reliability table, importance).
 */
import {
  brier,
  calibrationTable,
  confusionAt,
  logLoss,
  prAuc,
  rocAuc,
  type CalibrationBin,
} from "../metrics/classification"

/** Validation figures of one candidate (uncalibrated probabilities). */
export interface CandidateMetrics {
  prAuc: number
  rocAuc: number
  logLoss: number
  brier: number
  /** Wall-clock time of the learner's fit, in milliseconds (the only figure that varies between runs). */
  fitMs: number
}

export interface FeatureImportance {
  feature: string
  /** Share of the learner's total importance; the shares sum to 1 (all 0 when the learner uses no feature). */
  importance: number
}

/** Validation figures of the winner, on its final (possibly calibrated) probabilities. */
export interface WinnerMetrics {
  accuracy: number
  precision: number
  recall: number
  f1: number
  rocAuc: number
  prAuc: number
  logLoss: number
  brier: number
  /** Reliability table over 10 equal-width bins (empty bins left out). */
  calibrationTable: CalibrationBin[]
  /** Features sorted by importance, largest first (column order on ties). */
  featureImportance: FeatureImportance[]
}

/** Number of equal-width bins of the winner's reliability table. */
export const CALIBRATION_TABLE_BINS = 10

export function candidateMetrics(y: ArrayLike<number>, probs: ArrayLike<number>, fitMs: number): CandidateMetrics {
  return { prAuc: prAuc(y, probs), rocAuc: rocAuc(y, probs), logLoss: logLoss(y, probs), brier: brier(y, probs), fitMs }
}

/** Importance normalised to shares: importance_j / Σ_k importance_k, sorted largest first. */
export function rankedImportance(importance: ArrayLike<number>, featureNames: readonly string[]): FeatureImportance[] {
  let total = 0
  for (let j = 0; j < importance.length; j++) total += importance[j]
  return featureNames
    .map((feature, j) => ({ feature, importance: total > 0 ? importance[j] / total : 0 }))
    .sort((a, b) => b.importance - a.importance)
}

export function winnerMetrics(
  y: ArrayLike<number>,
  probs: ArrayLike<number>,
  threshold: number,
  importance: ArrayLike<number>,
  featureNames: readonly string[]
): WinnerMetrics {
  const { accuracy, precision, recall, f1 } = confusionAt(y, probs, threshold)
  return {
    accuracy,
    precision,
    recall,
    f1,
    rocAuc: rocAuc(y, probs),
    prAuc: prAuc(y, probs),
    logLoss: logLoss(y, probs),
    brier: brier(y, probs),
    calibrationTable: calibrationTable(y, probs, CALIBRATION_TABLE_BINS),
    featureImportance: rankedImportance(importance, featureNames),
  }
}
