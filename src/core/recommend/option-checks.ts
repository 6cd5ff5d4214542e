/** Checks of recommender options; each error names the option, its value and its bound. */
import { InvalidInputError } from "../errors"

export function checkInteger(name: string, value: number, min: number, max = Number.MAX_SAFE_INTEGER): number {
  if (!Number.isInteger(value) || value < min || value > max) {
    const bound = max === Number.MAX_SAFE_INTEGER ? `>= ${min}` : `in [${min}, ${max}]`
    throw new InvalidInputError(`option ${name} must be an integer ${bound}, got ${value}`, name)
  }
  return value
}

export function checkRange(name: string, value: number, min: number, max: number): number {
  if (!(Number.isFinite(value) && value >= min && value <= max)) {
    throw new InvalidInputError(`option ${name} must be a number in [${min}, ${max}], got ${value}`, name)
  }
  return value
}

/** A half-life in days (> 0), or null for no decay. */
export function checkHalfLife(name: string, value: number | null): number | null {
  if (value !== null && !(Number.isFinite(value) && value > 0)) {
    throw new InvalidInputError(`option ${name} must be a number of days > 0 or null (no decay), got ${value}`, name)
  }
  return value
}

export function checkOneOf<T extends string>(name: string, value: T, allowed: readonly T[]): T {
  if (!allowed.includes(value)) {
    throw new InvalidInputError(`option ${name} must be one of ${allowed.join(", ")}, got ${JSON.stringify(value)}`, name)
  }
  return value
}

/** A list length n: a positive integer. */
export function checkListLength(value: number): number {
  return checkInteger("n", value, 1)
}

/** A reference time: a finite epoch-ms number. */
export function checkAsOf(value: number): number {
  if (!Number.isFinite(value)) throw new InvalidInputError(`option asOf must be a finite epoch-ms number, got ${value}`, "asOf")
  return value
}
