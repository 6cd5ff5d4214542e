/**
 * One customer's purchases as (product number, time) pairs, one per distinct product of each
 * order, in the numbering of a fitted model (products it does not know are left out).
 */
import type { OrderLine } from "../data/types"
import type { IndexedHistory } from "./indexed-history"

export interface CustomerPurchases {
  products: Int32Array
  times: Float64Array
  /** True for every product id the customer bought, known to the model or not. */
  isPurchased: (productId: string) => boolean
}

/** A membership test whose set is only built if it is ever asked. */
function lazyMembership(collect: () => Set<string>): (productId: string) => boolean {
  let members: Set<string> | null = null
  return (productId) => (members ??= collect()).has(productId)
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
    isPurchased: (productId) => purchasedIds.has(productId),
  }
}

/** Maps each product number of `history` to the model's number, or -1 when the model does not know it. */
export function productMapping(history: IndexedHistory, productIndex: ReadonlyMap<string, number>): Int32Array {
  return Int32Array.from(history.productIds, (id) => productIndex.get(id) ?? -1)
}

/**
 * Reads customers' purchases from an indexed history one at a time into buffers it reuses: the
 * arrays returned for a customer are only valid until the next call.
 */
export class PurchaseReader {
  private products = new Int32Array(64)
  private times = new Float64Array(64)

  constructor(
    private readonly history: IndexedHistory,
    /** productMapping(history, the model's product index). */
    private readonly mapping: Int32Array,
  ) {}

  of(customer: number): CustomerPurchases {
    const { customerStart, customerOrders, orderStart, orderProducts, orderTime, productIds } = this.history
    const { mapping } = this
    const first = customerStart[customer]
    const end = customerStart[customer + 1]
    let count = 0
    for (let k = first; k < end; k++) {
      const order = customerOrders[k]
      for (let at = orderStart[order]; at < orderStart[order + 1]; at++) {
        const product = mapping[orderProducts[at]]
        if (product < 0) continue
        if (count === this.products.length) this.grow()
        this.products[count] = product
        this.times[count++] = orderTime[order]
      }
    }
    const isPurchased = lazyMembership(() => {
      const ids = new Set<string>()
      for (let k = first; k < end; k++) {
        const order = customerOrders[k]
        for (let at = orderStart[order]; at < orderStart[order + 1]; at++) ids.add(productIds[orderProducts[at]])
      }
      return ids
    })
    return { products: this.products.subarray(0, count), times: this.times.subarray(0, count), isPurchased }
  }

  private grow(): void {
    const products = new Int32Array(2 * this.products.length)
    const times = new Float64Array(2 * this.times.length)
    products.set(this.products)
    times.set(this.times)
    this.products = products
    this.times = times
  }
}
