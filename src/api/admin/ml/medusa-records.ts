/**
 * The Medusa records the admin routes show beside the plugin's own data (customers,
 * products, a customer's orders), read through Medusa's Query by id, in chunks.
 */
import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import type { GraphQuery } from "../../../medusa"
import { readPages } from "../../../medusa/graph-query"
import type { CustomerCard, ProductCard } from "./response-types"

/** Ids per Query call. */
const CHUNK = 500

export type { CustomerCard, ProductCard }

export interface CustomerOrderDate {
  createdAt: Date
  /** False for canceled and draft orders, which no training uses. */
  counted: boolean
}

export function queryOf(scope: MedusaContainer): GraphQuery {
  return scope.resolve<GraphQuery>(ContainerRegistrationKeys.QUERY)
}

/** The customers that exist among `ids`, by id. */
export async function customersById(query: GraphQuery, ids: readonly string[]): Promise<Map<string, CustomerCard>> {
  const records = await byIds<Partial<CustomerCard> & { id: string }>(query, "customer", ["id", "email", "first_name", "last_name"], ids)
  return new Map(
    records.map((c) => [c.id, { id: c.id, email: c.email ?? null, first_name: c.first_name ?? null, last_name: c.last_name ?? null }])
  )
}

/** The products that exist among `ids`, by id. */
export async function productsById(query: GraphQuery, ids: readonly string[]): Promise<Map<string, ProductCard>> {
  const records = await byIds<Partial<ProductCard> & { id: string }>(query, "product", ["id", "title", "handle", "thumbnail", "status"], ids)
  return new Map(
    records.map((p) => [p.id, { id: p.id, title: p.title ?? "", handle: p.handle ?? "", thumbnail: p.thumbnail ?? null, status: p.status ?? "" }])
  )
}

interface OrderRecord {
  created_at?: string | Date | null
  status?: string | null
  canceled_at?: string | Date | null
  is_draft_order?: boolean | null
}

/** When each of a customer's orders was placed, and whether a training counts it. */
export async function customerOrderDates(query: GraphQuery, customerId: string): Promise<CustomerOrderDate[]> {
  const orders: CustomerOrderDate[] = []
  await readPages<OrderRecord>(
    query,
    { entity: "order", fields: ["id", "created_at", "status", "canceled_at", "is_draft_order"], filters: { customer_id: customerId } },
    { pageSize: CHUNK, order: { created_at: "ASC", id: "ASC" } },
    (records) => {
      for (const o of records) {
        if (!o.created_at) continue
        const counted = o.status !== "canceled" && o.status !== "draft" && !o.canceled_at && o.is_draft_order !== true
        orders.push({ createdAt: new Date(o.created_at), counted })
      }
    }
  )
  return orders
}

async function byIds<T>(query: GraphQuery, entity: string, fields: string[], ids: readonly string[]): Promise<T[]> {
  const unique = [...new Set(ids)]
  const found: T[] = []
  for (let start = 0; start < unique.length; start += CHUNK) {
    const chunk = unique.slice(start, start + CHUNK)
    const { data } = await query.graph({ entity, fields, filters: { id: chunk }, pagination: { skip: 0, take: chunk.length } })
    found.push(...(data as T[]))
  }
  return found
}
