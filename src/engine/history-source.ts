/**
 * Where a training's order history comes from, behind one signature: an orders file on
 * the worker's disk here; the Medusa store's own orders (read through Query) are given by
 * the module, which owns the container.
 */
import { createReadStream, statSync } from "node:fs"
import { buildOrderHistory, readOrders, type OrderFormat, type OrderHistory, type ReadSummary } from "../core/data"
import { InvalidInputError } from "../core/errors"
import type { HistorySource } from "./payloads"

/** What the training report says about the data, at least these counts. */
export interface DataReport {
  linesRead: number
  linesKept: number
  customers: number
  orders: number
  products: number
  [detail: string]: unknown
}

/** A history snapshot and what the training report says about the data. */
export interface LoadedHistory {
  history: OrderHistory
  data: DataReport
  /**
   * Products that still exist, when the source knows (a live store): recommendation lists
   * keep only these. Absent: every product of the history.
   */
  liveProductIds?: string[]
  /**
   * orderedAt of the source's last line before as-of over every customer, when the history
   * holds only some (LoadOptions.customerIds): what a rescore's default as-of is read from.
   * Absent: the history's own lastAt is the source's.
   */
  sourceLastAt?: number
}

export interface LoadOptions {
  /** Epoch ms, exclusive; absent: every line. */
  asOf?: number
  /** 0..1 of the reading. */
  onProgress?: (fraction: number) => void
  /**
   * Only these customers' lines (a rescore whose models carry the population figures needs
   * no one else's). The data report describes what the source read: the whole orders file;
   * the store's orders of these customers.
   * @defaultValue every customer's lines
   */
  customerIds?: readonly string[]
}

export type HistoryLoader = (source: HistorySource, options: LoadOptions) => Promise<LoadedHistory>

/** Reads an "orders-file" source; a missing or unreadable file is an InvalidInputError naming it. */
export async function loadOrdersFile(source: Extract<HistorySource, { kind: "orders-file" }>, options: LoadOptions): Promise<LoadedHistory> {
  let size: number
  try {
    size = statSync(source.path).size
  } catch {
    throw new InvalidInputError(`source.path: cannot read ${source.path}`, "source.path")
  }
  const { history, summary } = await readOrders(createReadStream(source.path), {
    format: source.format,
    map: source.map,
    asOf: options.asOf,
    onProgress: (bytes) => options.onProgress?.(size > 0 ? bytes / size : 1),
  })
  const data = dataSummary(summary, source.path, source.format)
  if (!options.customerIds) return { history, data }
  return { history: linesOf(history, options.customerIds), data, sourceLastAt: history.lastAt }
}

/** The history of only these customers' lines. */
function linesOf(history: OrderHistory, customerIds: readonly string[]): OrderHistory {
  const wanted = new Set(customerIds)
  return buildOrderHistory(history.lines.filter((line) => wanted.has(line.customerId)))
}

function dataSummary(summary: ReadSummary, file: string, format: OrderFormat): DataReport {
  const dropped = Object.fromEntries(Object.entries(summary.dropped).filter(([, d]) => d.count > 0))
  return {
    file,
    format,
    linesRead: summary.linesRead,
    linesKept: summary.linesKept,
    afterAsOf: summary.afterAsOf,
    dropped,
    customers: summary.customers,
    orders: summary.orders,
    products: summary.products,
    firstLine: summary.linesKept > 0 ? new Date(summary.firstAt).toISOString() : null,
    lastLine: summary.linesKept > 0 ? new Date(summary.lastAt).toISOString() : null,
  }
}

/** A loader for the sources this process can read: files always, the store when given. */
export function historyLoader(readStore?: (options: LoadOptions) => Promise<LoadedHistory>): HistoryLoader {
  return async (source, options) => {
    if (source.kind === "orders-file") return loadOrdersFile(source, options)
    if (!readStore) throw new InvalidInputError('source.kind: "store" can only be read inside the Medusa app', "source.kind")
    return readStore(options)
  }
}
