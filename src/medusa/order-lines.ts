/**
 * One Medusa order (as Query returns it) to the engine's order lines. Pure: no I/O.
 *
 * An order is checked in this order, and the first that applies decides:
 *   1. a draft order (`is_draft_order`, or status "draft") is not a purchase;
 *   2. a canceled order (status "canceled", or `canceled_at` set) is left out;
 *   3. an order without a customer cannot be attributed to anyone;
 *   4. otherwise each line item is kept, less its returned units, unless it has no
 *      product, no valid quantity or price, or every unit was returned. An order
 *      none of whose items is kept yields no line ("no_lines").
 *
 * Returned units are those a return received, in good condition or damaged
 * (`return_received_quantity` + `return_dismissed_quantity`); units only requested
 * for return are still the customer's until the return arrives.
 */
import type { OrderLine } from "../core/data/types"
import type { Pricing } from "./currency-rates"
import { graphNumber, graphTime, type OrderItemRecord, type OrderRecord } from "./order-record"

/**
 * A line read from the store. `priced` is false when the order's currency has no rate
 * to the default currency: its unitPrice is then 0, so it adds nothing to any amount,
 * and `currency` names the order's own currency. Priced lines carry the default
 * currency, with unitPrice converted to it.
 */
export interface StoreOrderLine extends OrderLine {
  priced: boolean
}

export type OrderOutcome = "kept" | "draft" | "canceled" | "no_customer" | "no_lines"

/** Why a line item of a kept order was left out. */
export const ITEM_DROP_REASONS = ["returned", "no_product", "bad_quantity", "bad_price"] as const
export type ItemDropReason = (typeof ITEM_DROP_REASONS)[number]

export interface MappedOrder {
  outcome: OrderOutcome
  /** The order's customer; also set for a canceled order, whose customer needs rescoring. */
  customerId?: string
  lines: StoreOrderLine[]
  /** Units left out because a return received them (from kept and fully returned items). */
  returnedQuantity: number
  droppedItems: Record<ItemDropReason, number>
  /** The order's currency, lower case, when it has no rate (its lines are unpriced). */
  currencyWithoutRate?: string
}

export function emptyItemDrops(): Record<ItemDropReason, number> {
  return { returned: 0, no_product: 0, bad_quantity: 0, bad_price: 0 }
}

/** Maps one order; see the file's comment for the order of the checks. */
export function mapOrder(order: OrderRecord, pricing: Pricing): MappedOrder {
  const customerId = order.customer_id ?? undefined
  const result: MappedOrder = { outcome: "kept", customerId, lines: [], returnedQuantity: 0, droppedItems: emptyItemDrops() }
  if (order.is_draft_order === true || order.status === "draft") return { ...result, outcome: "draft" }
  if (order.status === "canceled" || (order.canceled_at !== null && order.canceled_at !== undefined)) {
    return { ...result, outcome: "canceled" }
  }
  if (customerId === undefined || customerId === "") return { ...result, outcome: "no_customer", customerId: undefined }

  const orderedAt = graphTime(order.created_at)
  if (!Number.isFinite(orderedAt)) throw new Error(`order ${order.id} has no valid created_at (${String(order.created_at)})`)
  const currency = order.currency_code.toLowerCase()
  const rate = pricing.rateOf(currency)
  const country = order.shipping_address?.country_code ?? undefined

  for (const item of order.items ?? []) {
    if (item === null) continue
    const productId = productIdOf(item)
    if (productId === undefined) {
      result.droppedItems.no_product += 1
      continue
    }
    const ordered = graphNumber(item.quantity ?? item.detail?.quantity)
    if (!Number.isFinite(ordered) || ordered <= 0) {
      result.droppedItems.bad_quantity += 1
      continue
    }
    const price = graphNumber(item.unit_price)
    if (!Number.isFinite(price) || price < 0) {
      result.droppedItems.bad_price += 1
      continue
    }
    const returned = Math.min(ordered, returnedUnits(item))
    result.returnedQuantity += returned
    if (returned >= ordered) {
      result.droppedItems.returned += 1
      continue
    }
    const line: StoreOrderLine = {
      orderId: order.id,
      customerId,
      orderedAt,
      productId,
      quantity: ordered - returned,
      unitPrice: rate === undefined ? 0 : price * rate,
      currency: rate === undefined ? currency : pricing.defaultCurrency,
      priced: rate !== undefined,
    }
    const title = titleOf(item)
    if (title !== undefined) line.title = title
    const category = categoryOf(item)
    if (category !== undefined) line.category = category
    if (country) line.country = country
    result.lines.push(line)
  }
  if (result.lines.length === 0) return { ...result, outcome: "no_lines" }
  if (rate === undefined) result.currencyWithoutRate = currency
  return result
}

/** The item's product: its own product_id, else its variant's product. */
export function productIdOf(item: OrderItemRecord): string | undefined {
  return nonEmpty(item.product_id) ?? nonEmpty(item.variant?.product_id)
}

/** Units received back, in good condition or damaged. */
export function returnedUnits(item: OrderItemRecord): number {
  const received = graphNumber(item.detail?.return_received_quantity)
  const dismissed = graphNumber(item.detail?.return_dismissed_quantity)
  return (Number.isFinite(received) ? received : 0) + (Number.isFinite(dismissed) ? dismissed : 0)
}

/** The product's title now, else the title it had when ordered, else the line's title. */
export function titleOf(item: OrderItemRecord): string | undefined {
  return nonEmpty(item.product?.title) ?? nonEmpty(item.product_title) ?? nonEmpty(item.title)
}

/**
 * The product's category: the first of its category names in alphabetical order (so
 * the choice does not depend on how the database lists them), else its collection,
 * else its type; the snapshots taken at ordering stand in for a deleted product.
 */
export function categoryOf(item: OrderItemRecord): string | undefined {
  const names = (item.product?.categories ?? [])
    .map((c) => nonEmpty(c?.name))
    .filter((name): name is string => name !== undefined)
    .sort()
  return (
    names[0] ??
    nonEmpty(item.product?.collection?.title) ??
    nonEmpty(item.product_collection) ??
    nonEmpty(item.product?.type?.value) ??
    nonEmpty(item.product_type)
  )
}

function nonEmpty(value: string | null | undefined): string | undefined {
  return value === null || value === undefined || value.trim() === "" ? undefined : value
}
