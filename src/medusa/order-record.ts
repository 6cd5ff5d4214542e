/**
 * An order as Medusa's Query returns it for ORDER_FIELDS (Medusa 2.21). Every field is
 * read defensively: relations may be null (a deleted product, a custom line item) and
 * amounts may come as numbers, numeric strings or Medusa BigNumbers.
 */

/** A quantity or amount as Query may return it. */
export type GraphNumber = number | string | { valueOf(): unknown } | null | undefined

export interface OrderItemRecord {
  id: string
  quantity?: GraphNumber
  unit_price?: GraphNumber
  title?: string | null
  product_id?: string | null
  variant_id?: string | null
  /** Snapshots taken when the order was placed; they survive the product's deletion. */
  product_title?: string | null
  product_collection?: string | null
  product_type?: string | null
  /** The order module's per-item quantities (fulfilled, returned, ...). */
  detail?: {
    quantity?: GraphNumber
    return_received_quantity?: GraphNumber
    return_dismissed_quantity?: GraphNumber
  } | null
  variant?: { product_id?: string | null } | null
  product?: {
    title?: string | null
    categories?: Array<{ name?: string | null } | null> | null
    collection?: { title?: string | null } | null
    type?: { value?: string | null } | null
  } | null
}

export interface OrderRecord {
  id: string
  customer_id?: string | null
  status?: string | null
  is_draft_order?: boolean | null
  canceled_at?: string | Date | null
  created_at: string | Date
  updated_at?: string | Date | null
  currency_code: string
  shipping_address?: { country_code?: string | null } | null
  items?: Array<OrderItemRecord | null> | null
}

/** The fields the store reader asks Query for, on the `order` entity. */
export const ORDER_FIELDS = [
  "id",
  "customer_id",
  "status",
  "is_draft_order",
  "canceled_at",
  "created_at",
  "updated_at",
  "currency_code",
  "shipping_address.country_code",
  "items.id",
  "items.quantity",
  "items.unit_price",
  "items.title",
  "items.product_id",
  "items.variant_id",
  "items.product_title",
  "items.product_collection",
  "items.product_type",
  "items.detail.quantity",
  "items.detail.return_received_quantity",
  "items.detail.return_dismissed_quantity",
  "items.variant.product_id",
  "items.product.title",
  "items.product.categories.name",
  "items.product.collection.title",
  "items.product.type.value",
]

/** A number from a Query amount, or NaN when it is absent or not numeric. */
export function graphNumber(value: GraphNumber): number {
  if (value === null || value === undefined) return Number.NaN
  if (typeof value === "number") return value
  if (typeof value === "string") return value.trim() === "" ? Number.NaN : Number(value)
  const raw = value as { value?: unknown; numeric?: unknown }
  if (typeof raw.numeric === "number") return raw.numeric
  const primitive = Number(value.valueOf())
  if (!Number.isNaN(primitive)) return primitive
  return typeof raw.value === "string" || typeof raw.value === "number" ? Number(raw.value) : Number.NaN
}

/** Epoch milliseconds of a Query date, or NaN. */
export function graphTime(value: string | Date | null | undefined): number {
  if (value === null || value === undefined) return Number.NaN
  return value instanceof Date ? value.getTime() : Date.parse(value)
}
