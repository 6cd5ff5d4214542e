/**
 * Number formatting for plain-word reasons: whole days, whole percents, money with
 * thousands separators and at most two decimals. Hand-rolled so the output is the
 * same on every runtime and locale.
 */

/** Groups the integer part of a non-negative decimal string: "1234567.5" -> "1,234,567.5". */
function groupThousands(digits: string): string {
  const [whole, fraction] = digits.split(".")
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ",")
  return fraction === undefined ? grouped : `${grouped}.${fraction}`
}

/** Rounds to the given decimals, halves away from zero so that -2.5 and 2.5 mirror each other. */
function roundHalfAway(value: number, decimals: number): number {
  const scale = 10 ** decimals
  return (Math.sign(value) * Math.round(Math.abs(value) * scale)) / scale
}

/** A count or amount rounded to an integer with thousands separators: 12345.6 -> "12,346". */
export function formatInteger(value: number): string {
  const rounded = roundHalfAway(value, 0)
  return (rounded < 0 ? "-" : "") + groupThousands(String(Math.abs(rounded)))
}

/**
 * Money: whole amounts without decimals ("1,240"), others with exactly two ("85.50"),
 * prefixed by the currency symbol if given ("€1,240", "-€3.20").
 */
export function formatMoney(value: number, currencySymbol = ""): string {
  const cents = Math.round(Math.abs(value) * 100)
  const digits = cents % 100 === 0 ? String(cents / 100) : (cents / 100).toFixed(2)
  return `${value < 0 && cents > 0 ? "-" : ""}${currencySymbol}${groupThousands(digits)}`
}

/** A probability as a whole percent: 0.934 -> "93%". */
export function formatPercent(probability: number): string {
  return `${Math.round(probability * 100)}%`
}

/** One decimal, without a trailing ".0": 4.67 -> "4.7", 2.96 -> "3". */
export function formatOneDecimal(value: number): string {
  const rounded = roundHalfAway(value, 1)
  return (rounded < 0 ? "-" : "") + groupThousands(Math.abs(rounded).toFixed(1).replace(/\.0$/, ""))
}

/** "1 day", "5 days", "3 categories"; the count is rounded to an integer first. */
export function plural(count: number, unit: string, units = `${unit}s`): string {
  const rounded = roundHalfAway(count, 0)
  return `${formatInteger(rounded)} ${rounded === 1 ? unit : units}`
}

/** "once", "twice", "5 times". */
export function times(count: number): string {
  const rounded = roundHalfAway(count, 0)
  if (rounded === 1) return "once"
  if (rounded === 2) return "twice"
  return `${formatInteger(rounded)} times`
}

const DAYS_PER_MONTH = 365.25 / 12

/** A span of days in the unit a person would use: "20 days", "14 months", "2.5 years". */
export function formatSpan(days: number): string {
  if (days < 60) return plural(days, "day")
  const months = days / DAYS_PER_MONTH
  if (months < 24) return plural(months, "month")
  return `${formatOneDecimal(days / 365.25)} years`
}
