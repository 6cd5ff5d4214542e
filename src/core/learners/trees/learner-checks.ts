/**
 * Checks shared by the learners: option bounds (checked once, in the constructor),
 * the training set handed to `fit`, the matrix handed to `predictProba` and the
 * envelope of a serialized model.
 */
import { z } from "zod"
import { InvalidInputError, ModelFormatError, NotEnoughDataError } from "../../errors"
import type { Matrix } from "../../linalg/matrix"
import type { SerializedEstimator } from "../types"

/** Allowed range of a numeric option; an omitted side is unbounded. */
export interface OptionBound {
  integer?: boolean
  min?: number
  /** When true the value must be strictly greater than `min`. */
  minExclusive?: boolean
  max?: number
  /** When true the value must be strictly less than `max`. */
  maxExclusive?: boolean
}

function describeBound(bound: OptionBound): string {
  const parts: string[] = []
  if (bound.min !== undefined) parts.push(`${bound.minExclusive ? ">" : ">="} ${bound.min}`)
  if (bound.max !== undefined) parts.push(`${bound.maxExclusive ? "<" : "<="} ${bound.max}`)
  return `${bound.integer ? "an integer " : "a number "}${parts.join(" and ")}`.trim()
}

function isWithin(value: number, bound: OptionBound): boolean {
  if (!Number.isFinite(value)) return false
  if (bound.integer && !Number.isInteger(value)) return false
  if (bound.min !== undefined && (bound.minExclusive ? value <= bound.min : value < bound.min)) return false
  if (bound.max !== undefined && (bound.maxExclusive ? value >= bound.max : value > bound.max)) return false
  return true
}

/** Throws InvalidInputError naming the option, its value and its bound when `value` is outside `bound`. */
export function checkNumberOption(learner: string, name: string, value: number, bound: OptionBound): void {
  if (!isWithin(value, bound)) {
    throw new InvalidInputError(`${learner}: option ${name} is ${value}, it must be ${describeBound(bound)}`, name)
  }
}

/**
 * Checks X, y and the optional weights of a training set and returns the weights
 * (all 1 when none are given). y must hold both classes 0 and 1.
 */
export function checkTrainingSet(
  learner: string,
  X: Matrix,
  y: ArrayLike<number>,
  sampleWeight?: ArrayLike<number>
): Float64Array {
  if (X.rows === 0 || X.cols === 0) {
    throw new NotEnoughDataError([`${learner}: at least one row and one column to train on (got ${X.rows} x ${X.cols})`])
  }
  if (y.length !== X.rows) {
    throw new InvalidInputError(`${learner}: y has ${y.length} labels for ${X.rows} rows`, "y")
  }
  checkFinite(learner, X)
  let positives = 0
  for (let i = 0; i < y.length; i++) {
    if (y[i] !== 0 && y[i] !== 1) throw new InvalidInputError(`${learner}: y[${i}] is ${y[i]}, labels must be 0 or 1`, "y")
    positives += y[i]
  }
  if (positives === 0 || positives === y.length) {
    throw new NotEnoughDataError([`${learner}: rows of both classes 0 and 1 (all ${y.length} labels are ${y[0]})`])
  }
  const weights = new Float64Array(X.rows).fill(1)
  if (sampleWeight === undefined) return weights
  if (sampleWeight.length !== X.rows) {
    const count = sampleWeight.length
    throw new InvalidInputError(`${learner}: sampleWeight has ${count} values for ${X.rows} rows`, "sampleWeight")
  }
  let total = 0
  for (let i = 0; i < weights.length; i++) {
    const w = sampleWeight[i]
    if (!Number.isFinite(w) || w < 0) {
      throw new InvalidInputError(`${learner}: sampleWeight[${i}] is ${w}, weights must be finite and >= 0`, "sampleWeight")
    }
    weights[i] = w
    total += w
  }
  if (total <= 0) throw new InvalidInputError(`${learner}: sampleWeight sums to 0`, "sampleWeight")
  return weights
}

/** Checks a matrix to predict on: as many columns as the model was trained on, finite values. */
export function checkPredictionInput(learner: string, X: Matrix, featureCount: number): void {
  if (X.cols !== featureCount) {
    throw new InvalidInputError(`${learner}: X has ${X.cols} columns, the model was trained on ${featureCount}`, "X")
  }
  checkFinite(learner, X)
}

function checkFinite(learner: string, X: Matrix): void {
  for (let k = 0; k < X.data.length; k++) {
    if (!Number.isFinite(X.data[k])) {
      const i = Math.floor(k / X.cols)
      throw new InvalidInputError(`${learner}: X[${i}][${k - i * X.cols}] is ${X.data[k]}, values must be finite`, "X")
    }
  }
}

/** Checks the type tag and version of a serialized model; returns it typed as an envelope. */
export function checkEnvelope(json: unknown, type: string, version: number): SerializedEstimator<unknown, unknown> {
  if (typeof json !== "object" || json === null) throw new ModelFormatError(`${type}: a serialized model must be an object`)
  const envelope: Partial<Record<keyof SerializedEstimator, unknown>> = json
  if (envelope.type !== type) {
    throw new ModelFormatError(`expected a model of type "${type}", got "${String(envelope.type)}"`)
  }
  if (envelope.version !== version) {
    const found = String(envelope.version)
    throw new ModelFormatError(`${type}: model format version ${found} is not supported (expected ${version})`)
  }
  return { type, version, params: envelope.params, state: envelope.state }
}

/** Parses one part (params or state) of a serialized model, throwing ModelFormatError on any mismatch. */
export function parseModelPart<T>(type: string, part: string, schema: z.ZodType<T>, value: unknown): T {
  const result = schema.safeParse(value)
  if (!result.success) {
    const issues = result.error.issues.slice(0, 3).map((issue) => `${issue.path.join(".") || "(root)"}: ${issue.message}`)
    throw new ModelFormatError(`${type}: invalid ${part}: ${issues.join("; ")}`)
  }
  return result.data
}

/**
 * Builds a learner from loaded params; a param its constructor rejects
 * (InvalidInputError) is reported as a damaged model (ModelFormatError).
 */
export function learnerFromParams<T>(type: string, build: () => T): T {
  try {
    return build()
  } catch (error) {
    if (error instanceof InvalidInputError) throw new ModelFormatError(`${type}: invalid params: ${error.message}`)
    throw error
  }
}
