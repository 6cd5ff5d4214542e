/**
 * The boosting loop of gradient boosting for binary log-loss: start from the
 * log-odds of the (weighted) positive rate, then repeatedly fit a regression tree
 * to the per-row gradient g = w (p - y) and hessian h = w p (1 - p) of the current
 * scores and add its Newton leaves to the scores. With early stopping a seeded
 * share of the rows is held out; the model keeps the number of trees with the
 * lowest held-out log-loss, and stops after `patience` trees without improvement.
 */
import { NotEnoughDataError } from "../../errors"
import type { Matrix } from "../../linalg/matrix"
import type { Random } from "../../random"
import type { GradientBoostingOptions } from "../gradient-boosting"
import type { GradientBoostingState } from "./gradient-boosting-format"
import { logLossOfScore, logOdds, sigmoid } from "./log-loss"
import { binMatrix, learnBinEdges } from "./quantile-bins"
import { growRegressionTree, predictBinnedRow, type RegressionTree, type TreeRules } from "./regression-tree"
import { holdOutRows, sampleWithoutReplacement } from "./row-sampling"

/** A held-out loss must drop by more than this to count as an improvement. */
export const EARLY_STOPPING_TOLERANCE = 1e-7

/** Weighted mean log-loss of `scores` over `rows`: sum w loss(y, s) / sum w. */
function weightedLogLoss(y: ArrayLike<number>, weights: Float64Array, scores: Float64Array, rows: Uint32Array): number {
  let loss = 0
  let total = 0
  for (const r of rows) {
    loss += weights[r] * logLossOfScore(y[r], scores[r])
    total += weights[r]
  }
  return total > 0 ? loss / total : 0
}

/** Splits off the held-out rows of early stopping (none when it is off). */
function trainingAndHeldOutRows(n: number, options: GradientBoostingOptions, random: Random) {
  if (options.validationFraction === 0) {
    return { kept: Uint32Array.from({ length: n }, (_, i) => i), heldOut: new Uint32Array(0) }
  }
  const heldOut = Math.max(1, Math.round(options.validationFraction * n))
  if (heldOut >= n) {
    const fraction = options.validationFraction
    throw new NotEnoughDataError([`gradient-boosting: more than ${heldOut} rows to hold out ${fraction} of them`])
  }
  return holdOutRows(n, heldOut, random)
}

/** Trains the trees of a gradient boosting model on X, y (0/1) with per-row weights. */
export function boostTrees(
  X: Matrix,
  y: ArrayLike<number>,
  weights: Float64Array,
  options: GradientBoostingOptions,
  random: Random
): GradientBoostingState {
  const n = X.rows
  const earlyStopping = options.validationFraction > 0
  const { kept: trainRows, heldOut } = trainingAndHeldOutRows(n, options, random)

  let positiveWeight = 0
  let totalWeight = 0
  for (const r of trainRows) {
    positiveWeight += weights[r] * y[r]
    totalWeight += weights[r]
  }
  if (totalWeight <= 0) throw new NotEnoughDataError(["gradient-boosting: training rows with a positive sample weight"])
  const baseScore = logOdds(positiveWeight / totalWeight)

  const binEdges = learnBinEdges(X, trainRows, options.maxBins)
  const binned = binMatrix(X, binEdges)
  const binCounts = binEdges.map((edges) => edges.length + 1)
  const allFeatures = Array.from({ length: X.cols }, (_, j) => j)
  const rowsPerTree = Math.max(1, Math.round(options.subsample * trainRows.length))
  const featuresPerTree = Math.max(1, Math.round(options.colsampleByTree * X.cols))
  const rules: TreeRules = {
    maxDepth: options.maxDepth,
    maxLeafNodes: options.maxLeafNodes,
    minSamplesLeaf: options.minSamplesLeaf,
    l2: options.l2,
    learningRate: options.learningRate,
  }

  const scores = new Float64Array(n).fill(baseScore)
  const gradient = new Float64Array(n)
  const hessian = new Float64Array(n)
  const trees: RegressionTree[] = []
  const validationLoss = earlyStopping ? [weightedLogLoss(y, weights, scores, heldOut)] : []
  let bestTreeCount = 0

  for (let round = 0; round < options.maxIterations; round++) {
    for (const r of trainRows) {
      const p = sigmoid(scores[r])
      gradient[r] = weights[r] * (p - y[r])
      hessian[r] = weights[r] * p * (1 - p)
    }
    const rows = rowsPerTree < trainRows.length ? sampleWithoutReplacement(trainRows, rowsPerTree, random) : trainRows
    const features =
      featuresPerTree < X.cols ? Array.from(sampleWithoutReplacement(allFeatures, featuresPerTree, random)) : allFeatures
    const tree = growRegressionTree({ binned, cols: X.cols, gradient, hessian, binCounts, rows, features }, rules)
    trees.push(tree)
    for (let r = 0; r < n; r++) scores[r] += predictBinnedRow(tree, binned, X.cols, r)

    if (!earlyStopping) continue
    const loss = weightedLogLoss(y, weights, scores, heldOut)
    validationLoss.push(loss)
    if (loss < validationLoss[bestTreeCount] - EARLY_STOPPING_TOLERANCE) bestTreeCount = trees.length
    else if (trees.length - bestTreeCount >= options.patience) break
  }

  return {
    featureCount: X.cols,
    baseScore,
    binEdges: binEdges.map((edges) => Array.from(edges)),
    trees: earlyStopping ? trees.slice(0, bestTreeCount) : trees,
    validationLoss,
  }
}
