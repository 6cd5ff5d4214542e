/**
 * Per-column standardisation z = (f(x) - mean) / std, learned on training rows only.
 * f is the identity, or for columns listed in log1pColumns the signed log
 * f(x) = sign(x) · ln(1 + |x|), which tames heavy tails (order values, counts) and still
 * accepts negative values (refunds). std is the population standard deviation; a
 * constant column gets std 1 so it maps to 0 instead of dividing by zero.
 */
import { InvalidInputError, ModelFormatError } from "../errors"
import { createMatrix, type Matrix } from "../linalg/matrix"
import type { SerializedEstimator } from "./types"

export const STANDARD_SCALER_TYPE = "standard-scaler"
export const STANDARD_SCALER_VERSION = 1

export interface StandardScalerOptions {
  /**
   * Indices of the columns to pass through sign(x) · ln(1 + |x|) before centring.
   * @defaultValue [] (no column)
   */
  log1pColumns: readonly number[]
}

export const STANDARD_SCALER_DEFAULTS: StandardScalerOptions = {
  // Plain standardisation unless the caller names heavy-tailed columns.
  log1pColumns: [],
}

interface StandardScalerState {
  means: number[]
  stds: number[]
}

/** sign(x) · ln(1 + |x|): monotone, odd, and equal to ln(1 + x) for x >= 0. */
export function signedLog1p(x: number): number {
  return x < 0 ? -Math.log1p(-x) : Math.log1p(x)
}

export class StandardScaler {
  readonly type = STANDARD_SCALER_TYPE
  readonly options: StandardScalerOptions
  private readonly logColumns: ReadonlySet<number>
  private means: Float64Array | null = null
  private stds: Float64Array | null = null

  constructor(options: Partial<StandardScalerOptions> = {}) {
    const log1pColumns = [...(options.log1pColumns ?? STANDARD_SCALER_DEFAULTS.log1pColumns)]
    for (const column of log1pColumns) {
      if (!Number.isInteger(column) || column < 0) {
        throw new InvalidInputError(`log1pColumns must hold integers >= 0, got ${column}`, "log1pColumns")
      }
    }
    const logColumns = new Set(log1pColumns)
    if (logColumns.size !== log1pColumns.length) {
      throw new InvalidInputError(`log1pColumns has duplicates: ${log1pColumns.join(", ")}`, "log1pColumns")
    }
    this.options = { log1pColumns }
    this.logColumns = logColumns
  }

  /** Learns mean and std of each column over `rowIndices` (default: all rows of X). */
  fit(X: Matrix, rowIndices?: ArrayLike<number>): this {
    const cols = X.cols
    for (const column of this.logColumns) {
      if (column >= cols) {
        throw new InvalidInputError(`log1pColumns has column ${column}, X has ${cols} columns`, "log1pColumns")
      }
    }
    const logged = this.logFlags(cols)
    const count = rowIndices ? rowIndices.length : X.rows
    if (count === 0) throw new InvalidInputError("cannot fit a scaler on zero rows", "X")
    const rowAt = (k: number): number => (rowIndices ? rowIndices[k] : k)
    const means = new Float64Array(cols)
    const squares = new Float64Array(cols)
    for (let k = 0; k < count; k++) {
      const i = rowAt(k)
      if (!Number.isInteger(i) || i < 0 || i >= X.rows) {
        throw new InvalidInputError(`row index ${i} is outside 0..${X.rows - 1}`, "rowIndices")
      }
      for (let j = 0; j < cols; j++) {
        const value = prepare(X.data[i * cols + j], logged[j])
        if (!Number.isFinite(value)) throw new InvalidInputError(`X has a non-finite value at row ${i}, column ${j}`, "X")
        means[j] += value
      }
    }
    for (let j = 0; j < cols; j++) means[j] /= count
    // Second pass around the mean: numerically safer than E[x²] - E[x]².
    for (let k = 0; k < count; k++) {
      const offset = rowAt(k) * cols
      for (let j = 0; j < cols; j++) {
        const d = prepare(X.data[offset + j], logged[j]) - means[j]
        squares[j] += d * d
      }
    }
    const stds = new Float64Array(cols)
    for (let j = 0; j < cols; j++) {
      const std = Math.sqrt(squares[j] / count)
      stds[j] = std > 0 ? std : 1
    }
    this.means = means
    this.stds = stds
    return this
  }

  /** A new matrix of standardised values; X is not modified. */
  transform(X: Matrix): Matrix {
    const { means, stds } = this.fitted()
    const cols = means.length
    if (X.cols !== cols) throw new InvalidInputError(`X has ${X.cols} columns, the scaler was fitted on ${cols}`, "X")
    const logged = this.logFlags(cols)
    const out = createMatrix(X.rows, cols)
    for (let i = 0; i < X.rows; i++) {
      const offset = i * cols
      for (let j = 0; j < cols; j++) {
        out.data[offset + j] = (prepare(X.data[offset + j], logged[j]) - means[j]) / stds[j]
      }
    }
    return out
  }

  /** Learned per-column means (after the optional signed log). */
  columnMeans(): Float64Array {
    return this.fitted().means.slice()
  }

  /** Learned per-column standard deviations (1 for constant columns). */
  columnStds(): Float64Array {
    return this.fitted().stds.slice()
  }

  toJSON(): SerializedEstimator<StandardScalerOptions, StandardScalerState> {
    const { means, stds } = this.fitted()
    return {
      type: STANDARD_SCALER_TYPE,
      version: STANDARD_SCALER_VERSION,
      params: { log1pColumns: [...this.options.log1pColumns] },
      state: { means: Array.from(means), stds: Array.from(stds) },
    }
  }

  static fromJSON(json: SerializedEstimator): StandardScaler {
    if (json.type !== STANDARD_SCALER_TYPE) {
      throw new ModelFormatError(`expected type "${STANDARD_SCALER_TYPE}", got "${json.type}"`)
    }
    if (json.version !== STANDARD_SCALER_VERSION) {
      throw new ModelFormatError(`unsupported ${STANDARD_SCALER_TYPE} version ${json.version}, expected ${STANDARD_SCALER_VERSION}`)
    }
    const means = finiteNumbers(field(json.state, "means"), "state.means")
    const stds = finiteNumbers(field(json.state, "stds"), "state.stds")
    const log1pColumns = finiteNumbers(field(json.params, "log1pColumns"), "params.log1pColumns")
    if (stds.length !== means.length || stds.some((s) => !(s > 0))) {
      throw new ModelFormatError(`${STANDARD_SCALER_TYPE}: state.stds must be ${means.length} positive numbers`)
    }
    if (log1pColumns.some((c) => !Number.isInteger(c) || c < 0 || c >= means.length)) {
      throw new ModelFormatError(`${STANDARD_SCALER_TYPE}: params.log1pColumns must be column indices below ${means.length}`)
    }
    const scaler = new StandardScaler({ log1pColumns })
    scaler.means = Float64Array.from(means)
    scaler.stds = Float64Array.from(stds)
    return scaler
  }

  /** One flag per column: 1 when the column goes through the signed log. */
  private logFlags(cols: number): Uint8Array {
    const flags = new Uint8Array(cols)
    for (const column of this.logColumns) flags[column] = 1
    return flags
  }

  private fitted(): { means: Float64Array; stds: Float64Array } {
    if (!this.means || !this.stds) throw new Error(`${STANDARD_SCALER_TYPE} is not fitted: call fit first`)
    return { means: this.means, stds: this.stds }
  }
}

function prepare(value: number, logged: number): number {
  return logged === 1 ? signedLog1p(value) : value
}

/** A property of a parsed JSON value, or undefined when it is not an object. */
function field(value: unknown, key: string): unknown {
  return typeof value === "object" && value !== null ? Reflect.get(value, key) : undefined
}

function finiteNumbers(value: unknown, name: string): number[] {
  if (!Array.isArray(value) || value.some((v) => typeof v !== "number" || !Number.isFinite(v))) {
    throw new ModelFormatError(`${STANDARD_SCALER_TYPE}: ${name} must be an array of finite numbers`)
  }
  return value
}
