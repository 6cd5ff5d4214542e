/**
 * Newton's method (IRLS) for L2-penalised logistic regression, with step halving.
 *
 * With rows x_i, labels y_i in {0, 1}, row weights s_i, β = (w, b), x̃_i = (x_i, 1),
 * η_i = x̃_i · β and p_i = σ(η_i), the objective is
 *   J(β) = Σ_i s_i [ln(1 + e^(η_i)) - y_i η_i] + (l2 / 2) ‖w‖²
 *   gradient g = Σ_i s_i (p_i - y_i) x̃_i + l2 (w, 0)
 *   Hessian  H = Σ_i s_i p_i (1 - p_i) x̃_i x̃_iᵀ + l2 diag(1, …, 1, 0)
 * and each step is β ← β - t H⁻¹ g, with t = 1 halved until J does not increase.
 */
import { choleskySolve } from "../linalg/cholesky"
import type { Matrix } from "../linalg/matrix"

/** The options Newton's method reads. */
export interface NewtonOptions {
  l2: number
  maxIterations: number
  tolerance: number
}

/** The fitted β = (w, b), intercept last, and how the iterations ended. */
export interface NewtonResult {
  beta: Float64Array
  iterations: number
  converged: boolean
}

/** A rejected step is halved at most this many times (2^-30 ≈ 1e-9 of a Newton step). */
const MAX_STEP_HALVINGS = 30

/** Newton iterations with step halving, from w = 0 and b = logit(weighted base rate). */
export function newtonFit(
  X: Matrix,
  y: ArrayLike<number>,
  rowWeights: Float64Array,
  { l2, maxIterations, tolerance }: NewtonOptions
): NewtonResult {
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
export function linearPredictor(data: Float64Array, offset: number, w: Float64Array, d: number, bias: number): number {
  let eta = bias
  for (let j = 0; j < d; j++) eta += data[offset + j] * w[j]
  return eta
}

function addScaled(base: Float64Array, direction: Float64Array, scale: number): Float64Array {
  return base.map((v, j) => v + scale * direction[j])
}

function maxAbs(values: Float64Array): number {
  let largest = 0
  for (let j = 0; j < values.length; j++) largest = Math.max(largest, Math.abs(values[j]))
  return largest
}
