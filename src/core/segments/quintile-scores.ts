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

/**
 * The cut points of quintileScores over a population, so that values scored later (alone,
 * without the population) get the score they get within it: `scoreAgainstEdges(v, edges)`
 * equals `quintileScores(values)[i]` for every values[i] = v. score(x) >= k exactly when at
 * least c = ceil((k-1)·n/5) values are strictly worse than x, that is when x is better than
 * the c-th worst value; the edges are those values for k = 2..5 (none for an empty population).
 */
export function quintileEdges(values: readonly number[], direction: ScoreDirection, field = "value"): number[] {
  values.forEach((v, i) => {
    if (!Number.isFinite(v)) throw new InvalidInputError(`${field} of customer ${i} is ${v}, expected a finite number`, field)
  })
  const n = values.length
  if (n === 0) return []
  const worstFirst = Float64Array.from(values).sort()
  if (direction === "lower-is-better") worstFirst.reverse()
  return [2, 3, 4, 5].map((k) => worstFirst[Math.ceil(((k - 1) * n) / 5) - 1])
}

/** A value's score 1..5 against the edges of quintileEdges: 1 + the number of edges it is better than. */
export function scoreAgainstEdges(value: number, edges: readonly number[], direction: ScoreDirection): number {
  const better = direction === "higher-is-better" ? (edge: number) => value > edge : (edge: number) => value < edge
  return 1 + edges.filter(better).length
}
