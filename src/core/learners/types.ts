import type { Matrix } from "../linalg/matrix"

/**
 * What every serialized estimator looks like: a type tag checked on load, a format
 * version, the hyperparameters it was trained with and its learned state.
 */
export interface SerializedEstimator<TParams = unknown, TState = unknown> {
  type: string
  version: number
  params: TParams
  state: TState
}

/**
 * A trained binary classifier. Learners are created by a factory, trained with
 * `fit`, and afterwards only predict and serialize themselves.
 */
export interface BinaryClassifier {
  /** The learner's type tag, e.g. "logistic-regression". */
  readonly type: string
  /** Learns from X (rows = examples) and labels y (0 or 1); optional per-row weights. */
  fit(X: Matrix, y: ArrayLike<number>, sampleWeight?: ArrayLike<number>): void
  /** P(y = 1) for each row of X. */
  predictProba(X: Matrix): Float64Array
  /** Importance of each column (larger = more important), for reports. */
  featureImportance(): Float64Array
  toJSON(): SerializedEstimator
}
