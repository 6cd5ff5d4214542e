/**
 * When a customer's next order is expected: the mean gap between orders the value
 * model predicts, horizon days / expected orders in the horizon, counted from the
 * scoring date.
 */

/** Expected orders below this count as none (the gap would run to centuries). */
export const NEGLIGIBLE_EXPECTED_ORDERS = 0.01

/** A date further out than this is an extrapolation, not an expectation: shown as not expected. */
export const MAX_GAP_DAYS = 365

const DAY_MS = 86_400_000

export type NextOrder =
  | { kind: "around"; date: string }
  | { kind: "not_expected"; horizonDays: number }
  | { kind: "unknown" }

/**
 * "around" scored_at + horizonDays / expectedOrders days (an ISO instant) when orders are
 * expected; "not_expected" when the expected orders are negligible or the gap is over a year; "unknown" when the
 * horizon or the scoring date is unknown or a figure is not a number.
 */
export function nextOrderOf(scoredAt: string, expectedOrders: number, horizonDays: number | null): NextOrder {
  const scored = new Date(scoredAt).getTime()
  if (horizonDays === null || !(horizonDays > 0) || !Number.isFinite(expectedOrders) || Number.isNaN(scored)) return { kind: "unknown" }
  if (expectedOrders < NEGLIGIBLE_EXPECTED_ORDERS || horizonDays / expectedOrders > MAX_GAP_DAYS) return { kind: "not_expected", horizonDays }
  const date = new Date(scored + (horizonDays / expectedOrders) * DAY_MS)
  return Number.isNaN(date.getTime()) ? { kind: "unknown" } : { kind: "around", date: date.toISOString() }
}
