/**
 * Seasonality of the simulated store
 * ----------------------------------
 * Every customer's purchases (and every arrival) follow the same store-wide rhythm,
 * the product of three shapes:
 *   - weekly:  busiest on Sunday and Monday, quietest on Friday and Saturday
 *              (WEEKDAY_WEIGHTS, mean 1 over a week);
 *   - yearly:  a year-end peak, 1 + A * exp(-d^2 / (2 w^2)) where d is the distance in days
 *              to the nearest 12 December, A = YEAR_END_LIFT and w = YEAR_END_WIDTH_DAYS
 *              (scaled to mean 1 over a calendar year; with the weekly shape the product
 *              still averages 1 to within 1e-4);
 *   - daily:   the clock time within a day follows HOUR_WEIGHTS (quiet at night, peaks at
 *              lunch and in the evening). All clock times are UTC.
 * A customer with purchase rate λ buys at instantaneous rate λ * weight(day). Such a process
 * is simulated exactly by a unit-rate clock: "store time" s runs at weight(day) per day, so
 * gaps in store time are Exp(λ) and each store time is mapped back to a date (timeAt).
 */

import { cumulativeWeights, firstIndexAbove } from "./distributions"
import { DAY_MS } from "../time"

const SECONDS_PER_DAY = 86_400

/** Sunday first (Date.getUTCDay order); sums to 7. */
const WEEKDAY_WEIGHTS = [1.25, 1.1, 1.0, 1.0, 0.95, 0.85, 0.85]
/** Height of the year-end peak above an ordinary day, before scaling to mean 1. */
const YEAR_END_LIFT = 1.2
/** Spread of the year-end peak around 12 December, in days. */
const YEAR_END_WIDTH_DAYS = 14
/** Relative order volume by UTC hour, 00:00 first; sums to 20. */
const HOUR_WEIGHTS = [
  0.2, 0.15, 0.08, 0.06, 0.06, 0.1, 0.25, 0.5, 0.8, 1.0, 1.1, 1.2, 1.4, 1.3, 1.1, 1.0, 1.0, 1.1, 1.3, 1.6, 1.7, 1.5,
  1.0, 0.5,
]

const HOUR_TOTALS = cumulativeWeights(HOUR_WEIGHTS)
/** Mean of the unscaled year-end shape over the days of a calendar year (2025). */
const YEAR_SHAPE_MEAN = meanYearShape(2025)

/** Maps store time (the unit-rate clock) to dates within the simulated period. */
export interface SeasonalClock {
  /** Store time of the whole period: the sum of the daily weights. */
  readonly total: number
  /** The instant (epoch ms, whole seconds after `start`) at store time s, 0 <= s < total. */
  instantAt(s: number): number
}

/** Relative purchase intensity of the UTC day containing `at` (about 1 on average over a year). */
export function seasonalWeight(at: number): number {
  const date = new Date(at)
  return (WEEKDAY_WEIGHTS[date.getUTCDay()] * yearShape(date)) / YEAR_SHAPE_MEAN
}

export function createSeasonalClock(start: number, days: number): SeasonalClock {
  const weights = new Float64Array(days)
  for (let day = 0; day < days; day++) weights[day] = seasonalWeight(start + day * DAY_MS)
  const totals = cumulativeWeights(weights)
  const total = totals[days - 1]
  return {
    total,
    instantAt(s) {
      const day = firstIndexAbove(totals, s)
      const before = day === 0 ? 0 : totals[day - 1]
      const fraction = Math.min((s - before) / weights[day], 1)
      const seconds = Math.min(Math.floor(clockFraction(fraction) * SECONDS_PER_DAY), SECONDS_PER_DAY - 1)
      return start + day * DAY_MS + seconds * 1000
    },
  }
}

/** The share of a day's volume, reshaped by HOUR_WEIGHTS into the share of the day's clock. */
function clockFraction(volumeShare: number): number {
  const target = volumeShare * HOUR_TOTALS[HOUR_TOTALS.length - 1]
  const hour = firstIndexAbove(HOUR_TOTALS, target)
  const before = hour === 0 ? 0 : HOUR_TOTALS[hour - 1]
  return (hour + (target - before) / HOUR_WEIGHTS[hour]) / HOUR_WEIGHTS.length
}

function yearShape(date: Date): number {
  const year = date.getUTCFullYear()
  const day = Date.UTC(year, date.getUTCMonth(), date.getUTCDate())
  const distance = Math.min(
    Math.abs(day - Date.UTC(year, 11, 12)),
    Math.abs(day - Date.UTC(year - 1, 11, 12)),
  ) / DAY_MS
  return 1 + YEAR_END_LIFT * Math.exp(-(distance * distance) / (2 * YEAR_END_WIDTH_DAYS * YEAR_END_WIDTH_DAYS))
}

function meanYearShape(year: number): number {
  const first = Date.UTC(year, 0, 1)
  const days = (Date.UTC(year + 1, 0, 1) - first) / DAY_MS
  let sum = 0
  for (let day = 0; day < days; day++) sum += yearShape(new Date(first + day * DAY_MS))
  return sum / days
}
