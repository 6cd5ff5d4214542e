/**
 * L2-penalised logistic regression fitted by Newton's method (IRLS).
 *
 * With rows x_i, labels y_i in {0, 1}, row weights s_i, weights w and intercept b,
 * η_i = x_i · w + b and p_i = σ(η_i) = 1 / (1 + e^(-η_i)), the fit minimises the
 * penalised negative log-likelihood
 *   J(w, b) = Σ_i s_i [ln(1 + e^(η_i)) - y_i η_i] + (l2 / 2) ‖w‖²
 * (the intercept is not penalised). With β = (w, b) and x̃_i = (x_i, 1):
 *   gradient g = Σ_i s_i (p_i - y_i) x̃_i + l2 (w, 0)
 *   Hessian  H = Σ_i s_i p_i (1 - p_i) x̃_i x̃_iᵀ + l2 diag(1, …, 1, 0)
 * and each step is β ← β - t H⁻¹ g, with t = 1 halved until J does not increase.
 * l2 > 0 keeps H positive definite and the optimum finite even on separable data.
 */
import { InvalidInputError, ModelFormatError, NotEnoughDataError } from "../errors"
import { choleskySolve } from "../linalg/cholesky"
import type { Matrix } from "../linalg/matrix"
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

/** A rejected step is halved at most this many times (2^-30 ≈ 1e-9 of a Newton step). */
const MAX_STEP_HALVINGS = 30

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

/** Newton iterations with step halving, from w = 0 and b = logit(weighted base rate). */
function newtonFit(
  X: Matrix,
  y: ArrayLike<number>,
  rowWeights: Float64Array,
  { l2, maxIterations, tolerance }: LogisticRegressionOptions
): { beta: Float64Array } & LogisticRegressionFitInfo {
  const d = X.cols
  const m = d + 1
  let positive = 0
  let total = 0
  for (let i = 0; i < X.rows; i++) {
    positive += rowWeights[i] * y[i]
    total += rowWeights[i]
  }
  // With this start an intercept-only model is optimal before the first step.
  let beta: Float64Array = new Float64Array(m)
  beta[d] = Math.log(positive / (total - positive))
  const derivatives = { gradient: new Float64Array(m), hessian: new Float64Array(m * m) }
  for (let iteration = 1; iteration <= maxIterations; iteration++) {
    const objective = penalisedLoss(X, y, rowWeights, beta, l2, derivatives)
    const step = choleskySolve(derivatives.hessian, derivatives.gradient, m)
    const largest = maxAbs(step)
    if (largest < tolerance) return { beta: addScaled(beta, step, -1), iterations: iteration, converged: true }
    let scale = 1
    let trial = addScaled(beta, step, -scale)
    let trialLoss = penalisedLoss(X, y, rowWeights, trial, l2)
    for (let halving = 0; halving < MAX_STEP_HALVINGS && trialLoss > objective; halving++) {
      scale /= 2
      trial = addScaled(beta, step, -scale)
      trialLoss = penalisedLoss(X, y, rowWeights, trial, l2)
    }
    // No descent even on a tiny step: stop here, reported as not converged.
    if (trialLoss > objective) return { beta, iterations: iteration, converged: false }
    beta = trial
    if (largest * scale < tolerance) return { beta, iterations: iteration, converged: true }
  }
  return { beta, iterations: maxIterations, converged: false }
}

/**
 * J(beta) in one pass over the rows. With `derivatives`, also fills the gradient and the
 * upper triangle of the Hessian (row-major, (d + 1) x (d + 1), intercept last) at beta.
 */
function penalisedLoss(
  X: Matrix,
  y: ArrayLike<number>,
  rowWeights: Float64Array,
  beta: Float64Array,
  l2: number,
  derivatives?: { gradient: Float64Array; hessian: Float64Array }
): number {
  const d = X.cols
  const m = d + 1
  const data = X.data
  let loss = 0
  for (let j = 0; j < d; j++) loss += 0.5 * l2 * beta[j] * beta[j]
  derivatives?.gradient.fill(0)
  derivatives?.hessian.fill(0)
  for (let i = 0; i < X.rows; i++) {
    const s = rowWeights[i]
    if (s === 0) continue
    const offset = i * d
    const eta = linearPredictor(data, offset, beta, d, beta[d])
    // e = e^(-|η|) gives ln(1 + e^η), σ(η) and σ(η)(1 - σ(η)) = e / (1 + e)² without overflow.
    const e = Math.exp(-Math.abs(eta))
    loss += s * (Math.max(eta, 0) + Math.log1p(e) - y[i] * eta)
    if (!derivatives) continue
    const { gradient, hessian } = derivatives
    const q = 1 / (1 + e)
    const residual = s * ((eta >= 0 ? q : e * q) - y[i])
    const curvature = s * e * q * q
    for (let j = 0; j < d; j++) {
      const xj = data[offset + j]
      gradient[j] += residual * xj
      const cx = curvature * xj
      // Row j of the upper triangle: hessian[j * m + k] for k = j..d-1, then the intercept column.
      const shift = j * m - offset
      for (let k = offset + j; k < offset + d; k++) hessian[shift + k] += cx * data[k]
      hessian[j * m + d] += cx
    }
    gradient[d] += residual
    hessian[d * m + d] += curvature
  }
  if (!derivatives) return loss
  const { gradient, hessian } = derivatives
  for (let j = 0; j < d; j++) {
    gradient[j] += l2 * beta[j]
    hessian[j * m + j] += l2
  }
  return loss
}

/** x_i · w + b for the row of d values starting at `offset` (w may hold more than d values). */
function linearPredictor(data: Float64Array, offset: number, w: Float64Array, d: number, bias: number): number {
  let eta = bias
  for (let j = 0; j < d; j++) eta += data[offset + j] * w[j]
  return eta
}

function sigmoid(eta: number): number {
  if (eta >= 0) return 1 / (1 + Math.exp(-eta))
  const e = Math.exp(eta)
  return e / (1 + e)
}

function addScaled(base: Float64Array, direction: Float64Array, scale: number): Float64Array {
  return base.map((v, j) => v + scale * direction[j])
}

function maxAbs(values: Float64Array): number {
  let largest = 0
  for (let j = 0; j < values.length; j++) largest = Math.max(largest, Math.abs(values[j]))
  return largest
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
