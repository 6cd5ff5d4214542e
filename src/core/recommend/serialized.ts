/** Reading the recommenders' serialized form back, with a ModelFormatError for anything malformed. */
import { InvalidInputError, ModelFormatError } from "../errors"
import type { SerializedEstimator } from "../learners/types"

export function checkHeader(json: SerializedEstimator, type: string, version: number): void {
  if (json.type !== type) throw new ModelFormatError(`expected type "${type}", got "${json.type}"`)
  if (json.version !== version) {
    throw new ModelFormatError(`unsupported ${type} version ${json.version}, expected ${version}`)
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value)
}

export function field(owner: unknown, name: string, type: string): unknown {
  if (!isRecord(owner) || !(name in owner)) throw new ModelFormatError(`${type}: missing ${name}`)
  return owner[name]
}

export function finiteNumber(value: unknown, name: string, type: string): number {
  if (typeof value !== "number" || !Number.isFinite(value)) {
    throw new ModelFormatError(`${type}: ${name} must be a finite number`)
  }
  return value
}

export function numberArray(value: unknown, name: string, type: string): number[] {
  if (!Array.isArray(value)) throw new ModelFormatError(`${type}: ${name} must be an array of numbers`)
  return value.map((item, at) => finiteNumber(item, `${name}[${at}]`, type))
}

export function stringArray(value: unknown, name: string, type: string): string[] {
  if (!Array.isArray(value) || !value.every((item) => typeof item === "string")) {
    throw new ModelFormatError(`${type}: ${name} must be an array of strings`)
  }
  return value
}

/** Integers in [0, bound), e.g. product numbers. */
export function indexArray(value: unknown, name: string, type: string, bound: number): Int32Array {
  const numbers = numberArray(value, name, type)
  numbers.forEach((item, at) => {
    if (!Number.isInteger(item) || item < 0 || item >= bound) {
      throw new ModelFormatError(`${type}: ${name}[${at}] must be an integer in [0, ${bound}), got ${item}`)
    }
  })
  return Int32Array.from(numbers)
}

/** Creates an object from stored params; options the constructor rejects make a ModelFormatError. */
export function fromStoredParams<T>(type: string, create: () => T): T {
  try {
    return create()
  } catch (error) {
    if (error instanceof InvalidInputError) throw new ModelFormatError(`${type}: stored params: ${error.message}`)
    throw error
  }
}

/** A stored half-life: a finite number or null. */
export function halfLifeValue(value: unknown, name: string, type: string): number | null {
  return value === null ? null : finiteNumber(value, name, type)
}

export function stringValue(value: unknown, name: string, type: string): string {
  if (typeof value !== "string") throw new ModelFormatError(`${type}: ${name} must be a string`)
  return value
}

/** Stored scored products as two columns of the same length. */
export function scoredColumns(
  value: unknown,
  name: string,
  type: string,
): Array<{ productId: string; score: number }> {
  const productIds = stringArray(field(value, "productIds", type), `${name}.productIds`, type)
  const scores = numberArray(field(value, "scores", type), `${name}.scores`, type)
  if (scores.length !== productIds.length) {
    throw new ModelFormatError(`${type}: ${name} has ${productIds.length} products but ${scores.length} scores`)
  }
  return productIds.map((productId, at) => ({ productId, score: scores[at] }))
}

/** One of `allowed`, else a ModelFormatError. */
export function oneOf<T extends string>(value: unknown, allowed: readonly T[], name: string, type: string): T {
  const found = allowed.find((candidate) => candidate === value)
  if (found === undefined) throw new ModelFormatError(`${type}: ${name} must be one of ${allowed.join(", ")}`)
  return found
}

/** A nested serialized model. */
export function nestedModel(value: unknown, name: string, type: string): SerializedEstimator {
  return {
    type: stringValue(field(value, "type", type), `${name}.type`, type),
    version: finiteNumber(field(value, "version", type), `${name}.version`, type),
    params: field(value, "params", type),
    state: field(value, "state", type),
  }
}
