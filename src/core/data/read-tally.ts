/**
 * Collects the outcome of each data row while a file is read (kept, dropped with a
 * reason, or dated at/after asOf) and turns it into the history and its summary.
 */
import {
  buildOrderHistory, orderKey,
  DROP_REASONS,
  type DropReason,
  type DroppedRows,
  type OrderHistory,
  type OrderLine,
  type ReadSummary,
  MAX_ID_LENGTH,
} from "./types"

/** An id the store could not hold: the row is dropped and counted rather than failing every training at the write. */
function hasOverlongId(line: OrderLine): boolean {
  return line.orderId.length > MAX_ID_LENGTH || line.customerId.length > MAX_ID_LENGTH || line.productId.length > MAX_ID_LENGTH
}

/** How many line numbers the summary lists per drop reason. */
const FIRST_LINES_LISTED = 5

export class ReadTally {
  private readonly kept: OrderLine[] = []
  private readonly dropped = emptyDroppedRows()
  private linesRead = 0
  private afterAsOf = 0

  /** @param asOf epoch ms; rows at or after it are counted, not kept. */
  constructor(private readonly asOf: number | undefined) {}

  /** Records one data row: the line it became or the reason it was dropped. */
  add(read: OrderLine | DropReason, line: number): void {
    this.linesRead += 1
    const outcome = typeof read !== "string" && hasOverlongId(read) ? "id_too_long" : read
    if (typeof outcome === "string") {
      const rows = this.dropped[outcome]
      rows.count += 1
      if (rows.firstLines.length < FIRST_LINES_LISTED) rows.firstLines.push(line)
    } else if (this.asOf !== undefined && outcome.orderedAt >= this.asOf) {
      this.afterAsOf += 1
    } else {
      this.kept.push(outcome)
    }
  }

  finish(): { history: OrderHistory; summary: ReadSummary } {
    const history = buildOrderHistory(this.kept)
    const customers = new Set<string>()
    const orders = new Set<string>()
    for (const line of history.lines) {
      customers.add(line.customerId)
      orders.add(orderKey(line))
    }
    const summary: ReadSummary = {
      linesRead: this.linesRead,
      linesKept: history.lines.length,
      dropped: this.dropped,
      afterAsOf: this.afterAsOf,
      customers: customers.size,
      orders: orders.size,
      products: history.products.size,
      firstAt: history.firstAt,
      lastAt: history.lastAt,
    }
    return { history, summary }
  }
}

function emptyDroppedRows(): Record<DropReason, DroppedRows> {
  const entries = DROP_REASONS.map((reason): [DropReason, DroppedRows] => [reason, { count: 0, firstLines: [] }])
  return Object.fromEntries(entries) as Record<DropReason, DroppedRows>
}

/**
 * Returns one shared copy of each distinct string: a large file repeats the same ids,
 * titles and countries on many rows, and the parser makes a new string for each.
 */
export function createInterner(): (text: string) => string {
  const pool = new Map<string, string>()
  return (text) => {
    const known = pool.get(text)
    if (known !== undefined) return known
    pool.set(text, text)
    return text
  }
}
