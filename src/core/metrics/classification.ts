/**
 * Binary classification metrics: pure functions of the labels (0 or 1) and the scores or
 * probabilities. Every function throws a RangeError naming the argument when the inputs are
 * empty, of different lengths, labels are not 0/1, or probabilities are outside [0, 1].
 */
import { averageRanks } from "./regression"

/** Counts and rates of the confusion matrix at one threshold. */
export interface Confusion {
  tp: number
  fp: number
  tn: number
  fn: number
  accuracy: number
  precision: number
  recall: number
  f1: number
}

/** One row of a reliability table. */
export interface CalibrationBin {
  binStart: number
  binEnd: number
  count: number
  meanPredicted: number
  fractionPositive: number
}

/** A point of a ROC curve: false-positive rate and true-positive rate at one threshold. */
export interface RocPoint {
  fpr: number
  tpr: number
}

const LOG_LOSS_EPSILON = 1e-15

function checkLabels(yTrue: ArrayLike<number>, other: ArrayLike<number>, otherName: string): number {
  const n = yTrue.length
  if (n === 0) throw new RangeError("yTrue is empty")
  if (other.length !== n) throw new RangeError(`${otherName} has ${other.length} values, yTrue has ${n}`)
  for (let i = 0; i < n; i++) {
    if (yTrue[i] !== 0 && yTrue[i] !== 1) throw new RangeError(`yTrue[${i}] must be 0 or 1, got ${yTrue[i]}`)
  }
  return n
}

function checkScores(yTrue: ArrayLike<number>, scores: ArrayLike<number>, name: string): number {
  const n = checkLabels(yTrue, scores, name)
  for (let i = 0; i < n; i++) {
    if (!Number.isFinite(scores[i])) throw new RangeError(`${name}[${i}] is not a finite number, got ${scores[i]}`)
  }
  return n
}

function checkProbabilities(yTrue: ArrayLike<number>, probs: ArrayLike<number>): number {
  const n = checkLabels(yTrue, probs, "probs")
  for (let i = 0; i < n; i++) {
    if (!(probs[i] >= 0 && probs[i] <= 1)) throw new RangeError(`probs[${i}] must be in [0, 1], got ${probs[i]}`)
  }
  return n
}

function countPositives(yTrue: ArrayLike<number>): number {
  let positives = 0
  for (let i = 0; i < yTrue.length; i++) positives += yTrue[i]
  return positives
}

/** Indices sorted by score, highest first. */
function descendingOrder(scores: ArrayLike<number>): Uint32Array {
  const order = new Uint32Array(scores.length)
  for (let i = 0; i < order.length; i++) order[i] = i
  return order.sort((a, b) => scores[b] - scores[a])
}

/**
 * Walks the distinct scores from highest to lowest; calls visit(threshold, tp, fp) with the
 * counts of positives and negatives scoring >= threshold.
 */
function sweepThresholds(
  yTrue: ArrayLike<number>,
  scores: ArrayLike<number>,
  visit: (threshold: number, tp: number, fp: number) => void
): void {
  const order = descendingOrder(scores)
  let tp = 0
  let fp = 0
  for (let k = 0; k < order.length; k++) {
    const i = order[k]
    if (yTrue[i] === 1) tp++
    else fp++
    if (k + 1 === order.length || scores[order[k + 1]] !== scores[i]) visit(scores[i], tp, fp)
  }
}

/**
 * Area under the ROC curve by the Mann-Whitney statistic with average ranks for ties:
 * AUC = (Σ_{i: y_i = 1} rank_i - P (P + 1) / 2) / (P · N), P positives, N negatives.
 * A tied positive/negative pair counts one half. Needs both classes.
 */
export function rocAuc(yTrue: ArrayLike<number>, scores: ArrayLike<number>): number {
  const n = checkScores(yTrue, scores, "scores")
  const positives = countPositives(yTrue)
  const negatives = n - positives
  if (positives === 0 || negatives === 0) throw new RangeError("yTrue must contain both classes for rocAuc")
  const ranks = averageRanks(scores)
  let rankSum = 0
  for (let i = 0; i < n; i++) if (yTrue[i] === 1) rankSum += ranks[i]
  return (rankSum - (positives * (positives + 1)) / 2) / (positives * negatives)
}

/**
 * The ROC curve: (FPR, TPR) = (FP / N, TP / P) at each distinct score taken as the
 * threshold (scores >= it are positive), from (0, 0) to (1, 1); tied scores enter
 * together, so a tie is a diagonal step. A curve longer than `maxPoints` keeps
 * `maxPoints` of its points evenly spread over the sweep, the two ends always among
 * them. Needs both classes.
 */
export function rocCurve(yTrue: ArrayLike<number>, scores: ArrayLike<number>, maxPoints = 50): RocPoint[] {
  const n = checkScores(yTrue, scores, "scores")
  if (!Number.isInteger(maxPoints) || maxPoints < 2) throw new RangeError(`maxPoints must be an integer >= 2, got ${maxPoints}`)
  const positives = countPositives(yTrue)
  const negatives = n - positives
  if (positives === 0 || negatives === 0) throw new RangeError("yTrue must contain both classes for rocCurve")
  const curve: RocPoint[] = [{ fpr: 0, tpr: 0 }]
  sweepThresholds(yTrue, scores, (_threshold, tp, fp) => curve.push({ fpr: fp / negatives, tpr: tp / positives }))
  if (curve.length <= maxPoints) return curve
  const last = curve.length - 1
  return Array.from({ length: maxPoints }, (_, k) => curve[Math.round((k * last) / (maxPoints - 1))])
}

/**
 * Average precision, as scikit-learn's average_precision_score: thresholds at the distinct
 * scores (tied scores enter together), and
 * AP = Σ_k (R_k - R_{k-1}) · P_k, with P_k = TP_k / (TP_k + FP_k), R_k = TP_k / P, R_0 = 0,
 * over thresholds from highest to lowest (a step function, no interpolation). Needs a positive.
 */
export function prAuc(yTrue: ArrayLike<number>, scores: ArrayLike<number>): number {
  checkScores(yTrue, scores, "scores")
  const positives = countPositives(yTrue)
  if (positives === 0) throw new RangeError("yTrue must contain a positive label for prAuc")
  let ap = 0
  let previousRecall = 0
  sweepThresholds(yTrue, scores, (_threshold, tp, fp) => {
    const recall = tp / positives
    ap += (recall - previousRecall) * (tp / (tp + fp))
    previousRecall = recall
  })
  return ap
}

/**
 * Mean cross-entropy with probabilities clipped to [ε, 1 - ε], ε = 1e-15:
 * logLoss = -(1/n) Σ [y_i ln p_i + (1 - y_i) ln(1 - p_i)].
 */
export function logLoss(yTrue: ArrayLike<number>, probs: ArrayLike<number>): number {
  const n = checkProbabilities(yTrue, probs)
  let sum = 0
  for (let i = 0; i < n; i++) {
    const p = Math.min(Math.max(probs[i], LOG_LOSS_EPSILON), 1 - LOG_LOSS_EPSILON)
    sum -= yTrue[i] === 1 ? Math.log(p) : Math.log(1 - p)
  }
  return sum / n
}

/** Brier score: (1/n) Σ (p_i - y_i)². */
export function brier(yTrue: ArrayLike<number>, probs: ArrayLike<number>): number {
  const n = checkProbabilities(yTrue, probs)
  let sum = 0
  for (let i = 0; i < n; i++) {
    const d = probs[i] - yTrue[i]
    sum += d * d
  }
  return sum / n
}

/**
 * Confusion counts with "positive" meaning p >= threshold, and
 * accuracy = (TP + TN) / n, precision = TP / (TP + FP), recall = TP / (TP + FN),
 * F1 = 2 · precision · recall / (precision + recall); a rate whose denominator is 0 is 0.
 */
export function confusionAt(yTrue: ArrayLike<number>, probs: ArrayLike<number>, threshold: number): Confusion {
  const n = checkProbabilities(yTrue, probs)
  if (Number.isNaN(threshold)) throw new RangeError("threshold is not a number")
  let tp = 0
  let fp = 0
  let tn = 0
  let fn = 0
  for (let i = 0; i < n; i++) {
    const predictedPositive = probs[i] >= threshold
    if (yTrue[i] === 1) {
      if (predictedPositive) tp++
      else fn++
    } else if (predictedPositive) fp++
    else tn++
  }
  const precision = tp + fp > 0 ? tp / (tp + fp) : 0
  const recall = tp + fn > 0 ? tp / (tp + fn) : 0
  const f1 = precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : 0
  return { tp, fp, tn, fn, accuracy: (tp + tn) / n, precision, recall, f1 }
}

/**
 * The threshold among the distinct probabilities that maximises F1 = 2 TP / (2 TP + FP + FN)
 * = 2 TP / (TP + FP + P). On equal F1 the highest threshold wins.
 */
export function bestF1Threshold(yTrue: ArrayLike<number>, probs: ArrayLike<number>): { threshold: number; f1: number } {
  checkProbabilities(yTrue, probs)
  const positives = countPositives(yTrue)
  let best = { threshold: Number.NaN, f1: -1 }
  sweepThresholds(yTrue, probs, (threshold, tp, fp) => {
    const f1 = (2 * tp) / (tp + fp + positives)
    if (f1 > best.f1) best = { threshold, f1 }
  })
  return best
}

/**
 * Reliability table over `bins` equal-width bins of [0, 1]: bin b is [b/bins, (b+1)/bins),
 * the last one closed at 1. Per bin: count, mean predicted probability and fraction of
 * positives. Empty bins are left out (as scikit-learn's calibration_curve does).
 */
export function calibrationTable(yTrue: ArrayLike<number>, probs: ArrayLike<number>, bins = 10): CalibrationBin[] {
  const n = checkProbabilities(yTrue, probs)
  if (!Number.isInteger(bins) || bins < 1) throw new RangeError(`bins must be an integer >= 1, got ${bins}`)
  const counts = new Float64Array(bins)
  const sums = new Float64Array(bins)
  const positives = new Float64Array(bins)
  for (let i = 0; i < n; i++) {
    const p = probs[i]
    let b = Math.min(Math.floor(p * bins), bins - 1)
    // Keep the bin consistent with its printed edges despite rounding in p * bins.
    if (b > 0 && p < b / bins) b--
    else if (b < bins - 1 && p >= (b + 1) / bins) b++
    counts[b]++
    sums[b] += p
    positives[b] += yTrue[i]
  }
  const table: CalibrationBin[] = []
  for (let b = 0; b < bins; b++) {
    if (counts[b] === 0) continue
    table.push({
      binStart: b / bins,
      binEnd: (b + 1) / bins,
      count: counts[b],
      meanPredicted: sums[b] / counts[b],
      fractionPositive: positives[b] / counts[b],
    })
  }
  return table
}
