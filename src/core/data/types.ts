/**
 * The order history every later step consumes: one record per purchased line item,
 * whatever the source (a CSV export or the store's own orders).
 */

/** One purchased line item. */
export interface OrderLine {
  orderId: string
  customerId: string
  /** Epoch milliseconds; clock times without a zone are read as UTC. */
  orderedAt: number
  productId: string
  quantity: number
  unitPrice: number
  title?: string
  category?: string
  country?: string
  currency?: string
  /** False when the amount is unknown (no rate to the store's currency): the line counts for recency, frequency and products, never for amounts. Absent = true. */
  priced?: boolean
}

/** Whether the line's amount is known (`priced` absent or true). */
export function isPriced(line: Pick<OrderLine, "priced">): boolean {
  return line.priced !== false
}

/** The line's amount, quantity · unitPrice; 0 for an unpriced line (it adds nothing to any amount). */
export function lineValue(line: Pick<OrderLine, "quantity" | "unitPrice" | "priced">): number {
  return line.priced === false ? 0 : line.quantity * line.unitPrice
}

/** What the history knows about a product, from its most recent line that names it. */
export interface ProductInfo {
  id: string
  title?: string
  category?: string
}

export interface OrderHistory {
  /** Sorted by orderedAt, then orderId; lines that tie keep their input order. */
  lines: OrderLine[]
  products: Map<string, ProductInfo>
  /** orderedAt of the first line; NaN when there are no lines. */
  firstAt: number
  /** orderedAt of the last line; NaN when there are no lines. */
  lastAt: number
}

/** Longest order, customer or product id kept (the plugin's tables hold ids of up to 100 characters). */
export const MAX_ID_LENGTH = 100

/** Why an input row was not kept. Each reader documents the order in which it checks them. */
export const DROP_REASONS = [
  "column_count",
  "missing_customer",
  "missing_order",
  "missing_product",
  "id_too_long",
  "cancellation",
  "bad_number",
  "return",
  "non_positive_quantity",
  "non_positive_price",
  "negative_price",
  "non_product_code",
  "bad_date",
] as const

export type DropReason = (typeof DROP_REASONS)[number]

export interface DroppedRows {
  count: number
  /** The first 5 dropped rows' line numbers (1-based lines of the file; a row spanning lines gives its first). */
  firstLines: number[]
}

export interface ReadSummary {
  /** Data rows read (the header and blank lines are not rows). */
  linesRead: number
  /** Rows kept in the history. linesRead = linesKept + all dropped counts + afterAsOf. */
  linesKept: number
  dropped: Record<DropReason, DroppedRows>
  /** Valid rows dated at or after `asOf`, left out of the history. */
  afterAsOf: number
  /** Distinct customers, orders and products among the kept lines. */
  customers: number
  orders: number
  products: number
  firstAt: number
  lastAt: number
}

/**
 * The key of the order a line belongs to. Order ids are only unique within a customer
 * in some exports (per-customer order numbers), so an order is a customer and an id.
 */
export function orderKey(line: Pick<OrderLine, "customerId" | "orderId">): string {
  return `${line.customerId}\u0000${line.orderId}`
}

/** Sorts a copy of `lines` by time then order id (stable) and indexes their products. */
export function buildOrderHistory(lines: readonly OrderLine[]): OrderHistory {
  const sorted = lines.slice().sort(compareLines)
  const products = new Map<string, ProductInfo>()
  for (const line of sorted) {
    const known = products.get(line.productId)
    const info: ProductInfo = known ?? { id: line.productId }
    if (line.title !== undefined) info.title = line.title
    if (line.category !== undefined) info.category = line.category
    if (known === undefined) products.set(line.productId, info)
  }
  const count = sorted.length
  return {
    lines: sorted,
    products,
    firstAt: count > 0 ? sorted[0].orderedAt : Number.NaN,
    lastAt: count > 0 ? sorted[count - 1].orderedAt : Number.NaN,
  }
}

function compareLines(a: OrderLine, b: OrderLine): number {
  if (a.orderedAt !== b.orderedAt) return a.orderedAt - b.orderedAt
  if (a.orderId === b.orderId) return 0
  return a.orderId < b.orderId ? -1 : 1
}
