/**
 * Regression metrics: pure functions of the actual values and the predictions.
 * Every function throws a RangeError naming the argument when the inputs are empty,
 * of different lengths or not finite.
 */

function checkPair(actual: ArrayLike<number>, predicted: ArrayLike<number>, predictedName = "predicted"): number {
  const n = actual.length
  if (n === 0) throw new RangeError("actual is empty")
  if (predicted.length !== n) {
    throw new RangeError(`${predictedName} has ${predicted.length} values, actual has ${n}`)
  }
  for (let i = 0; i < n; i++) {
    if (!Number.isFinite(actual[i])) throw new RangeError(`actual[${i}] is not a finite number, got ${actual[i]}`)
    if (!Number.isFinite(predicted[i])) {
      throw new RangeError(`${predictedName}[${i}] is not a finite number, got ${predicted[i]}`)
    }
  }
  return n
}

/** Indices 0..n-1 sorted by values, ascending. */
function ascendingOrder(values: ArrayLike<number>): Uint32Array {
  const order = new Uint32Array(values.length)
  for (let i = 0; i < order.length; i++) order[i] = i
  return order.sort((a, b) => values[a] - values[b])
}

/**
 * 1-based ranks, ties sharing the average of the ranks they span:
 * a value with k values below it and t values equal to it (itself included) gets k + (t + 1) / 2.
 */
export function averageRanks(values: ArrayLike<number>): Float64Array {
  const order = ascendingOrder(values)
  const ranks = new Float64Array(values.length)
  let start = 0
  while (start < order.length) {
    let end = start + 1
    while (end < order.length && values[order[end]] === values[order[start]]) end++
    const rank = (start + 1 + end) / 2
    for (let k = start; k < end; k++) ranks[order[k]] = rank
    start = end
  }
  return ranks
}

/** Mean absolute error: MAE = (1/n) Σ |actual_i - predicted_i|. */
export function mae(actual: ArrayLike<number>, predicted: ArrayLike<number>): number {
  const n = checkPair(actual, predicted)
  let sum = 0
  for (let i = 0; i < n; i++) sum += Math.abs(actual[i] - predicted[i])
  return sum / n
}

/** Root mean squared error: RMSE = sqrt((1/n) Σ (actual_i - predicted_i)²). */
export function rmse(actual: ArrayLike<number>, predicted: ArrayLike<number>): number {
  const n = checkPair(actual, predicted)
  let sum = 0
  for (let i = 0; i < n; i++) {
    const d = actual[i] - predicted[i]
    sum += d * d
  }
  return Math.sqrt(sum / n)
}

/**
 * Spearman rank correlation: Pearson correlation of the average ranks,
 * ρ = Σ (r_i - r̄)(s_i - s̄) / sqrt(Σ (r_i - r̄)² Σ (s_i - s̄)²).
 * A constant input has no ordering to agree with; it is defined here as 0 (not NaN).
 */
export function spearman(actual: ArrayLike<number>, predicted: ArrayLike<number>): number {
  const n = checkPair(actual, predicted)
  const r = averageRanks(actual)
  const s = averageRanks(predicted)
  // Both rank vectors sum to n(n+1)/2, so both means are (n+1)/2.
  const mean = (n + 1) / 2
  let cov = 0
  let varR = 0
  let varS = 0
  for (let i = 0; i < n; i++) {
    const dr = r[i] - mean
    const ds = s[i] - mean
    cov += dr * ds
    varR += dr * dr
    varS += ds * ds
  }
  if (varR === 0 || varS === 0) return 0
  return cov / Math.sqrt(varR * varS)
}

/**
 * Share of the total actual value held by the top `fraction` of rows ranked by prediction
 * (e.g. "the top 10% of predicted spenders bring 45% of the revenue"):
 * share = Σ_{i in top k} actual_i / Σ_i actual_i, with k = ceil(fraction · n), at least 1.
 * Rows tied on the prediction at the cut-off share the remaining slots equally, so each
 * contributes (slots left / rows tied) of its actual value: the result does not depend on row order.
 * Requires a positive total.
 */
export function topShareCaptured(
  actual: ArrayLike<number>,
  predicted: ArrayLike<number>,
  fraction = 0.1
): number {
  const n = checkPair(actual, predicted)
  if (!(fraction > 0 && fraction <= 1)) throw new RangeError(`fraction must be in (0, 1], got ${fraction}`)
  let total = 0
  for (let i = 0; i < n; i++) total += actual[i]
  if (!(total > 0)) throw new RangeError(`actual must have a positive total, got ${total}`)
  // The small offset keeps 0.1 * 30 = 3.0000000000000004 from becoming 4.
  const k = Math.max(1, Math.ceil(fraction * n - 1e-9))
  const order = ascendingOrder(predicted).reverse()
  let captured = 0
  let taken = 0
  let start = 0
  while (taken < k) {
    let end = start + 1
    while (end < n && predicted[order[end]] === predicted[order[start]]) end++
    let groupSum = 0
    for (let j = start; j < end; j++) groupSum += actual[order[j]]
    const tied = end - start
    const slots = Math.min(tied, k - taken)
    captured += (groupSum * slots) / tied
    taken += slots
    start = end
  }
  return captured / total
}
