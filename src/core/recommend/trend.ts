/**
 * How much faster a product sells lately than usual:
 *   t_i = (r_i + 1) / (b_i · recentDays / baselineDays + 1)
 * with r_i the orders holding i in the last recentDays before asOf and b_i those in the last
 * baselineDays: the recent count against the count the longer window predicts, smoothed by 1
 * so that products with few orders stay near 1. Seasonal products rise above 1 in season.
 */
import { DAY_MS } from "./decay"
import type { IndexedHistory } from "./indexed-history"

export interface TrendWindows {
  recentDays: number
  baselineDays: number
}

export interface Trend {
  /** t_i per product number. */
  ratios: Float64Array
  /** r_i per product number. */
  recentOrders: Float64Array
}

export function trendRatios(history: IndexedHistory, asOf: number, windows: TrendWindows): Trend {
  const productCount = history.productIds.length
  const recentOrders = new Float64Array(productCount)
  const baselineOrders = new Float64Array(productCount)
  const recentSpan = windows.recentDays * DAY_MS
  const baselineSpan = windows.baselineDays * DAY_MS
  for (let order = 0; order < history.orderTime.length; order++) {
    const age = asOf - history.orderTime[order]
    if (age > baselineSpan) continue
    for (let at = history.orderStart[order]; at < history.orderStart[order + 1]; at++) {
      const product = history.orderProducts[at]
      baselineOrders[product]++
      if (age <= recentSpan) recentOrders[product]++
    }
  }
  const expectedShare = windows.recentDays / windows.baselineDays
  const ratios = new Float64Array(productCount)
  for (let product = 0; product < productCount; product++) {
    ratios[product] = (recentOrders[product] + 1) / (baselineOrders[product] * expectedShare + 1)
  }
  return { ratios, recentOrders }
}
