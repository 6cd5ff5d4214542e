import { DAY_MS } from "../time"
/**
 * Strict parsers for the values of an order row. Each returns undefined for text it
 * cannot read, so that the reader can drop the row with a reason.
 */

const DECIMAL = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/

/** A plain decimal number ("3", "-2.5", ".5", "1e3"); no hex, no thousands separators, no empty text. */
export function parseDecimal(text: string): number | undefined {
  const trimmed = text.trim()
  if (!DECIMAL.test(trimmed)) return undefined
  const value = Number(trimmed)
  return Number.isFinite(value) ? value : undefined
}

const TIMESTAMP =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?(Z|[+-]\d{2}(?::?\d{2})?)?)?$/i

/**
 * An ISO 8601 date ("2011-09-10") or date-time ("2011-09-10T08:26", "2011-09-10T08:26:00.5+01:00",
 * "2011-09-10 08:26:00"), as epoch milliseconds. A time without a zone is read as UTC.
 */
export function parseTimestamp(text: string): number | undefined {
  const match = TIMESTAMP.exec(text.trim())
  if (match === null) return undefined
  const [, year, month, day, hour, minute, second, fraction, zone] = match
  const millis = fraction === undefined ? 0 : Number(fraction.padEnd(3, "0").slice(0, 3))
  const local = utcMillis(
    Number(year),
    Number(month),
    Number(day),
    hour === undefined ? 0 : Number(hour),
    minute === undefined ? 0 : Number(minute),
    second === undefined ? 0 : Number(second),
    millis,
  )
  if (local === undefined) return undefined
  const offset = zoneOffsetMinutes(zone)
  return offset === undefined ? undefined : local - offset * 60_000
}

const COMPACT_DATE = /^(\d{4})(\d{2})(\d{2})$/

/** A date written YYYYMMDD, as epoch milliseconds at 00:00 UTC. */
export function parseCompactDate(text: string): number | undefined {
  const match = COMPACT_DATE.exec(text.trim())
  if (match === null) return undefined
  return utcMillis(Number(match[1]), Number(match[2]), Number(match[3]), 0, 0, 0, 0)
}

const WHOLE_NUMBER_WRITTEN_AS_FLOAT = /^(\d+)\.0+$/

/** "17850.0" -> "17850": ids that went through a spreadsheet or a float column. Other ids are only trimmed. */
export function normaliseNumericId(text: string): string {
  const trimmed = text.trim()
  const match = WHOLE_NUMBER_WRITTEN_AS_FLOAT.exec(trimmed)
  return match === null ? trimmed : match[1]
}

/** Days from 0000-03-01 to 0400-03-01: the Gregorian calendar repeats every 400 years. */
const DAYS_PER_400_YEARS = 146_097

function utcMillis(
  year: number,
  month: number,
  day: number,
  hour: number,
  minute: number,
  second: number,
  millis: number,
): number | undefined {
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return undefined
  if (hour > 23 || minute > 59 || second > 59) return undefined
  // Date.UTC reads years 0-99 as 1900-1999; shifting by 400 years keeps the calendar exact.
  const shift = year < 100 ? 400 : 0
  const value = Date.UTC(year + shift, month - 1, day, hour, minute, second, millis)
  return value - (shift / 400) * DAYS_PER_400_YEARS * DAY_MS
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31
}

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0
}

/** Minutes east of UTC for "Z", "+01", "+0130", "-01:30"; 0 for no zone; undefined when out of range. */
function zoneOffsetMinutes(zone: string | undefined): number | undefined {
  if (zone === undefined || zone.toUpperCase() === "Z") return 0
  const sign = zone[0] === "-" ? -1 : 1
  const digits = zone.slice(1).replace(":", "")
  const hours = Number(digits.slice(0, 2))
  const minutes = digits.length > 2 ? Number(digits.slice(2)) : 0
  if (hours > 23 || minutes > 59) return undefined
  return sign * (hours * 60 + minutes)
}
