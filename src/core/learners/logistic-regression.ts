/**
 * L2-penalised logistic regression fitted by Newton's method (IRLS).
 *
 * With rows x_i, labels y_i in {0, 1}, row weights s_i, weights w and intercept b,
 * η_i = x_i · w + b and p_i = σ(η_i) = 1 / (1 + e^(-η_i)), the fit minimises the
 * penalised negative log-likelihood
 *   J(w, b) = Σ_i s_i [ln(1 + e^(η_i)) - y_i η_i] + (l2 / 2) ‖w‖²
 * (the intercept is not penalised), by Newton steps with step halving; the gradient,
 * Hessian and step are written out in logistic-newton.ts.
 * l2 > 0 keeps the Hessian positive definite and the optimum finite even on separable data.
 */
import { InvalidInputError, ModelFormatError, NotEnoughDataError } from "../errors"
import type { Matrix } from "../linalg/matrix"
import { linearPredictor, newtonFit } from "./logistic-newton"
import type { BinaryClassifier, SerializedEstimator } from "./types"

export const LOGISTIC_REGRESSION_TYPE = "logistic-regression"
export const LOGISTIC_REGRESSION_VERSION = 1

export interface LogisticRegressionOptions {
  /**
   * Strength of the L2 penalty (l2 / 2) ‖w‖² on the weights, not the intercept; the same
   * as scikit-learn's C = 1 / l2. Must be > 0.
   * @defaultValue 1
   */
  l2: number
  /**
   * "balanced" scales row weights so that each class carries half of the total weight
   * (class counts are weighted by sampleWeight); "none" uses rows as given.
   * @defaultValue "none"
   */
  classWeight: "none" | "balanced"
  /** Maximum number of Newton steps. @defaultValue 100 */
  maxIterations: number
  /** The fit has converged when no parameter moves by more than this in one step. @defaultValue 1e-8 */
  tolerance: number
}

export const LOGISTIC_REGRESSION_DEFAULTS: LogisticRegressionOptions = {
  // scikit-learn's default C = 1: keeps separable data finite without flattening real effects.
  l2: 1,
  // Rows count as given.
  classWeight: "none",
  // Newton needs well under 30 steps on standardised features; this is a safety net.
  maxIterations: 100,
  // Far below any difference that changes a probability in a report.
  tolerance: 1e-8,
}

/** How the last fit ended. */
export interface LogisticRegressionFitInfo {
  iterations: number
  converged: boolean
}

interface LogisticRegressionState extends LogisticRegressionFitInfo {
  coefficients: number[]
  intercept: number
}


export class LogisticRegression implements BinaryClassifier {
  readonly type = LOGISTIC_REGRESSION_TYPE
  readonly options: LogisticRegressionOptions
  private weights: Float64Array | null = null
  private bias = 0
  private info: LogisticRegressionFitInfo = { iterations: 0, converged: false }

  constructor(options: Partial<LogisticRegressionOptions> = {}) {
    this.options = validateOptions({ ...LOGISTIC_REGRESSION_DEFAULTS, ...options })
  }

  fit(X: Matrix, y: ArrayLike<number>, sampleWeight?: ArrayLike<number>): void {
    const rowWeights = checkTrainingData(X, y, sampleWeight, this.options.classWeight)
    const { beta, iterations, converged } = newtonFit(X, y, rowWeights, this.options)
    this.weights = beta.slice(0, X.cols)
    this.bias = beta[X.cols]
    this.info = { iterations, converged }
  }

  predictProba(X: Matrix): Float64Array {
    const w = this.fitted()
    if (X.cols !== w.length) throw new InvalidInputError(`X has ${X.cols} columns, the model was fitted on ${w.length}`, "X")
    const out = new Float64Array(X.rows)
    for (let i = 0; i < X.rows; i++) out[i] = sigmoid(linearPredictor(X.data, i * X.cols, w, w.length, this.bias))
    return out
  }

  /** |w_j|: comparable across columns when the columns are standardised. */
  featureImportance(): Float64Array {
    return this.fitted().map(Math.abs)
  }

  /** Per-feature terms w_j · x_j of the logit; they sum to logit(p) - intercept. */
  contributions(xRow: ArrayLike<number>): Float64Array {
    const w = this.fitted()
    if (xRow.length !== w.length) {
      throw new InvalidInputError(`xRow has ${xRow.length} values, the model was fitted on ${w.length}`, "xRow")
    }
    return w.map((wj, j) => wj * xRow[j])
  }

  coefficients(): Float64Array {
    return this.fitted().slice()
  }

  intercept(): number {
    this.fitted()
    return this.bias
  }

  /** Newton steps taken by the last fit and whether they met the tolerance. */
  fitInfo(): LogisticRegressionFitInfo {
    return { ...this.info }
  }

  toJSON(): SerializedEstimator<LogisticRegressionOptions, LogisticRegressionState> {
    return {
      type: LOGISTIC_REGRESSION_TYPE,
      version: LOGISTIC_REGRESSION_VERSION,
      params: { ...this.options },
      state: { coefficients: Array.from(this.fitted()), intercept: this.bias, ...this.info },
    }
  }

  static fromJSON(json: SerializedEstimator): LogisticRegression {
    if (json.type !== LOGISTIC_REGRESSION_TYPE) {
      throw new ModelFormatError(`expected type "${LOGISTIC_REGRESSION_TYPE}", got "${json.type}"`)
    }
    if (json.version !== LOGISTIC_REGRESSION_VERSION) {
      throw new ModelFormatError(
        `unsupported ${LOGISTIC_REGRESSION_TYPE} version ${json.version}, expected ${LOGISTIC_REGRESSION_VERSION}`
      )
    }
    const classWeight = field(json.params, "classWeight")
    if (classWeight !== "none" && classWeight !== "balanced") {
      throw new ModelFormatError(`${LOGISTIC_REGRESSION_TYPE}: params.classWeight must be "none" or "balanced"`)
    }
    const model = new LogisticRegression({
      l2: finiteNumber(field(json.params, "l2"), "params.l2"),
      classWeight,
      maxIterations: finiteNumber(field(json.params, "maxIterations"), "params.maxIterations"),
      tolerance: finiteNumber(field(json.params, "tolerance"), "params.tolerance"),
    })
    const coefficients = field(json.state, "coefficients")
    if (!Array.isArray(coefficients)) {
      throw new ModelFormatError(`${LOGISTIC_REGRESSION_TYPE}: state.coefficients must be an array`)
    }
    model.weights = Float64Array.from(coefficients, (c, j) => finiteNumber(c, `state.coefficients[${j}]`))
    model.bias = finiteNumber(field(json.state, "intercept"), "state.intercept")
    model.info = {
      iterations: finiteNumber(field(json.state, "iterations"), "state.iterations"),
      converged: field(json.state, "converged") === true,
    }
    return model
  }

  private fitted(): Float64Array {
    if (!this.weights) throw new Error(`${LOGISTIC_REGRESSION_TYPE} is not fitted: call fit first`)
    return this.weights
  }
}

function validateOptions(options: LogisticRegressionOptions): LogisticRegressionOptions {
  const { l2, classWeight, maxIterations, tolerance } = options
  if (!(Number.isFinite(l2) && l2 > 0)) {
    throw new InvalidInputError(`l2 must be > 0, got ${l2} (the penalty keeps separable data finite)`, "l2")
  }
  if (classWeight !== "none" && classWeight !== "balanced") {
    throw new InvalidInputError(`classWeight must be "none" or "balanced", got "${classWeight}"`, "classWeight")
  }
  if (!Number.isInteger(maxIterations) || maxIterations < 1) {
    throw new InvalidInputError(`maxIterations must be an integer >= 1, got ${maxIterations}`, "maxIterations")
  }
  if (!(Number.isFinite(tolerance) && tolerance > 0)) {
    throw new InvalidInputError(`tolerance must be > 0, got ${tolerance}`, "tolerance")
  }
  return { l2, classWeight, maxIterations, tolerance }
}

/** Validates the training data and returns the row weights s_i (sample weight × class weight). */
function checkTrainingData(
  X: Matrix,
  y: ArrayLike<number>,
  sampleWeight: ArrayLike<number> | undefined,
  classWeight: LogisticRegressionOptions["classWeight"]
): Float64Array {
  if (X.rows === 0) throw new NotEnoughDataError(["training rows"])
  if (y.length !== X.rows) throw new InvalidInputError(`y has ${y.length} values, X has ${X.rows} rows`, "y")
  if (sampleWeight && sampleWeight.length !== X.rows) {
    throw new InvalidInputError(`sampleWeight has ${sampleWeight.length} values, X has ${X.rows} rows`, "sampleWeight")
  }
  for (let k = 0; k < X.data.length; k++) {
    if (!Number.isFinite(X.data[k])) {
      throw new InvalidInputError(`X has a non-finite value at row ${Math.floor(k / X.cols)}, column ${k % X.cols}`, "X")
    }
  }
  const weights = new Float64Array(X.rows)
  const classTotals = [0, 0]
  for (let i = 0; i < X.rows; i++) {
    if (y[i] !== 0 && y[i] !== 1) throw new InvalidInputError(`y[${i}] must be 0 or 1, got ${y[i]}`, "y")
    const s = sampleWeight ? sampleWeight[i] : 1
    if (!(Number.isFinite(s) && s >= 0)) throw new InvalidInputError(`sampleWeight[${i}] must be >= 0, got ${s}`, "sampleWeight")
    weights[i] = s
    classTotals[y[i]] += s
  }
  const missing: string[] = []
  if (classTotals[1] === 0) missing.push("rows labelled 1 (with positive weight)")
  if (classTotals[0] === 0) missing.push("rows labelled 0 (with positive weight)")
  if (missing.length > 0) throw new NotEnoughDataError(missing)
  if (classWeight === "balanced") {
    const total = classTotals[0] + classTotals[1]
    const factors = [total / (2 * classTotals[0]), total / (2 * classTotals[1])]
    for (let i = 0; i < X.rows; i++) weights[i] *= factors[y[i]]
  }
  return weights
}

function sigmoid(eta: number): number {
  if (eta >= 0) return 1 / (1 + Math.exp(-eta))
  const e = Math.exp(eta)
  return e / (1 + e)
}

/** A property of a parsed JSON value, or undefined when it is not an object. */
function field(value: unknown, key: string): unknown {
  return typeof value === "object" && value !== null ? Reflect.get(value, key) : undefined
}

function finiteNumber(value: unknown, name: string): number {
  if (typeof value !== "number" || !Number.isFinite(value)) {
    throw new ModelFormatError(`${LOGISTIC_REGRESSION_TYPE}: ${name} must be a finite number`)
  }
  return value
}
