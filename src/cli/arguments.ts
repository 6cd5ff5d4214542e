import { existsSync, statSync } from "node:fs"
import path from "node:path"
import { InvalidInputError } from "../core/errors"
import { parseStoreUrl, type StoreLocation } from "../store/store-location"
import { UsageError } from "./io"


/** `YYYY-MM-DD` as 00:00 UTC of that day, in epoch ms; a usage error naming the option otherwise. */
export function parseDay(value: string, option: string): number {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value)
  const time = match ? Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])) : NaN
  if (!match || new Date(time).getUTCDate() !== Number(match[3])) {
    throw new UsageError(`${option}: expected a date as YYYY-MM-DD, got "${value}"`)
  }
  return time
}

/** A whole number within [min, max]; a usage error naming the option and its bounds otherwise. */
export function parseWholeNumber(value: string, option: string, min: number, max: number): number {
  const n = Number(value)
  if (!/^-?\d+$/.test(value.trim()) || n < min || n > max) {
    throw new UsageError(`${option}: expected a whole number from ${min} to ${max}, got "${value}"`)
  }
  return n
}

/** `--map column=field` entries into the readers' field -> column map. */
export function parseColumnMap(entries: string[]): Record<string, string> {
  const map: Record<string, string> = {}
  for (const entry of entries) {
    const eq = entry.lastIndexOf("=")
    if (eq <= 0 || eq === entry.length - 1) {
      throw new UsageError(`--map: expected column=field, got "${entry}"`)
    }
    map[entry.slice(eq + 1).trim()] = entry.slice(0, eq).trim()
  }
  return map
}

/** `--db` into a store location: sqlite:PATH or postgres://… */
export function parseDb(value: string): StoreLocation {
  try {
    return parseStoreUrl(value, "--db")
  } catch (error) {
    if (error instanceof InvalidInputError) throw new UsageError(error.message)
    throw error
  }
}


/** A file the command will write: its folder must exist and it must not be a folder itself. */
export function checkWritableFile(file: string, option: string): void {
  const folder = path.dirname(path.resolve(file))
  if (!existsSync(folder) || !statSync(folder).isDirectory()) throw new UsageError(`${option}: no such folder: ${folder}`)
  if (existsSync(file) && statSync(file).isDirectory()) throw new UsageError(`${option}: is a folder, not a file: ${file}`)
}

/** A file the command will read. */
export function checkReadableFile(file: string, option: string): void {
  if (!existsSync(file) || !statSync(file).isFile()) throw new UsageError(`${option}: no such file: ${file}`)
}
