/**
 * Reads the store's orders through Medusa's Query into the engine's OrderHistory:
 * the whole history on first install (backfill), or the orders changed since the
 * last run, or the orders of chosen customers. Pages through orders oldest first.
 */
import { z } from "zod"
import { buildOrderHistory, type OrderHistory } from "../core/data/types"
import { createPricing, currencyRatesSchema, readDefaultCurrency } from "./currency-rates"
import { readPages, type GraphQuery } from "./graph-query"
import { mapOrder, type StoreOrderLine } from "./order-lines"
import { ORDER_FIELDS, type OrderRecord } from "./order-record"
import { StoreHistoryTally, type StoreHistorySummary } from "./store-history-summary"

export const readStoreHistoryOptionsSchema = z
  .object({
    /**
     * Orders fetched per Query call: small pages keep each stretch of work that blocks the
     * server's event loop short, so storefront requests wait less while a training reads.
     * @defaultValue 100
     */
    pageSize: z
      .number({ error: "must be a whole number between 1 and 5000" })
      .int({ error: "must be a whole number between 1 and 5000" })
      .min(1, { error: "must be at least 1" })
      .max(5000, { error: "must be at most 5000" })
      .default(100),
    /**
     * Rates to the store's default currency by currency code, e.g. `{ eur: 1.08 }`.
     * Orders in a currency without a rate count for recency and frequency but carry
     * no amount. @defaultValue {}
     */
    currencyRates: currencyRatesSchema.default({}),
    /**
     * Incremental read: only orders created or changed at or after this time
     * (`updated_at >= since`). Absent: every order (the backfill).
     * @defaultValue undefined
     */
    since: z.date({ error: "must be a Date" }).optional(),
    /**
     * Only the orders of these customers (e.g. to rescore the customers an
     * incremental read reported). Absent: every customer.
     * @defaultValue undefined
     */
    customerIds: z.array(z.string().min(1, { error: "must not contain empty ids" }), { error: "must be a list of customer ids" }).optional(),
  })
  .strict()

/** The options as a caller writes them. */
export type ReadStoreHistoryOptions = z.input<typeof readStoreHistoryOptionsSchema>

export interface StoreHistory {
  /** The kept lines (each a StoreOrderLine, see its `priced` flag), sorted by time. */
  history: OrderHistory
  summary: StoreHistorySummary
}

/** Oldest first, ties broken by id, so pages never overlap or skip an order. */
const ORDER_SORT = { created_at: "ASC", id: "ASC" } as const

/**
 * Reads orders through Query (`query` is the container's ContainerRegistrationKeys.QUERY)
 * and maps them to order lines; see mapOrder for what is kept. Throws a ZodError on
 * bad options and a CurrencySetupError when the store has no default currency or a
 * rate is given for it.
 */
export async function readStoreHistory(query: GraphQuery, options: ReadStoreHistoryOptions = {}): Promise<StoreHistory> {
  const { pageSize, currencyRates, since, customerIds } = readStoreHistoryOptionsSchema.parse(options)
  const pricing = createPricing(await readDefaultCurrency(query), currencyRates)
  const filters: Record<string, unknown> = { is_draft_order: false }
  if (since !== undefined) filters.updated_at = { $gte: since }
  if (customerIds !== undefined) filters.customer_id = customerIds

  const tally = new StoreHistoryTally(pricing.defaultCurrency)
  const lines: StoreOrderLine[] = []
  const pages = await readPages<OrderRecord>(
    query,
    { entity: "order", fields: ORDER_FIELDS, filters },
    { pageSize, order: ORDER_SORT },
    (orders) => {
      for (const order of orders) {
        const mapped = mapOrder(order, pricing)
        tally.add(mapped)
        for (const line of mapped.lines) lines.push(line)
      }
    }
  )
  return { history: buildOrderHistory(lines), summary: tally.result(pages) }
}
