import { buildOrderHistory, type OrderHistory, type OrderLine } from "../../../../src/core/data/types"

export const DAY_MS = 86_400_000
const START = Date.UTC(2024, 0, 1)

/** Epoch ms of `days` after 2024-01-01 00:00 UTC. */
export function day(days: number): number {
  return START + days * DAY_MS
}

/** One order: customer, order id, day, products (one line each, in this order). */
export type Basket = [customerId: string, orderId: string, days: number, products: string[]]

export function basketLines(baskets: readonly Basket[]): OrderLine[] {
  return baskets.flatMap(([customerId, orderId, days, products]) =>
    products.map((productId) => ({ customerId, orderId, orderedAt: day(days), productId, quantity: 1, unitPrice: 1 })),
  )
}

export function historyOf(baskets: readonly Basket[]): OrderHistory {
  return buildOrderHistory(basketLines(baskets))
}

export function ids(items: ReadonlyArray<{ productId: string }>): string[] {
  return items.map((item) => item.productId)
}

/**
 * A small store: A and B are bought together in three orders, A and C in one, D alone is the
 * best seller by order count, E only with D.
 */
export const STORE: Basket[] = [
  ["c1", "o1", 1, ["A", "B"]],
  ["c2", "o2", 2, ["A", "B"]],
  ["c3", "o3", 3, ["A", "B", "C"]],
  ["c4", "o4", 4, ["D"]],
  ["c5", "o5", 5, ["D"]],
  ["c6", "o6", 6, ["D", "E"]],
  ["c7", "o7", 7, ["D"]],
  ["c1", "o8", 8, ["A", "C"]],
]
