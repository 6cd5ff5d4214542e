/** What every recommender's fit accepts, resolved to an indexed history and a reference time. */
import type { OrderHistory } from "../data/types"
import { NotEnoughDataError } from "../errors"
import { indexHistory, isIndexedHistory, type IndexedHistory } from "./indexed-history"
import { checkAsOf } from "./option-checks"

export interface FitOptions {
  /**
   * Reference time (epoch ms) that ages and time windows are measured from, normally the
   * cutoff the history was taken before.
   * @defaultValue the time of the history's last line
   */
  asOf?: number
}

/** Indexes the history (unless it already is) and fixes asOf; throws NotEnoughDataError when there are no lines. */
export function resolveFitInput(
  history: OrderHistory | IndexedHistory,
  options: FitOptions,
): { indexed: IndexedHistory; asOf: number } {
  const indexed = isIndexedHistory(history) ? history : indexHistory(history)
  if (indexed.orderTime.length === 0) throw new NotEnoughDataError(["order lines to learn from"])
  return { indexed, asOf: options.asOf === undefined ? indexed.lastAt : checkAsOf(options.asOf) }
}
