/**
 * The numeric customer features, in the column order of every feature matrix.
 * All of them are computed from a customer's lines strictly before a cutoff. Orders are
 * lines grouped by orderId; an order's time is the time of its first line. Times are
 * measured in days (fractional: 36 hours = 1.5 days). Amounts sum the priced lines only:
 * a line with `priced: false` (amount unknown) counts for orders and products, not amounts.
 *
 * `heavyTailed` marks non-negative features with a long right tail (counts, amounts,
 * durations): the caller passes them through sign(x) · ln(1 + |x|) before scaling
 * (StandardScaler's log1pColumns, see {@link heavyTailedFeatureIndices}).
 */

/** Length of the recent-activity windows of orders_last_90d, orders_prev_90d and spend_last_90d. */
export const ACTIVITY_WINDOW_DAYS = 90

export const FEATURES = [
  { name: "recency_days", heavyTailed: true, description: "cutoff - time of the last order, days" },
  { name: "frequency_orders", heavyTailed: true, description: "distinct orders" },
  { name: "monetary_total", heavyTailed: true, description: "sum of quantity · unitPrice over the priced lines" },
  { name: "tenure_days", heavyTailed: true, description: "cutoff - time of the first order, days" },
  {
    name: "mean_gap_days",
    heavyTailed: true,
    description: "mean days between consecutive orders; tenure_days when there is one order",
  },
  {
    name: "gap_cv",
    heavyTailed: false,
    description: "population std / mean of the gaps between orders; 0 with fewer than 3 orders or a zero mean gap",
  },
  {
    name: "recency_over_gap",
    heavyTailed: true,
    description: "recency_days / max(mean_gap_days, 1): how overdue the next order is (1 = one usual gap)",
  },
  {
    name: "avg_order_value",
    heavyTailed: true,
    description: "monetary_total / orders with a priced line; 0 when there is none",
  },
  { name: "lines_per_order", heavyTailed: true, description: "lines / frequency_orders" },
  { name: "items_per_order", heavyTailed: true, description: "sum of quantity / frequency_orders" },
  { name: "distinct_products", heavyTailed: true, description: "distinct productIds" },
  {
    name: "distinct_categories",
    heavyTailed: true,
    description: "distinct categories named on the lines; 0 when the lines carry none",
  },
  { name: "orders_last_90d", heavyTailed: true, description: "orders in [cutoff - 90 days, cutoff)" },
  { name: "orders_prev_90d", heavyTailed: true, description: "orders in [cutoff - 180 days, cutoff - 90 days)" },
  {
    name: "spend_last_90d",
    heavyTailed: true,
    description: "value of the priced lines of the orders in [cutoff - 90 days, cutoff)",
  },
  { name: "trend", heavyTailed: false, description: "orders_last_90d - orders_prev_90d (may be negative)" },
  {
    name: "bgnbd_p_alive",
    heavyTailed: false,
    description: "BG/NBD probability that the customer is still active (1 when the model could not be fitted)",
  },
  {
    name: "bgnbd_expected_orders",
    heavyTailed: true,
    description:
      "BG/NBD expected purchase days within the horizon; when not fitted, frequency_orders / max(tenure_days, horizon) · horizon",
  },
] as const

export type FeatureName = (typeof FEATURES)[number]["name"]

/** Feature names in column order. */
export const FEATURE_NAMES: readonly FeatureName[] = FEATURES.map((feature) => feature.name)

export const FEATURE_COUNT = FEATURES.length

/** Column of each feature. */
export const FEATURE_INDEX = Object.fromEntries(FEATURE_NAMES.map((name, column) => [name, column])) as Readonly<
  Record<FeatureName, number>
>

/** Columns of the heavy-tailed features, for StandardScaler's log1pColumns. */
export function heavyTailedFeatureIndices(): number[] {
  const columns: number[] = []
  FEATURES.forEach((feature, column) => {
    if (feature.heavyTailed) columns.push(column)
  })
  return columns
}
