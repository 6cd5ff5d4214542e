/**
 * What the plugin's subscribers share: reading an event's ids (Medusa sends `{ id }` or a
 * list of them) and running their work so that nothing is ever thrown back into
 * Medusa's flow (a checkout must not fail because a rescore could not be queued).
 */
import { z } from "zod"
import type { GraphQuery } from "./graph-query"

const idSchema = z.object({ id: z.string().min(1) }).passthrough()
const eventDataSchema = z.union([idSchema, z.array(idSchema)])

/** The ids an event names, without repeats; [] when the payload has none. */
export function eventIds(data: unknown): string[] {
  const parsed = eventDataSchema.safeParse(data)
  if (!parsed.success) return []
  const records = Array.isArray(parsed.data) ? parsed.data : [parsed.data]
  return [...new Set(records.map((record) => record.id))]
}

/** The customers of these orders (orders without a customer give none). */
export async function customersOfOrders(query: GraphQuery, orderIds: string[]): Promise<string[]> {
  if (orderIds.length === 0) return []
  const { data } = await query.graph({ entity: "order", fields: ["id", "customer_id"], filters: { id: orderIds } })
  const ids = (data as { customer_id?: string | null }[]).map((order) => order.customer_id).filter((id): id is string => !!id)
  return [...new Set(ids)]
}

export interface WarningLogger {
  warn(message: string): void
}

/**
 * Runs a subscriber's work; a failure is logged, never thrown: what it would have queued
 * is caught up by the next scheduled run, which reads the whole history again.
 */
export async function withoutThrowing(logger: WarningLogger, event: string, work: () => Promise<void>): Promise<void> {
  try {
    await work()
  } catch (error) {
    logger.warn(`medusa-ml: could not handle ${event} (the next scheduled run catches up): ${error instanceof Error ? error.message : String(error)}`)
  }
}
