import { formatInteger, formatOneDecimal, formatPercent, formatSpan, plural, times } from "./format-numbers"

/**
 * Plain-word templates, one per customer feature. Each turns the customer's raw value
 * (and a few related facts) into a short sentence with numbers.
 *
 * Wording and sign: `favourable` is true when the feature pushes towards buying (it lowers
 * the churn risk or raises the purchase probability). Facts that are true either way pick
 * the phrasing that matches the sign ("ordered 5 days ago" against "no order for 142 days");
 * size words ("large", "narrow", "only") follow the sign, i.e. they say on which side of a
 * typical customer the model places this value. Facts with a natural threshold (p(alive)
 * at 50%, overdue when the recency/gap ratio passes 1) follow the value.
 */
export interface ReasonContext {
  /** Feature name, e.g. "recency_days" or "country_DE". */
  feature: string
  /** The customer's value of this feature (finite). */
  value: number
  /** The customer's finite raw feature values. */
  facts: ReadonlyMap<string, number>
  /** True when this feature pushes towards buying: lowers the churn risk or raises the purchase probability. */
  favourable: boolean
  /** Days the prediction looks ahead. */
  horizonDays: number
  /** Formats an amount of money with the merchant's currency symbol. */
  money: (amount: number) => string
}

export type ReasonTemplate = (c: ReasonContext) => string

/** Up to this many days since the first order a customer reads as "new". */
const NEW_CUSTOMER_DAYS = 60
/** Gaps whose coefficient of variation is at most this read as a regular pace. */
const REGULAR_GAP_CV = 0.5

const withUsualGap = (c: ReasonContext): string => {
  const gap = c.facts.get("mean_gap_days")
  const orders = c.facts.get("frequency_orders")
  return gap !== undefined && gap > 0 && (orders === undefined || orders >= 2) ? `; usually orders every ${formatInteger(gap)}` : ""
}

const overTenure = (c: ReasonContext): string => {
  const tenure = c.facts.get("tenure_days")
  return tenure !== undefined && tenure >= 1 ? ` in ${formatSpan(tenure)}` : ""
}

const only = (c: ReasonContext): string => (c.favourable ? "" : "only ")

const countInWindow = (window: string) => (c: ReasonContext) =>
  Math.round(c.value) === 0 ? `no order ${window}` : `ordered ${only(c)}${times(c.value)} ${window}`

const orderedAgo = (days: number): string => (Math.round(days) === 0 ? "ordered today" : `ordered ${plural(days, "day")} ago`)

const trendWords = (delta: number): string =>
  delta < 0 ? "orders are slowing" : delta > 0 ? "orders are picking up" : "orders are steady"

export const REASON_TEMPLATES: Readonly<Record<string, ReasonTemplate>> = {
  recency_days: (c) => (c.favourable ? orderedAgo(c.value) : `no order for ${plural(c.value, "day")}${withUsualGap(c)}`),
  frequency_orders: (c) => `ordered ${only(c)}${times(c.value)}${overTenure(c)}`,
  monetary_total: (c) => `spent ${only(c)}${c.money(c.value)} in total`,
  tenure_days: (c) =>
    c.value <= NEW_CUSTOMER_DAYS
      ? `a new customer: first order ${plural(c.value, "day")} ago`
      : `a customer for ${formatSpan(c.value)}`,
  mean_gap_days: (c) =>
    c.value > 0 ? `usually orders every ${plural(c.value, "day")}` : "only one order so far, so no usual rhythm yet",
  gap_cv: (c) =>
    `orders at ${c.value <= REGULAR_GAP_CV ? "a regular" : "an irregular"} pace: the time between orders varies by ${formatPercent(c.value)}`,
  recency_over_gap: (c) =>
    c.value > 1
      ? `overdue: ${formatOneDecimal(c.value)} times the usual time between orders has passed`
      : `not yet due: ${formatPercent(c.value)} of the usual time between orders has passed`,
  avg_order_value: (c) => `orders are ${c.favourable ? "large" : "small"}: ${c.money(c.value)} on average`,
  lines_per_order: (c) =>
    `puts ${c.favourable ? "many" : "few"} products in each order: ${formatOneDecimal(c.value)} on average`,
  items_per_order: (c) => `buys ${c.favourable ? "many" : "few"} units per order: ${formatOneDecimal(c.value)} on average`,
  distinct_products: (c) =>
    `buys from a ${c.favourable ? "wide" : "narrow"} range: ${plural(c.value, "different product")}`,
  distinct_categories: (c) =>
    `buys ${c.favourable ? "across" : "in only"} ${plural(c.value, "category", "categories")}`,
  orders_last_90d: countInWindow("in the last 90 days"),
  orders_prev_90d: countInWindow("between 91 and 180 days ago"),
  spend_last_90d: (c) =>
    Math.round(c.value * 100) === 0
      ? "spent nothing in the last 90 days"
      : `spent ${only(c)}${c.money(c.value)} in the last 90 days`,
  trend: (c) => {
    const last = c.facts.get("orders_last_90d")
    const before = c.facts.get("orders_prev_90d")
    if (last === undefined || before === undefined) return trendWords(c.value)
    const counts = `${formatInteger(last)} in the last 90 days`
    return last === before
      ? `orders are steady: ${counts}, as in the 90 days before`
      : `${trendWords(last - before)}: ${counts} against ${formatInteger(before)} before`
  },
  bgnbd_p_alive: (c) =>
    c.value >= 0.5
      ? `likely still active (BG/NBD ${formatPercent(c.value)})`
      : `may have stopped buying (BG/NBD: ${formatPercent(c.value)} chance still active)`,
  bgnbd_expected_orders: (c) =>
    `expected orders in the next ${plural(c.horizonDays, "day")}: ${formatOneDecimal(c.value)} (BG/NBD)`,
}
