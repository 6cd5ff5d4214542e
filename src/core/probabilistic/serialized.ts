import { ModelFormatError } from "../errors"

type FieldRecord = Record<string, unknown>

function isRecord(value: unknown): value is FieldRecord {
  return typeof value === "object" && value !== null && !Array.isArray(value)
}

/** Checks the envelope { type, version, params, state } of a serialized model. */
export function readEnvelope(
  json: unknown,
  type: string,
  version: number
): { params: FieldRecord; state: FieldRecord } {
  if (!isRecord(json)) throw new ModelFormatError(`expected a serialized "${type}" model object`)
  if (json.type !== type) throw new ModelFormatError(`expected type "${type}", got ${JSON.stringify(json.type)}`)
  if (json.version !== version) {
    throw new ModelFormatError(`"${type}" model version ${JSON.stringify(json.version)} is not supported (expected ${version})`)
  }
  if (!isRecord(json.params) || !isRecord(json.state)) {
    throw new ModelFormatError(`"${type}" model needs "params" and "state" objects`)
  }
  return { params: json.params, state: json.state }
}

/** A finite number field, or ModelFormatError naming it. */
export function readNumber(record: FieldRecord, key: string, type: string): number {
  const value = record[key]
  if (typeof value !== "number" || !Number.isFinite(value)) {
    throw new ModelFormatError(`"${type}" model field "${key}" must be a finite number, got ${JSON.stringify(value)}`)
  }
  return value
}

/** A finite number field that must also be > 0. */
export function readPositive(record: FieldRecord, key: string, type: string): number {
  const value = readNumber(record, key, type)
  if (value <= 0) throw new ModelFormatError(`"${type}" model field "${key}" must be > 0, got ${value}`)
  return value
}

/** A boolean field, or ModelFormatError naming it. */
export function readBoolean(record: FieldRecord, key: string, type: string): boolean {
  const value = record[key]
  if (typeof value !== "boolean") {
    throw new ModelFormatError(`"${type}" model field "${key}" must be a boolean, got ${JSON.stringify(value)}`)
  }
  return value
}
