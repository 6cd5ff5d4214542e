/**
 * Probability calibration: maps a classifier's probabilities to probabilities that match
 * observed frequencies, fitted on held-out predictions. Both calibrators are monotone
 * non-decreasing, so they never reverse the ranking of customers.
 */
import { InvalidInputError, ModelFormatError } from "../errors"
import type { SerializedEstimator } from "./types"

export interface Calibrator {
  readonly type: string
  /** Learns the mapping from held-out probabilities and their 0/1 labels. */
  fit(probs: ArrayLike<number>, y: ArrayLike<number>): this
  /** Calibrated probabilities, one per input. */
  transform(probs: ArrayLike<number>): Float64Array
  toJSON(): SerializedEstimator
}

export const PLATT_TYPE = "platt-calibrator"
export const ISOTONIC_TYPE = "isotonic-calibrator"
export const CALIBRATOR_VERSION = 1

/** Probabilities are clipped to [ε, 1 - ε] before the logit so 0 and 1 stay finite. */
const LOGIT_EPSILON = 1e-15
const PLATT_MAX_ITERATIONS = 100
const PLATT_TOLERANCE = 1e-10
const PLATT_MAX_HALVINGS = 30
/** Added to the Hessian diagonal so a constant input still gives a solvable step. */
const PLATT_RIDGE = 1e-12

/**
 * Platt scaling: calibrated p = σ(a · logit(p) + b), with a and b minimising the
 * cross-entropy Σ_i [ln(1 + e^(η_i)) - t_i η_i], η_i = a · logit(p_i) + b, against Platt's
 * smoothed targets t_i = (N₊ + 1) / (N₊ + 2) for positives and 1 / (N₋ + 2) for negatives
 * (which keep a and b finite on separable data). Fitted by Newton's method with step halving.
 * a is constrained to a >= 0 to keep the map non-decreasing; when the unconstrained optimum
 * has a < 0 the constrained one is a = 0, b = logit(mean t).
 */
export class PlattCalibrator implements Calibrator {
  readonly type = PLATT_TYPE
  private fitted: { a: number; b: number } | null = null

  fit(probs: ArrayLike<number>, y: ArrayLike<number>): this {
    const n = checkCalibrationData(probs, y)
    const f = Float64Array.from({ length: n }, (_, i) => clippedLogit(probs[i]))
    let positives = 0
    for (let i = 0; i < n; i++) positives += y[i]
    const high = (positives + 1) / (positives + 2)
    const low = 1 / (n - positives + 2)
    const t = Float64Array.from({ length: n }, (_, i) => (y[i] === 1 ? high : low))
    const meanTarget = (positives * high + (n - positives) * low) / n
    let a = 0
    let b = Math.log(meanTarget / (1 - meanTarget))
    let loss = plattLoss(f, t, a, b)
    for (let iteration = 0; iteration < PLATT_MAX_ITERATIONS; iteration++) {
      let gA = 0
      let gB = 0
      let hAA = PLATT_RIDGE
      let hAB = 0
      let hBB = PLATT_RIDGE
      for (let i = 0; i < n; i++) {
        const p = sigmoid(a * f[i] + b)
        const r = p - t[i]
        const c = p * (1 - p)
        gA += r * f[i]
        gB += r
        hAA += c * f[i] * f[i]
        hAB += c * f[i]
        hBB += c
      }
      // 2 x 2 Newton step H⁻¹ g by Cramer's rule.
      const det = hAA * hBB - hAB * hAB
      const dA = (hBB * gA - hAB * gB) / det
      const dB = (hAA * gB - hAB * gA) / det
      let scale = 1
      let trialLoss = plattLoss(f, t, a - dA, b - dB)
      for (let halving = 0; halving < PLATT_MAX_HALVINGS && trialLoss > loss; halving++) {
        scale /= 2
        trialLoss = plattLoss(f, t, a - scale * dA, b - scale * dB)
      }
      // No descent even on a tiny step: the optimum is reached to machine precision.
      if (trialLoss > loss) break
      a -= scale * dA
      b -= scale * dB
      loss = trialLoss
      if (Math.max(Math.abs(scale * dA), Math.abs(scale * dB)) < PLATT_TOLERANCE) break
    }
    if (a < 0) {
      a = 0
      b = Math.log(meanTarget / (1 - meanTarget))
    }
    this.fitted = { a, b }
    return this
  }

  transform(probs: ArrayLike<number>): Float64Array {
    const { a, b } = this.parameters()
    checkProbabilities(probs)
    return Float64Array.from({ length: probs.length }, (_, i) => sigmoid(a * clippedLogit(probs[i]) + b))
  }

  /** The fitted (a, b) of σ(a · logit(p) + b). */
  parameters(): { a: number; b: number } {
    if (!this.fitted) throw new Error(`${PLATT_TYPE} is not fitted: call fit first`)
    return { ...this.fitted }
  }

  toJSON(): SerializedEstimator<Record<string, never>, { a: number; b: number }> {
    return { type: PLATT_TYPE, version: CALIBRATOR_VERSION, params: {}, state: this.parameters() }
  }

  static fromJSON(json: SerializedEstimator): PlattCalibrator {
    checkTag(json, PLATT_TYPE)
    const a = field(json.state, "a")
    const b = field(json.state, "b")
    if (typeof a !== "number" || !(a >= 0) || !Number.isFinite(a) || typeof b !== "number" || !Number.isFinite(b)) {
      throw new ModelFormatError(`${PLATT_TYPE}: state must hold finite a >= 0 and b`)
    }
    const calibrator = new PlattCalibrator()
    calibrator.fitted = { a, b }
    return calibrator
  }
}

/** A run of consecutive inputs [start, end) pooled to one value (their weighted mean). */
export interface PavBlock {
  start: number
  end: number
  value: number
  weight: number
}

/**
 * Pool-adjacent-violators: the non-decreasing sequence closest to `values` in weighted
 * least squares, minimise Σ w_i (z_i - v_i)² subject to z_1 <= … <= z_n. Each block's value
 * is the weighted mean of its inputs; adjacent blocks are merged while the later one is lower.
 */
export function poolAdjacentViolators(values: ArrayLike<number>, weights?: ArrayLike<number>): PavBlock[] {
  if (weights && weights.length !== values.length) {
    throw new InvalidInputError(`weights has ${weights.length} values, values has ${values.length}`, "weights")
  }
  const blocks: PavBlock[] = []
  for (let i = 0; i < values.length; i++) {
    const weight = weights ? weights[i] : 1
    if (!(weight > 0)) throw new InvalidInputError(`weights[${i}] must be > 0, got ${weight}`, "weights")
    let block: PavBlock = { start: i, end: i + 1, value: values[i], weight }
    while (blocks.length > 0) {
      const previous = blocks[blocks.length - 1]
      if (previous.value <= block.value) break
      blocks.pop()
      const total = previous.weight + block.weight
      block = {
        start: previous.start,
        end: block.end,
        value: (previous.value * previous.weight + block.value * block.weight) / total,
        weight: total,
      }
    }
    blocks.push(block)
  }
  return blocks
}

/**
 * Isotonic calibration: equal probabilities are merged (label mean), the label means are made
 * non-decreasing by pool-adjacent-violators, and each block becomes a knot at the midpoint of
 * its probability range. transform interpolates linearly between knots and holds the first
 * and last knot's value outside them.
 */
export class IsotonicCalibrator implements Calibrator {
  readonly type = ISOTONIC_TYPE
  private fitted: { x: Float64Array; y: Float64Array } | null = null

  fit(probs: ArrayLike<number>, y: ArrayLike<number>): this {
    const n = checkCalibrationData(probs, y)
    const order = Array.from({ length: n }, (_, i) => i).sort((i, j) => probs[i] - probs[j])
    const xs: number[] = []
    const sums: number[] = []
    const counts: number[] = []
    for (const i of order) {
      const last = xs.length - 1
      if (last >= 0 && xs[last] === probs[i]) {
        sums[last] += y[i]
        counts[last]++
      } else {
        xs.push(probs[i])
        sums.push(y[i])
        counts.push(1)
      }
    }
    const blocks = poolAdjacentViolators(
      sums.map((sum, k) => sum / counts[k]),
      counts
    )
    this.fitted = {
      x: Float64Array.from(blocks, (block) => (xs[block.start] + xs[block.end - 1]) / 2),
      y: Float64Array.from(blocks, (block) => block.value),
    }
    return this
  }

  transform(probs: ArrayLike<number>): Float64Array {
    const { x, y } = this.knots()
    checkProbabilities(probs)
    return Float64Array.from({ length: probs.length }, (_, i) => interpolate(x, y, probs[i]))
  }

  /** The knots (block midpoints and their values) the map interpolates between. */
  knots(): { x: Float64Array; y: Float64Array } {
    if (!this.fitted) throw new Error(`${ISOTONIC_TYPE} is not fitted: call fit first`)
    return { x: this.fitted.x.slice(), y: this.fitted.y.slice() }
  }

  toJSON(): SerializedEstimator<Record<string, never>, { x: number[]; y: number[] }> {
    const { x, y } = this.knots()
    return { type: ISOTONIC_TYPE, version: CALIBRATOR_VERSION, params: {}, state: { x: Array.from(x), y: Array.from(y) } }
  }

  static fromJSON(json: SerializedEstimator): IsotonicCalibrator {
    checkTag(json, ISOTONIC_TYPE)
    const x = field(json.state, "x")
    const y = field(json.state, "y")
    const valid =
      Array.isArray(x) &&
      Array.isArray(y) &&
      x.length > 0 &&
      x.length === y.length &&
      x.every((v, k) => typeof v === "number" && v >= 0 && v <= 1 && (k === 0 || v > x[k - 1])) &&
      y.every((v, k) => typeof v === "number" && v >= 0 && v <= 1 && (k === 0 || v >= y[k - 1]))
    if (!valid) {
      throw new ModelFormatError(`${ISOTONIC_TYPE}: state.x must increase and state.y not decrease, all within [0, 1]`)
    }
    const calibrator = new IsotonicCalibrator()
    calibrator.fitted = { x: Float64Array.from(x), y: Float64Array.from(y) }
    return calibrator
  }
}

/** Restores a calibrator from its toJSON() output, whichever kind it is. */
export function loadCalibrator(json: SerializedEstimator): Calibrator {
  switch (json.type) {
    case PLATT_TYPE:
      return PlattCalibrator.fromJSON(json)
    case ISOTONIC_TYPE:
      return IsotonicCalibrator.fromJSON(json)
    default:
      throw new ModelFormatError(`unknown calibrator type "${json.type}", expected "${PLATT_TYPE}" or "${ISOTONIC_TYPE}"`)
  }
}

/** Piecewise-linear through (xs, ys), constant beyond the first and last knot. */
function interpolate(xs: Float64Array, ys: Float64Array, p: number): number {
  const last = xs.length - 1
  if (p <= xs[0]) return ys[0]
  if (p >= xs[last]) return ys[last]
  // Largest k with xs[k] <= p; then xs[k] <= p < xs[k + 1].
  let lo = 0
  let hi = last
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1
    if (xs[mid] <= p) lo = mid
    else hi = mid
  }
  const share = (p - xs[lo]) / (xs[lo + 1] - xs[lo])
  return ys[lo] + share * (ys[lo + 1] - ys[lo])
}

/** Cross-entropy of σ(a f + b) against soft targets t: Σ ln(1 + e^η) - t η. */
function plattLoss(f: Float64Array, t: Float64Array, a: number, b: number): number {
  let loss = 0
  for (let i = 0; i < f.length; i++) {
    const eta = a * f[i] + b
    loss += Math.max(eta, 0) + Math.log1p(Math.exp(-Math.abs(eta))) - t[i] * eta
  }
  return loss
}

function sigmoid(eta: number): number {
  if (eta >= 0) return 1 / (1 + Math.exp(-eta))
  const e = Math.exp(eta)
  return e / (1 + e)
}

function clippedLogit(p: number): number {
  const q = Math.min(Math.max(p, LOGIT_EPSILON), 1 - LOGIT_EPSILON)
  return Math.log(q / (1 - q))
}

function checkProbabilities(probs: ArrayLike<number>): void {
  for (let i = 0; i < probs.length; i++) {
    if (!(probs[i] >= 0 && probs[i] <= 1)) throw new InvalidInputError(`probs[${i}] must be in [0, 1], got ${probs[i]}`, "probs")
  }
}

function checkCalibrationData(probs: ArrayLike<number>, y: ArrayLike<number>): number {
  if (probs.length === 0) throw new InvalidInputError("probs is empty", "probs")
  if (y.length !== probs.length) throw new InvalidInputError(`y has ${y.length} values, probs has ${probs.length}`, "y")
  checkProbabilities(probs)
  for (let i = 0; i < y.length; i++) {
    if (y[i] !== 0 && y[i] !== 1) throw new InvalidInputError(`y[${i}] must be 0 or 1, got ${y[i]}`, "y")
  }
  return probs.length
}

function checkTag(json: SerializedEstimator, type: string): void {
  if (json.type !== type) throw new ModelFormatError(`expected type "${type}", got "${json.type}"`)
  if (json.version !== CALIBRATOR_VERSION) {
    throw new ModelFormatError(`unsupported ${type} version ${json.version}, expected ${CALIBRATOR_VERSION}`)
  }
}

/** A property of a parsed JSON value, or undefined when it is not an object. */
function field(value: unknown, key: string): unknown {
  return typeof value === "object" && value !== null ? Reflect.get(value, key) : undefined
}
