/**
 * Buy-again: how likely a product is bought again by a customer who already has it.
 *   repeat rate  ρ_i = (r_i + 1) / (b_i + 2)
 * with b_i the customers who bought i and r_i those who bought it in at least two orders (the
 * Laplace-smoothed share of repeat buyers: 1/2 with no evidence, towards r_i / b_i with more).
 * A customer's buy-again score of i (for-you.ts) is their recency-weighted purchase count of i
 * times ρ_i^γ: staples they buy often and lately come first, one-off purchases last.
 */
import type { IndexedHistory } from "./indexed-history"
import { roundScore } from "./round"

export interface RepeatRates {
  /** ρ_i per product number. */
  rates: Float64Array
  /** Customer-product pairs bought in two orders or more: 0 means the store shows no repeat buying. */
  repeatPairs: number
}

export function repeatRates(history: IndexedHistory): RepeatRates {
  const productCount = history.productIds.length
  const buyers = new Float64Array(productCount)
  const repeaters = new Float64Array(productCount)
  const lastCustomer = new Int32Array(productCount).fill(-1)
  const ordersOfCustomer = new Int32Array(productCount)
  const { customerStart, customerOrders, orderStart, orderProducts } = history
  let repeatPairs = 0
  for (let customer = 0; customer + 1 < customerStart.length; customer++) {
    for (let k = customerStart[customer]; k < customerStart[customer + 1]; k++) {
      const order = customerOrders[k]
      for (let at = orderStart[order]; at < orderStart[order + 1]; at++) {
        const product = orderProducts[at]
        if (lastCustomer[product] !== customer) {
          lastCustomer[product] = customer
          ordersOfCustomer[product] = 0
          buyers[product]++
        }
        // Products are distinct within an order, so this counts the customer's orders holding the product.
        if (++ordersOfCustomer[product] === 2) {
          repeaters[product]++
          repeatPairs++
        }
      }
    }
  }
  const rates = new Float64Array(productCount)
  for (let product = 0; product < productCount; product++) {
    rates[product] = roundScore((repeaters[product] + 1) / (buyers[product] + 2))
  }
  return { rates, repeatPairs }
}
