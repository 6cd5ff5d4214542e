/**
 * Histories without what the store deleted: an erased customer's orders are left out of
 * every training and rescoring (Medusa soft-deletes customers, so their orders keep
 * `customer_id` and Query still returns them), and an erased product is never listed.
 */
import { buildOrderHistory, type OrderHistory } from "../core/data"
import type { ErasedIds } from "../store/erasures"
import type { MlStore } from "../store/ml-store"
import type { HistoryLoader, LoadedHistory } from "./history-source"

/**
 * The history without the erased customers' lines, and the products that may be listed
 * without the erased ones. An erased product's lines stay: they are part of the
 * remaining customers' own history (what they spent, how often they ordered).
 */
export function leaveOutErased(loaded: LoadedHistory, erased: ErasedIds): LoadedHistory {
  const { history, data } = loaded
  const listable = (loaded.liveProductIds ?? [...history.products.keys()]).filter((id) => !erased.products.has(id))
  const liveProductIds = loaded.liveProductIds || erased.products.size > 0 ? listable : undefined
  const kept = history.lines.filter((line) => !erased.customers.has(line.customerId))
  if (kept.length === history.lines.length) return { ...loaded, liveProductIds }
  const remaining: OrderHistory = buildOrderHistory(kept)
  const left = history.lines.length - kept.length
  return {
    history: remaining,
    liveProductIds,
    data: {
      ...data,
      linesKept: kept.length,
      customers: new Set(kept.map((line) => line.customerId)).size,
      orders: new Set(kept.map((line) => `${line.customerId}\u0000${line.orderId}`)).size,
      products: remaining.products.size,
      erasedCustomersLeftOut: new Set(history.lines.filter((line) => erased.customers.has(line.customerId)).map((l) => l.customerId)).size,
      erasedCustomersLinesLeftOut: left,
    },
  }
}

/** A loader whose every read leaves out what the store has erased by then. */
export function withoutErased(store: Pick<MlStore, "erased">, load: HistoryLoader): HistoryLoader {
  return async (source, options) => {
    const loaded = await load(source, options)
    return leaveOutErased(loaded, await store.erased())
  }
}
