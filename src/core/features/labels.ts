/**
 * Labels of customers at a cutoff, read from the lines in the window after it:
 * - purchase: 1 when the customer has at least one line in [cutoff, cutoff + windowDays);
 * - churn: 1 - purchase, i.e. 1 when the customer buys nothing in the window.
 * Only lines inside the window are read (the history's lines are sorted by time).
 */
import type { OrderHistory, OrderLine } from "../data/types"
import { InvalidInputError } from "../errors"
import { DAY_MS } from "./customer-activity"

/** Purchase labels of `customerIds` (1 = bought in [cutoff, cutoff + windowDays)), in their order. */
export function purchaseLabels(
  history: OrderHistory,
  customerIds: readonly string[],
  cutoff: number,
  windowDays: number
): Uint8Array {
  if (!Number.isFinite(cutoff)) throw new InvalidInputError(`cutoff must be a finite epoch ms, got ${cutoff}`, "cutoff")
  if (!Number.isFinite(windowDays) || windowDays <= 0) {
    throw new InvalidInputError(`windowDays must be a finite number > 0, got ${windowDays}`, "windowDays")
  }
  const rowOf = new Map<string, number>()
  customerIds.forEach((id, row) => rowOf.set(id, row))
  const labels = new Uint8Array(customerIds.length)
  const lines = history.lines
  const end = cutoff + windowDays * DAY_MS
  for (let i = firstLineAtOrAfter(lines, cutoff); i < lines.length && lines[i].orderedAt < end; i++) {
    const row = rowOf.get(lines[i].customerId)
    if (row !== undefined) labels[row] = 1
  }
  return labels
}

/** Churn labels: 1 when the customer has no line in [cutoff, cutoff + churnWindowDays). */
export function churnLabels(
  history: OrderHistory,
  customerIds: readonly string[],
  cutoff: number,
  churnWindowDays: number
): Uint8Array {
  const labels = purchaseLabels(history, customerIds, cutoff, churnWindowDays)
  for (let i = 0; i < labels.length; i++) labels[i] = 1 - labels[i]
  return labels
}

/** Index of the first line with orderedAt >= time (lines.length when none): binary search. */
function firstLineAtOrAfter(lines: readonly OrderLine[], time: number): number {
  let low = 0
  let high = lines.length
  while (low < high) {
    const middle = (low + high) >>> 1
    if (lines[middle].orderedAt < time) low = middle + 1
    else high = middle
  }
  return low
}
