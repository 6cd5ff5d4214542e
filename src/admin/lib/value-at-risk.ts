/**
 * Customers ranked by value at risk: churn risk × predicted CLV, the value a store
 * expects to lose with each customer. The API sorts by churn risk or by CLV, not by
 * their product, so the ranking is made from the customers of highest CLV.
 */

export interface ValuedCustomer {
  churn_risk: number
  predicted_clv: number
}

export interface ValueAtRiskRanking<T> {
  items: { row: T; valueAtRisk: number }[]
  /**
   * True when no customer outside `rows` could rank among the items: every other
   * customer has a CLV at most the lowest CLV seen, and a churn risk at most 1.
   */
  exact: boolean
}

/**
 * The `top` rows of highest value at risk among `rows`, which must be the customers of
 * highest CLV (sorted by CLV, descending); `complete` says whether they are all of them.
 */
export function rankByValueAtRisk<T extends ValuedCustomer>(rows: readonly T[], top: number, complete: boolean): ValueAtRiskRanking<T> {
  const items = rows
    .map((row) => ({ row, valueAtRisk: row.churn_risk * row.predicted_clv }))
    .sort((a, b) => b.valueAtRisk - a.valueAtRisk)
    .slice(0, top)
  if (complete || rows.length === 0) return { items, exact: true }
  const lowestClvSeen = Math.min(...rows.map((r) => r.predicted_clv))
  const exact = items.length === top && items[items.length - 1].valueAtRisk >= lowestClvSeen
  return { items, exact }
}
