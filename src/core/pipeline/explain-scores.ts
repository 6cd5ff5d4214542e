/**
 * The top reasons behind each customer's churn risk: occlusion contributions against
 * a typical customer (the column medians of the scored population), country columns
 * explained together, turned into plain words.
 */
import { describeReasons, groupColumnsByPrefix, occlusionContributions, type Reason } from "../explain"
import { agreesWithExpectedDirection } from "../explain/expected-directions"
import type { Matrix } from "../linalg/matrix"

export interface ExplainOptions {
  /** The horizon the reasons speak of, days. */
  horizonDays: number
  /**
   * Reasons per customer.
   * @defaultValue describeReasons' default (3)
   */
  count?: number
  /**
   * The typical customer each column is set to in turn, one value per column of X.
   * @defaultValue the column medians of X
   */
  reference?: Float64Array
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
 * risk that `predictChurn` gives. A row's reasons depend on that row and the reference
 * alone, so explaining some rows against the whole population's medians gives what
 * explaining the whole population gives for them.
 */
export function explainChurn(
  predictChurn: (X: Matrix) => Float64Array,
  X: Matrix,
  featureNames: readonly string[],
  options: ExplainOptions
): Reason[][] {
  const { names, groups } = groupColumnsByPrefix(featureNames, ["country_"])
  const reference = options.reference ?? columnMedians(X)
  const contributions = occlusionContributions(predictChurn, X, reference, groups)
  const typical = new Map(featureNames.map((name, j) => [name, reference[j]]))
  return contributions.map((row, i) => {
    const facts: Record<string, number> = {}
    featureNames.forEach((name, j) => {
      facts[name] = X.data[i * X.cols + j]
    })
    // a contribution against the expected direction explains the model's arithmetic, not the customer: no reason
    const signed = names.map((feature, g) => ({
      feature,
      contribution: agreesWithExpectedDirection(feature, facts[feature], typical.get(feature) ?? facts[feature], row[g]) ? row[g] : 0,
    }))
    return describeReasons(facts, signed, { horizonDays: options.horizonDays, target: "churn", count: options.count })
  })
}
