import { InvalidInputError } from "../errors"
import { quintileEdges, quintileScores, scoreAgainstEdges } from "./quintile-scores"
import type { SegmentId } from "./segment-catalog"

/*
 * RFM segments
 * ------------
 * Each customer gets three scores from 1 to 5 by quintile over the customers scored together:
 *   R (recency):   days since the last order; fewer days = higher score
 *   F (frequency): number of orders; more = higher score
 *   M (monetary):  total spend; more = higher score
 * score = 1 + floor(5 * w / n), where w = customers strictly worse on that measure and n = all
 * customers scored. Ties share a score (that of the first position of the tie group), so the
 * result does not depend on input order, and the worst value always scores 1.
 *
 * The segment depends on R and F only (M is reported alongside), following the common RFM
 * segment map:
 *
 *   R \ F |     1           2           3           4           5
 *   ------+-----------------------------------------------------------------
 *     5   | new         potential   potential   champions   champions
 *     4   | promising   potential   potential   loyal       loyal
 *     3   | about to    about to    need        loyal       loyal
 *         | sleep       sleep       attention
 *     2   | hibernating hibernating at risk     at risk     can't lose
 *     1   | lost        lost        at risk     at risk     can't lose
 *
 *   champions           R 5,   F 4-5
 *   loyal               R 3-4, F 4-5
 *   potential_loyalist  R 4-5, F 2-3
 *   new                 R 5,   F 1
 *   promising           R 4,   F 1
 *   need_attention      R 3,   F 3
 *   about_to_sleep      R 3,   F 1-2
 *   at_risk             R 1-2, F 3-4
 *   cant_lose           R 1-2, F 5
 *   hibernating         R 2,   F 1-2
 *   lost                R 1,   F 1-2
 */

/** Rows are R = 1..5, columns F = 1..5. */
const SEGMENT_GRID: readonly (readonly SegmentId[])[] = [
  ["lost", "lost", "at_risk", "at_risk", "cant_lose"],
  ["hibernating", "hibernating", "at_risk", "at_risk", "cant_lose"],
  ["about_to_sleep", "about_to_sleep", "need_attention", "loyal", "loyal"],
  ["promising", "potential_loyalist", "potential_loyalist", "loyal", "loyal"],
  ["new", "potential_loyalist", "potential_loyalist", "champions", "champions"],
]

export interface RfmCustomer {
  /** Days since the last order (0 = ordered on the cutoff day). */
  recencyDays: number
  /** Number of orders. */
  frequency: number
  /** Total spend. */
  monetary: number
}

export interface RfmAssignment {
  segment: SegmentId
  /** Recency score 1..5 (5 = most recent). */
  r: number
  /** Frequency score 1..5 (5 = most orders). */
  f: number
  /** Monetary score 1..5 (5 = highest spend). */
  m: number
}

/** The segment of an R and F score pair (both 1..5), by the table above. */
export function segmentFor(r: number, f: number): SegmentId {
  for (const [name, score] of [["r", r], ["f", f]] as const) {
    if (!Number.isInteger(score) || score < 1 || score > 5) {
      throw new InvalidInputError(`${name} score is ${score}, expected an integer from 1 to 5`, name)
    }
  }
  return SEGMENT_GRID[r - 1][f - 1]
}

/** Scores R, F and M by quintile over the given customers and assigns each an RFM segment, in input order. */
export function assignSegments(customers: readonly RfmCustomer[]): RfmAssignment[] {
  customers.forEach((c, i) => {
    if (c.recencyDays < 0) throw new InvalidInputError(`recencyDays of customer ${i} is ${c.recencyDays}, expected >= 0`, "recencyDays")
    if (c.frequency < 0) throw new InvalidInputError(`frequency of customer ${i} is ${c.frequency}, expected >= 0`, "frequency")
  })
  const r = quintileScores(customers.map((c) => c.recencyDays), "lower-is-better", "recencyDays")
  const f = quintileScores(customers.map((c) => c.frequency), "higher-is-better", "frequency")
  const m = quintileScores(customers.map((c) => c.monetary), "higher-is-better", "monetary")
  return customers.map((_, i) => ({ segment: segmentFor(r[i], f[i]), r: r[i], f: f[i], m: m[i] }))
}

/** The quintile edges of R and F over a population (quintileEdges), what segments customers later scored without it. */
export interface RfmEdges {
  /** Days since the last order, lower is better. */
  recencyDays: number[]
  /** Number of orders, higher is better. */
  frequency: number[]
}

/** The R and F edges of the given customers: segmentsAgainstEdges with them gives each of them assignSegments' segment. */
export function rfmEdges(customers: readonly Pick<RfmCustomer, "recencyDays" | "frequency">[]): RfmEdges {
  return {
    recencyDays: quintileEdges(customers.map((c) => c.recencyDays), "lower-is-better", "recencyDays"),
    frequency: quintileEdges(customers.map((c) => c.frequency), "higher-is-better", "frequency"),
  }
}

/**
 * Each customer's segment from their R and F scores against a population's edges, in input
 * order. `recencyShiftDays` is added to the recency edges: the days since the population was
 * measured, by which the recency of every customer who has not ordered since has grown.
 */
export function segmentsAgainstEdges(
  customers: readonly Pick<RfmCustomer, "recencyDays" | "frequency">[],
  edges: RfmEdges,
  recencyShiftDays = 0
): SegmentId[] {
  const recencyEdges = edges.recencyDays.map((e) => e + recencyShiftDays)
  return customers.map((c, i) => {
    if (!Number.isFinite(c.recencyDays) || c.recencyDays < 0) throw new InvalidInputError(`recencyDays of customer ${i} is ${c.recencyDays}, expected >= 0`, "recencyDays")
    if (!Number.isFinite(c.frequency) || c.frequency < 0) throw new InvalidInputError(`frequency of customer ${i} is ${c.frequency}, expected >= 0`, "frequency")
    return segmentFor(scoreAgainstEdges(c.recencyDays, recencyEdges, "lower-is-better"), scoreAgainstEdges(c.frequency, edges.frequency, "higher-is-better"))
  })
}
