import type { GraphQuery, GraphRequest } from "../../../src/medusa/graph-query"
import type { OrderItemRecord, OrderRecord } from "../../../src/medusa/order-record"

let nextItem = 0

/** A line item of `product` at `unitPrice`, with nothing returned unless overridden. */
export function item(product: string, quantity: number, unitPrice: number, extra: Partial<OrderItemRecord> = {}): OrderItemRecord {
  nextItem += 1
  return {
    id: `item_${nextItem}`,
    product_id: product,
    variant_id: `variant_${product}`,
    quantity,
    unit_price: unitPrice,
    title: `${product} / M`,
    product_title: `Title of ${product}`,
    detail: { quantity, return_received_quantity: 0, return_dismissed_quantity: 0 },
    ...extra,
  }
}

/** A placed order of `customer` on ISO time `at`, in USD unless overridden. */
export function order(id: string, customer: string | null, at: string, items: OrderItemRecord[], extra: Partial<OrderRecord> = {}): OrderRecord {
  return {
    id,
    customer_id: customer,
    status: "pending",
    is_draft_order: false,
    canceled_at: null,
    created_at: at,
    updated_at: at,
    currency_code: "usd",
    shipping_address: { country_code: "us" },
    items,
    ...extra,
  }
}

/**
 * A Query over hand-made stores and orders: applies the reader's filters
 * (is_draft_order, updated_at $gte, customer_id), its sort and skip/take, and records
 * every request.
 */
export function fakeQuery(orders: OrderRecord[], defaultCurrency: string | null = "usd") {
  const requests: GraphRequest[] = []
  const query: GraphQuery = {
    async graph(request) {
      requests.push(request)
      if (request.entity === "store") {
        const currencies = defaultCurrency === null ? [{ currency_code: "eur", is_default: false }] : [{ currency_code: defaultCurrency, is_default: true }]
        return { data: [{ id: "store_1", supported_currencies: currencies }] }
      }
      if (request.entity !== "order") throw new Error(`unexpected entity ${request.entity}`)
      const filters = request.filters ?? {}
      let rows = orders.filter((o) => filters.is_draft_order === undefined || Boolean(o.is_draft_order) === filters.is_draft_order)
      const updated = filters.updated_at as { $gte: Date } | undefined
      if (updated) rows = rows.filter((o) => Date.parse(String(o.updated_at)) >= updated.$gte.getTime())
      const customers = filters.customer_id as string[] | undefined
      if (customers) rows = rows.filter((o) => o.customer_id != null && customers.includes(o.customer_id))
      const created = filters.created_at as { $lt: Date } | undefined
      if (created) rows = rows.filter((o) => Date.parse(String(o.created_at)) < created.$lt.getTime())
      rows = rows.slice().sort((a, b) => Date.parse(String(a.created_at)) - Date.parse(String(b.created_at)) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
      if (request.pagination?.order?.created_at === "DESC") rows.reverse()
      const { skip = 0, take = rows.length } = request.pagination ?? {}
      return { data: rows.slice(skip, skip + take), metadata: { count: rows.length, skip, take } }
    },
  }
  return { query, requests }
}
