import type { Json, JsonObject } from "../models"

/**
 * A value as it will be stored in a JSON column: undefined fields dropped, non-finite
 * numbers become null, exactly as JSON.stringify would write them.
 */
export function toJsonObject(value: object): JsonObject {
  return JSON.parse(JSON.stringify(value)) as JsonObject
}

export function toJson(value: unknown): Json {
  return JSON.parse(JSON.stringify(value ?? null)) as Json
}
