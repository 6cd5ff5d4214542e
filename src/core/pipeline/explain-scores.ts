/**
 * The top reasons behind each customer's churn risk: occlusion contributions against
 * a typical customer (the column medians of the scored population), country columns
 * explained together, turned into plain words.
 */
import { describeReasons, groupColumnsByPrefix, occlusionContributions, type Reason } from "../explain"
import type { Matrix } from "../linalg/matrix"

export interface ExplainOptions {
  horizonDays: number
  count?: number
}

/** Per column, the median of X's rows. */
export function columnMedians(X: Matrix): Float64Array {
  const out = new Float64Array(X.cols)
  const column = new Float64Array(X.rows)
  for (let j = 0; j < X.cols; j++) {
    for (let i = 0; i < X.rows; i++) column[i] = X.data[i * X.cols + j]
    column.sort()
    const mid = X.rows >> 1
    out[j] = X.rows === 0 ? 0 : X.rows % 2 ? column[mid] : (column[mid - 1] + column[mid]) / 2
  }
  return out
}

/**
 * Reasons for every row of X (raw features with the country columns), for the churn
 * risk that `predictChurn` gives.
 */
export function explainChurn(
  predictChurn: (X: Matrix) => Float64Array,
  X: Matrix,
  featureNames: readonly string[],
  options: ExplainOptions
): Reason[][] {
  const { names, groups } = groupColumnsByPrefix(featureNames, ["country_"])
  const contributions = occlusionContributions(predictChurn, X, columnMedians(X), groups)
  return contributions.map((row, i) => {
    const facts: Record<string, number> = {}
    featureNames.forEach((name, j) => {
      facts[name] = X.data[i * X.cols + j]
    })
    const signed = names.map((feature, g) => ({ feature, contribution: row[g] }))
    return describeReasons(facts, signed, { horizonDays: options.horizonDays, target: "churn", count: options.count })
  })
}
