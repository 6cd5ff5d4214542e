/**
 * Two "for you" settings compared on customers neither was selected on: each is fitted on
 * the lines before the validation window and judged on what the held-out customers
 * (data/holdout.ts, never in a tuning search) bought in it, repeats allowed. The comparison
 * is paired: the same customers, one NDCG@k each per setting, and the standard error of
 * the mean difference.
 */
import { isHeldOut } from "../data/holdout"
import { buildOrderHistory, type OrderHistory } from "../data/types"
import { ndcgAtK } from "../metrics/ranking"
import { buildRecommendationCases, type CustomerCase } from "./evaluation"
import { ForYouRecommender } from "./for-you"
import type { ForYouOptions } from "./for-you-options"
import { indexHistory, type IndexedHistory } from "./indexed-history"

export interface HeldOutCases {
  /** The lines before the window, as every setting is fitted on them. */
  train: IndexedHistory
  /** Held-out customers with history who bought in the window, in a fixed order. */
  cases: CustomerCase[]
  from: number
}

export interface PairedFigures {
  challenger: number
  champion: number
  /** Standard error of the mean difference (challenger - champion) over the cases. */
  standardError: number
  cases: number
}

/** The held-out customers' cases of [from, asOf). */
export function heldOutCases(history: OrderHistory, from: number, asOf: number): HeldOutCases {
  const before = history.lines.filter((line) => line.orderedAt < from)
  const window = history.lines.filter((line) => line.orderedAt >= from && line.orderedAt < asOf)
  const train = indexHistory(buildOrderHistory(before))
  const cases = before.length > 0 ? buildRecommendationCases(train, window).repeatsAllowed.filter((c) => isHeldOut(c.customerId)) : []
  return { train, cases, from }
}

/** NDCG@k per case of the lists a setting builds from the lines before the window. */
export function ndcgPerCase(params: Partial<ForYouOptions>, held: HeldOutCases, k: number): number[] {
  const model = new ForYouRecommender(params).fit(held.train, { asOf: held.from })
  const lists = new Map(
    model
      .topNForCustomers(held.train, k, { excludePurchased: false, customerIds: held.cases.map((c) => c.customerId) })
      .map((list) => [list.sourceId, list.items.map((item) => item.productId)])
  )
  return held.cases.map((c) => ndcgAtK(lists.get(c.customerId) ?? [], c.truth, k))
}

/** Means of two settings' figures on the same cases, and the standard error of their difference. */
export function pairedFigures(challenger: readonly number[], champion: readonly number[]): PairedFigures {
  const n = challenger.length
  if (n === 0 || champion.length !== n) throw new Error("pairedFigures: two figures per case are needed")
  const mean = (values: readonly number[]) => values.reduce((a, b) => a + b, 0) / values.length
  const differences = challenger.map((value, i) => value - champion[i])
  const meanDifference = mean(differences)
  const variance = n > 1 ? differences.reduce((sum, d) => sum + (d - meanDifference) ** 2, 0) / (n - 1) : 0
  return { challenger: mean(challenger), champion: mean(champion), standardError: Math.sqrt(variance / n), cases: n }
}
