/**
 * The contexts in which two products co-occur, with the weights the co-occurrence counts use:
 * - order contexts ("bought together"): the distinct products of one order, each weighing the
 *   decay of the order's age;
 * - customer contexts ("similar", also bought): one customer's distinct products, each weighing
 *   the decay of the age of the customer's latest order containing it.
 * A context keeps at most `maxContextItems` products (an order its first ones, a customer their
 * most recently bought ones), so counting pairs costs at most maxContextItems × lines: building
 * grows linearly in lines even for customers with thousands of products.
 */
import { decayWeight } from "./decay"
import type { IndexedHistory } from "./indexed-history"

export interface WeightedContexts {
  /** items[start[c] .. start[c + 1]) are the products of context c. */
  start: Int32Array
  items: Int32Array
  /** Weight of each entry of items (its time decay). */
  weights: Float64Array
  /** Per context: size^(-contextSizeExponent), the down-weighting of large contexts. */
  factor: Float64Array
}

export interface ContextOptions {
  /** Reference time (epoch ms) the ages are measured from. */
  asOf: number
  halfLifeDays: number | null
  maxContextItems: number
  contextSizeExponent: number
}

class ContextBuilder {
  private readonly starts: number[] = [0]
  private readonly items: number[] = []
  private readonly weights: number[] = []

  add(item: number, weight: number): void {
    this.items.push(item)
    this.weights.push(weight)
  }

  close(): void {
    this.starts.push(this.items.length)
  }

  finish(contextSizeExponent: number): WeightedContexts {
    const start = Int32Array.from(this.starts)
    const factor = new Float64Array(start.length - 1)
    for (let c = 0; c < factor.length; c++) factor[c] = Math.pow(Math.max(1, start[c + 1] - start[c]), -contextSizeExponent)
    return { start, items: Int32Array.from(this.items), weights: Float64Array.from(this.weights), factor }
  }
}

export function orderContexts(history: IndexedHistory, options: ContextOptions): WeightedContexts {
  const { orderStart, orderProducts, orderTime } = history
  const builder = new ContextBuilder()
  for (let order = 0; order < orderTime.length; order++) {
    const weight = decayWeight(options.asOf - orderTime[order], options.halfLifeDays)
    const end = Math.min(orderStart[order + 1], orderStart[order] + options.maxContextItems)
    for (let at = orderStart[order]; at < end; at++) builder.add(orderProducts[at], weight)
    builder.close()
  }
  return builder.finish(options.contextSizeExponent)
}

export function customerContexts(history: IndexedHistory, options: ContextOptions): WeightedContexts {
  const { customerStart, customerOrders, orderStart, orderProducts, orderTime } = history
  const lastCustomer = new Int32Array(history.productIds.length).fill(-1)
  const builder = new ContextBuilder()
  for (let customer = 0; customer + 1 < customerStart.length; customer++) {
    let kept = 0
    // Newest order first: each product weighs the decay of its latest purchase.
    for (let k = customerStart[customer + 1] - 1; k >= customerStart[customer] && kept < options.maxContextItems; k--) {
      const order = customerOrders[k]
      const weight = decayWeight(options.asOf - orderTime[order], options.halfLifeDays)
      for (let at = orderStart[order]; at < orderStart[order + 1] && kept < options.maxContextItems; at++) {
        const product = orderProducts[at]
        if (lastCustomer[product] === customer) continue
        lastCustomer[product] = customer
        builder.add(product, weight)
        kept++
      }
    }
    builder.close()
  }
  return builder.finish(options.contextSizeExponent)
}
