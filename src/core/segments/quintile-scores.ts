import { InvalidInputError } from "../errors"

/** Which end of a measure is the good one: more orders is better, more days since the last order is worse. */
export type ScoreDirection = "higher-is-better" | "lower-is-better"

/**
 * Scores each value 1..5 by its quintile within the given population.
 *
 *   worse(x) = number of values in the population that are strictly worse than x
 *   score(x) = 1 + floor(5 * worse(x) / n)
 *
 * so the bottom fifth scores 1 and the top fifth scores 5. Equal values are never split:
 * they share the score of the first position of their tie group, whatever the input
 * order, and the worst value always scores 1. With fewer than five distinct values some
 * scores are simply not used.
 */
export function quintileScores(values: readonly number[], direction: ScoreDirection, field = "value"): number[] {
  const n = values.length
  values.forEach((v, i) => {
    if (!Number.isFinite(v)) throw new InvalidInputError(`${field} of customer ${i} is ${v}, expected a finite number`, field)
  })
  // Larger key = better, so "strictly worse" = "strictly smaller key".
  const keys = direction === "higher-is-better" ? values.slice() : values.map((v) => -v)
  const sorted = Float64Array.from(keys).sort()
  return keys.map((key) => 1 + Math.floor((5 * countBelow(sorted, key)) / n))
}

/** Number of entries of the ascending array that are strictly smaller than key (binary search). */
function countBelow(sorted: Float64Array, key: number): number {
  let lo = 0
  let hi = sorted.length
  while (lo < hi) {
    const mid = (lo + hi) >>> 1
    if (sorted[mid] < key) lo = mid + 1
    else hi = mid
  }
  return lo
}
