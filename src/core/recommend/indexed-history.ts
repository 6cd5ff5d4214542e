/**
 * An order history with integer ids, laid out in typed arrays for the recommenders' hot loops:
 * products, customers and orders are numbered in order of first appearance, each order lists
 * its distinct products (in order of first appearance within the order) and each customer
 * lists their orders oldest first.
 */
import { orderKey, type OrderHistory, type OrderLine } from "../data/types"

export interface IndexedHistory {
  /** Product number -> product id. */
  productIds: string[]
  productIndex: Map<string, number>
  /** Customer number -> customer id. */
  customerIds: string[]
  /** orderProducts[orderStart[o] .. orderStart[o + 1]) are the distinct products of order o. */
  orderStart: Int32Array
  orderProducts: Int32Array
  /** Epoch ms of each order (its earliest line). */
  orderTime: Float64Array
  orderCustomer: Int32Array
  /** customerOrders[customerStart[c] .. customerStart[c + 1]) are customer c's orders, oldest first. */
  customerStart: Int32Array
  customerOrders: Int32Array
  /** orderedAt of the last line; NaN when there are no lines. */
  lastAt: number
}

export function isIndexedHistory(value: OrderHistory | IndexedHistory): value is IndexedHistory {
  return "orderStart" in value
}

function numberer(ids: string[], index: Map<string, number>): (id: string) => number {
  return (id) => {
    let number = index.get(id)
    if (number === undefined) {
      number = ids.length
      index.set(id, number)
      ids.push(id)
    }
    return number
  }
}

/**
 * Numbers orders by customer and order id (two customers never share an order), in order of
 * first appearance. An order id mostly belongs to one customer, so an order is found by its id
 * alone; the composite key is only built for an id another customer used first.
 */
class OrderNumbering {
  count = 0
  private readonly byId = new Map<string, number>()
  private readonly customerOf: string[] = []
  private readonly byKey = new Map<string, number>()

  numberOf(line: Pick<OrderLine, "orderId" | "customerId">): number {
    const first = this.byId.get(line.orderId)
    if (first === undefined) {
      this.byId.set(line.orderId, this.count)
      this.customerOf.push(line.customerId)
      return this.count++
    }
    if (this.customerOf[first] === line.customerId) return first
    const key = orderKey(line)
    let number = this.byKey.get(key)
    if (number === undefined) {
      number = this.count++
      this.customerOf.push(line.customerId)
      this.byKey.set(key, number)
    }
    return number
  }
}

/** Indexes `history` in O(lines). */
export function indexHistory(history: OrderHistory): IndexedHistory {
  const { lines } = history
  const productIds: string[] = []
  const productIndex = new Map<string, number>()
  const customerIds: string[] = []
  const productOf = numberer(productIds, productIndex)
  const customerOf = numberer(customerIds, new Map())
  const orders = new OrderNumbering()

  const lineProduct = new Int32Array(lines.length)
  const lineOrder = new Int32Array(lines.length)
  const orderTimes: number[] = []
  const orderCustomers: number[] = []
  let previous: OrderHistory["lines"][number] | undefined
  lines.forEach((line, at) => {
    lineProduct[at] = productOf(line.productId)
    // An order's lines mostly follow one another, and then the previous line's number is the order's.
    const sameOrder = previous !== undefined && previous.orderId === line.orderId && previous.customerId === line.customerId
    const order = sameOrder ? lineOrder[at - 1] : orders.numberOf(line)
    lineOrder[at] = order
    previous = line
    if (order === orderTimes.length) {
      orderTimes.push(line.orderedAt)
      orderCustomers.push(customerOf(line.customerId))
    }
  })

  const orderCount = orderTimes.length
  const { start: orderStart, members: orderProducts } = groupDistinct(lineOrder, lineProduct, orderCount, productIds.length)
  const orderCustomer = Int32Array.from(orderCustomers)
  const orderIds = new Int32Array(orderCount)
  for (let order = 0; order < orderCount; order++) orderIds[order] = order
  // Lines are sorted by time, so orders are numbered by their first line's time: oldest first per customer.
  const { start: customerStart, members: customerOrders } = groupDistinct(
    orderCustomer,
    orderIds,
    customerIds.length,
    orderCount,
  )
  return {
    productIds,
    productIndex,
    customerIds,
    orderStart,
    orderProducts,
    orderTime: Float64Array.from(orderTimes),
    orderCustomer,
    customerStart,
    customerOrders,
    lastAt: lines.length > 0 ? lines[lines.length - 1].orderedAt : Number.NaN,
  }
}

/**
 * Compressed rows: for each group g < groupCount, the distinct values v (< valueCount) of the
 * pairs (group[i], value[i]), in order of first appearance.
 */
function groupDistinct(
  group: Int32Array,
  value: Int32Array,
  groupCount: number,
  valueCount: number,
): { start: Int32Array; members: Int32Array } {
  const start = new Int32Array(groupCount + 1)
  for (let i = 0; i < group.length; i++) start[group[i] + 1]++
  for (let g = 0; g < groupCount; g++) start[g + 1] += start[g]
  const fill = start.slice(0, groupCount)
  const all = new Int32Array(group.length)
  for (let i = 0; i < group.length; i++) all[fill[group[i]]++] = value[i]

  const lastGroup = new Int32Array(valueCount).fill(-1)
  const distinctStart = new Int32Array(groupCount + 1)
  let write = 0
  for (let g = 0; g < groupCount; g++) {
    for (let i = start[g]; i < start[g + 1]; i++) {
      const v = all[i]
      if (lastGroup[v] === g) continue
      lastGroup[v] = g
      all[write++] = v
    }
    distinctStart[g + 1] = write
  }
  return { start: distinctStart, members: all.slice(0, write) }
}
