/**
 * Customer feature rows at a cutoff: the numeric features of feature-names.ts for every
 * customer with at least one line strictly before the cutoff, plus their country.
 */
import type { OrderHistory } from "../data/types"
import { InvalidInputError } from "../errors"
import type { BgNbdModel } from "../probabilistic/bgnbd"
import { bgnbdFeatures } from "./bgnbd-features"
import { DAY_MS, gatherActivity, type CustomerActivity } from "./customer-activity"
import { FEATURE_COUNT, FEATURE_INDEX } from "./feature-names"

export interface FeatureRowsOptions {
  /** Prediction horizon in days: the window of bgnbd_expected_orders. */
  horizonDays: number
  /**
   * The BG/NBD model of the bgnbd_* features (null: the run-rate fallback), as fitted on a
   * whole population and stored with a model version: rows of some customers then get what
   * rows of everyone give them.
   * @defaultValue fitted on the customers of these rows (see bgnbd-features.ts)
   */
  bgnbdModel?: BgNbdModel | null
}

export interface FeatureRows {
  /** Customers in the order of their first line. */
  customerIds: string[]
  /** Row-major, FEATURE_COUNT values per customer in the order of FEATURE_NAMES. */
  values: Float64Array
  /** Per customer: the country of their latest line that names one, "" when none does. */
  countries: string[]
  /** false when the BG/NBD features hold the neutral fallback (see bgnbd-features.ts). */
  bgnbdFitted: boolean
  /** The BG/NBD model of the features: the given one, or the one fitted here; null: the fallback. */
  bgnbdModel: BgNbdModel | null
}

/**
 * Builds the feature rows of every customer with a line strictly before `cutoff`
 * (epoch ms, exclusive); nothing at or after the cutoff is read. The history's lines
 * must be sorted by time, as buildOrderHistory leaves them.
 */
export function buildFeatureRows(history: OrderHistory, cutoff: number, options: FeatureRowsOptions): FeatureRows {
  const { horizonDays } = options
  if (!Number.isFinite(cutoff)) throw new InvalidInputError(`cutoff must be a finite epoch ms, got ${cutoff}`, "cutoff")
  checkHorizonDays(horizonDays)
  const { customers, orders } = gatherActivity(history.lines, cutoff)
  const customerIds = customers.map((customer) => customer.customerId)
  const values = new Float64Array(customers.length * FEATURE_COUNT)
  customers.forEach((customer, i) => writeActivityFeatures(values, i * FEATURE_COUNT, customer, cutoff))

  const runRates = customers.map((customer) => ({
    orders: customer.orders,
    tenureDays: (cutoff - customer.firstOrderAt) / DAY_MS,
  }))
  const bgnbd = bgnbdFeatures(orders, customerIds, runRates, cutoff, horizonDays, options.bgnbdModel)
  for (let i = 0; i < customers.length; i++) {
    values[i * FEATURE_COUNT + FEATURE_INDEX.bgnbd_p_alive] = bgnbd.pAlive[i]
    values[i * FEATURE_COUNT + FEATURE_INDEX.bgnbd_expected_orders] = bgnbd.expectedOrders[i]
  }
  return {
    customerIds,
    values,
    countries: customers.map((customer) => customer.country),
    bgnbdFitted: bgnbd.fitted,
    bgnbdModel: bgnbd.model,
  }
}

/** Throws InvalidInputError unless horizonDays is a finite number > 0. */
export function checkHorizonDays(horizonDays: number, field = "horizonDays"): void {
  if (!Number.isFinite(horizonDays) || horizonDays <= 0) {
    throw new InvalidInputError(`${field} must be a finite number > 0, got ${horizonDays}`, field)
  }
}

/** Writes every feature except the BG/NBD ones into values[offset ...]. */
function writeActivityFeatures(values: Float64Array, offset: number, c: CustomerActivity, cutoff: number): void {
  const recencyDays = (cutoff - c.lastOrderAt) / DAY_MS
  const tenureDays = (cutoff - c.firstOrderAt) / DAY_MS
  const meanGapDays = c.orders > 1 ? c.gapMean : tenureDays
  // Population std of the orders - 1 gaps over their mean; needs at least 2 gaps.
  const gapCv = c.orders >= 3 && c.gapMean > 0 ? Math.sqrt(c.gapSquares / (c.orders - 1)) / c.gapMean : 0
  const set = (name: keyof typeof FEATURE_INDEX, value: number): void => {
    values[offset + FEATURE_INDEX[name]] = value
  }
  set("recency_days", recencyDays)
  set("frequency_orders", c.orders)
  set("monetary_total", c.spend)
  set("tenure_days", tenureDays)
  set("mean_gap_days", meanGapDays)
  set("gap_cv", gapCv)
  set("recency_over_gap", recencyDays / Math.max(meanGapDays, 1))
  set("avg_order_value", c.pricedOrders > 0 ? c.spend / c.pricedOrders : 0)
  set("lines_per_order", c.lines / c.orders)
  set("items_per_order", c.items / c.orders)
  set("distinct_products", c.products.size)
  set("distinct_categories", c.categories.size)
  set("orders_last_90d", c.ordersLastWindow)
  set("orders_prev_90d", c.ordersPreviousWindow)
  set("spend_last_90d", c.spendLastWindow)
  set("trend", c.ordersLastWindow - c.ordersPreviousWindow)
}
