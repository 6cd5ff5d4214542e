/**
 * Ranking metrics for recommendations: pure functions of one ranked list (best first) and the
 * set of items that turned out to be relevant (the truth). Gains are binary: an item is relevant
 * or not. Every function throws a RangeError when k is not a positive integer or when an item
 * appears twice within the top k; recall and NDCG also when the truth is empty (they are
 * undefined there, so the caller decides whom to evaluate).
 */

/** One evaluated user (or basket): the ranked recommendations and the relevant items. */
export interface RankingCase<T> {
  ranked: readonly T[]
  truth: ReadonlySet<T>
}

/** A metric of one ranked list at cut-off k. */
export type RankingMetric = <T>(ranked: readonly T[], truth: ReadonlySet<T>, k: number) => number

function checkK(k: number): void {
  if (!Number.isInteger(k) || k < 1) throw new RangeError(`k must be a positive integer, got ${k}`)
}

function checkTruth<T>(truth: ReadonlySet<T>): void {
  if (truth.size === 0) throw new RangeError("truth is empty")
}

/** 1 at each 0-based rank r < k whose item is relevant, 0 elsewhere; at most min(k, |ranked|) entries. */
function relevanceAtK<T>(ranked: readonly T[], truth: ReadonlySet<T>, k: number): number[] {
  checkK(k)
  const top = ranked.slice(0, k)
  const seen = new Set<T>()
  return top.map((item, rank) => {
    if (seen.has(item)) throw new RangeError(`ranked repeats an item at rank ${rank + 1}: ${String(item)}`)
    seen.add(item)
    return truth.has(item) ? 1 : 0
  })
}

function sum(values: readonly number[]): number {
  return values.reduce((total, value) => total + value, 0)
}

/** precision@k = |top_k ∩ truth| / k (a list shorter than k still divides by k). */
export function precisionAtK<T>(ranked: readonly T[], truth: ReadonlySet<T>, k: number): number {
  return sum(relevanceAtK(ranked, truth, k)) / k
}

/** recall@k = |top_k ∩ truth| / |truth|. */
export function recallAtK<T>(ranked: readonly T[], truth: ReadonlySet<T>, k: number): number {
  checkTruth(truth)
  return sum(relevanceAtK(ranked, truth, k)) / truth.size
}

/**
 * NDCG@k with binary gains: DCG@k = Σ_{r=1..k} rel_r / log2(r + 1), divided by the ideal
 * IDCG@k = Σ_{r=1..min(k, |truth|)} 1 / log2(r + 1) (every relevant item ranked first).
 */
export function ndcgAtK<T>(ranked: readonly T[], truth: ReadonlySet<T>, k: number): number {
  checkTruth(truth)
  const dcg = sum(relevanceAtK(ranked, truth, k).map((rel, index) => rel / Math.log2(index + 2)))
  let ideal = 0
  for (let index = 0; index < Math.min(k, truth.size); index++) ideal += 1 / Math.log2(index + 2)
  return dcg / ideal
}

/** hit@k = 1 when at least one of the top k is relevant, else 0. */
export function hitRateAtK<T>(ranked: readonly T[], truth: ReadonlySet<T>, k: number): number {
  return relevanceAtK(ranked, truth, k).includes(1) ? 1 : 0
}

/** RR@k = 1 / r for the 1-based rank r of the first relevant item within the top k, else 0 (MRR is its mean). */
export function mrrAtK<T>(ranked: readonly T[], truth: ReadonlySet<T>, k: number): number {
  const first = relevanceAtK(ranked, truth, k).indexOf(1)
  return first < 0 ? 0 : 1 / (first + 1)
}

/** (1/|U|) Σ_u metric(ranked_u, truth_u, k) over the cases; throws a RangeError when there are none. */
export function meanOverUsers<T>(cases: readonly RankingCase<T>[], metric: RankingMetric, k: number): number {
  if (cases.length === 0) throw new RangeError("cases is empty")
  let total = 0
  for (const { ranked, truth } of cases) total += metric(ranked, truth, k)
  return total / cases.length
}

/**
 * coverage = |∪_u list_u| / catalogueSize: the share of the catalogue that appears in at least
 * one list (pass the lists already cut to k). Throws a RangeError when catalogueSize is not a
 * positive integer.
 */
export function catalogueCoverage<T>(lists: Iterable<readonly T[]>, catalogueSize: number): number {
  if (!Number.isInteger(catalogueSize) || catalogueSize < 1) {
    throw new RangeError(`catalogueSize must be a positive integer, got ${catalogueSize}`)
  }
  const shown = new Set<T>()
  for (const list of lists) for (const item of list) shown.add(item)
  return shown.size / catalogueSize
}
