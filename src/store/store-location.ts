import { redactUrl } from "../config/redact"
import { InvalidInputError } from "../core/errors"

export { redactUrl }

/** Where the plugin's tables live. */
export type StoreLocation =
  | { dialect: "postgres"; url: string; schema?: string }
  | { dialect: "sqlite"; path: string }

/**
 * Reads a store address: `postgres://…` / `postgresql://…`, `sqlite:PATH`, or
 * `sqlite::memory:` for a throwaway in-memory database.
 */
export function parseStoreUrl(value: string, field = "db"): StoreLocation {
  if (/^postgres(ql)?:\/\//i.test(value)) return { dialect: "postgres", url: value }
  if (value.startsWith("sqlite:")) {
    const path = value.slice("sqlite:".length)
    if (!path) throw new InvalidInputError(`${field}: "sqlite:" needs a file path, e.g. sqlite:./ml.db`, field)
    return { dialect: "sqlite", path }
  }
  throw new InvalidInputError(
    `${field}: expected postgres://… or sqlite:PATH, got "${redactUrl(value)}"`,
    field
  )
}

/** A short description of a location without secrets. */
export function describeLocation(location: StoreLocation): string {
  return location.dialect === "postgres" ? `postgres ${redactUrl(location.url)}` : `sqlite ${location.path}`
}
