/**
 * Which way a merchant expects each behaviour to move churn risk: more days since the
 * last order, or a longer overdue time, raise it; more orders, more spend, a higher
 * chance of being active lower it. Features without an agreed direction (tenure, order
 * size, product breadth) are absent.
 *
 * A model may still use a feature against its expected direction: with correlated inputs
 * (frequency and the BG/NBD expectation move together), setting one of them alone to the
 * typical value can move the risk the "wrong" way. Such a contribution explains the
 * model's arithmetic, not the customer, and reads as nonsense ("overdue... lowers the
 * risk"), so it is not given as a reason.
 */
export const CHURN_DIRECTION: Readonly<Record<string, 1 | -1>> = {
  recency_days: 1,
  recency_over_gap: 1,
  frequency_orders: -1,
  monetary_total: -1,
  orders_last_90d: -1,
  spend_last_90d: -1,
  trend: -1,
  bgnbd_p_alive: -1,
  bgnbd_expected_orders: -1,
}

/**
 * Whether a contribution to churn risk agrees with the expected direction, given how the
 * customer's value compares with the typical one it was measured against. True for a
 * feature without an expected direction, or a value equal to the typical one.
 */
export function agreesWithExpectedDirection(feature: string, value: number, typical: number, contribution: number): boolean {
  const direction = CHURN_DIRECTION[feature]
  if (direction === undefined || value === typical || contribution === 0) return true
  return Math.sign(contribution) === direction * Math.sign(value - typical)
}
