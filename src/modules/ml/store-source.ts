/**
 * The "store" history source: the Medusa store's own orders, read through Query. Query
 * lives in the application's container, which a module's own container does not hold;
 * it is resolved (./application) when a job runs, once the app is loaded.
 */
import { buildOrderHistory } from "../../core/data"
import type { DataReport, LoadedHistory, LoadOptions } from "../../engine/history-source"
import type { PluginOptions } from "../../config/plugin-options"
import { readLatestOrderTime, readStoreHistory, type GraphQuery } from "../../medusa"
import { readPages } from "../../medusa/graph-query"
import { applicationQuery } from "./application"

export { applicationQuery } from "./application"

/**
 * Reads every order of the store: training reads the whole history (which is also the
 * backfill on first install). With `customerIds` (a rescore whose models carry the
 * population figures) only those customers' orders, through a Query filter, and the time
 * of the store's newest order for the default as-of; the live products are not read then
 * (only training's lists need them).
 */
export function storeHistoryReader(options: PluginOptions) {
  return async (load: LoadOptions): Promise<LoadedHistory> => {
    const query = applicationQuery()
    const customerIds = load.customerIds ? [...load.customerIds] : undefined
    if (customerIds?.length === 0) return { history: buildOrderHistory([]), data: emptyReport() }
    const { history, summary } = await readStoreHistory(query, { currencyRates: options.currencyRates, customerIds })
    const before = load.asOf === undefined ? history : buildOrderHistory(history.lines.filter((line) => line.orderedAt < load.asOf!))
    const orders = new Set(before.lines.map((line) => `${line.customerId}\u0000${line.orderId}`))
    const data: DataReport = {
      source: "medusa store",
      linesRead: summary.linesKept,
      linesKept: before.lines.length,
      customers: new Set(before.lines.map((line) => line.customerId)).size,
      orders: orders.size,
      products: before.products.size,
      ordersRead: summary.ordersRead,
      draftOrders: summary.draftOrders,
      canceledOrders: summary.canceledOrders,
      ordersWithoutCustomer: summary.ordersWithoutCustomer,
      ordersWithoutLines: summary.ordersWithoutLines,
      droppedItems: summary.droppedItems,
      returnedQuantity: summary.returnedQuantity,
      defaultCurrency: summary.defaultCurrency,
      currenciesWithoutRate: summary.currenciesWithoutRate,
      firstLine: before.lines.length ? new Date(before.firstAt).toISOString() : null,
      lastLine: before.lines.length ? new Date(before.lastAt).toISOString() : null,
    }
    if (customerIds) {
      const sourceLastAt = await readLatestOrderTime(query, { asOf: load.asOf, currencyRates: options.currencyRates })
      load.onProgress?.(1)
      return { history: before, data, ...(Number.isFinite(sourceLastAt) ? { sourceLastAt } : {}) }
    }
    const liveProductIds = await productIds(query)
    load.onProgress?.(1)
    return { history: before, data, liveProductIds }
  }
}

/** What a read of no customer reports. */
function emptyReport(): DataReport {
  return { source: "medusa store", linesRead: 0, linesKept: 0, customers: 0, orders: 0, products: 0 }
}

/** Ids of every product the store still has (deleted ones are gone from Query). */
async function productIds(query: GraphQuery): Promise<string[]> {
  const ids: string[] = []
  await readPages<{ id: string }>(query, { entity: "product", fields: ["id"] }, { pageSize: 1000, order: { id: "ASC" } }, (page) => {
    for (const product of page) ids.push(product.id)
  })
  return ids
}
