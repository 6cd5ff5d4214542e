/**
 * One customer's purchases as (product number, time) pairs, one per distinct product of each
 * order, in the numbering of a fitted model (products it does not know are left out).
 */
import type { OrderLine } from "../data/types"
import type { IndexedHistory } from "./indexed-history"

export interface CustomerPurchases {
  products: Int32Array
  times: Float64Array
  /** Every product id the customer bought, known to the model or not. */
  purchasedIds: Set<string>
}

/** The lines a customer's purchases are read from. */
export type PurchaseLine = Pick<OrderLine, "orderId" | "productId" | "orderedAt">

export function purchasesFromLines(
  lines: readonly PurchaseLine[],
  productIndex: ReadonlyMap<string, number>,
): CustomerPurchases {
  const firstAt = new Map<string, { product: number; at: number }>()
  const purchasedIds = new Set<string>()
  for (const line of lines) {
    purchasedIds.add(line.productId)
    const product = productIndex.get(line.productId)
    if (product === undefined) continue
    const key = `${line.orderId}\u0000${line.productId}`
    const known = firstAt.get(key)
    if (known === undefined || line.orderedAt < known.at) firstAt.set(key, { product, at: line.orderedAt })
  }
  const pairs = Array.from(firstAt.values())
  return {
    products: Int32Array.from(pairs, (pair) => pair.product),
    times: Float64Array.from(pairs, (pair) => pair.at),
    purchasedIds,
  }
}

/** Maps each product number of `history` to the model's number, or -1 when the model does not know it. */
export function productMapping(history: IndexedHistory, productIndex: ReadonlyMap<string, number>): Int32Array {
  return Int32Array.from(history.productIds, (id) => productIndex.get(id) ?? -1)
}

export function purchasesOfCustomer(history: IndexedHistory, customer: number, mapping: Int32Array): CustomerPurchases {
  const products: number[] = []
  const times: number[] = []
  const purchasedIds = new Set<string>()
  const { customerStart, customerOrders, orderStart, orderProducts, orderTime, productIds } = history
  for (let k = customerStart[customer]; k < customerStart[customer + 1]; k++) {
    const order = customerOrders[k]
    for (let at = orderStart[order]; at < orderStart[order + 1]; at++) {
      purchasedIds.add(productIds[orderProducts[at]])
      const product = mapping[orderProducts[at]]
      if (product < 0) continue
      products.push(product)
      times.push(orderTime[order])
    }
  }
  return { products: Int32Array.from(products), times: Float64Array.from(times), purchasedIds }
}
