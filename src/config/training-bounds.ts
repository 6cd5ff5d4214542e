import { z } from "zod"

/**
 * Bounds and defaults of every training setting, declared once: the plugin options,
 * the `train` job payload and the CLI's flags all read them from here, so a merchant's
 * option, a queued job and a command line accept exactly the same values.
 */
export interface WholeNumberBound {
  min: number
  max: number
  default: number
  /** Shown after the number in messages ("at least 7 days"). */
  unit?: "days"
}

export const TRAINING_BOUNDS = {
  horizonDays: { min: 7, max: 730, default: 90, unit: "days" },
  /** Its default is the horizon (a setting left out follows `horizonDays`); 90 is shown only as the horizon's default. */
  churnWindowDays: { min: 7, max: 730, default: 90, unit: "days" },
  clvHorizonDays: { min: 30, max: 3650, default: 365, unit: "days" },
  seed: { min: 0, max: 2 ** 31 - 1, default: 42 },
  trials: { min: 3, max: 200, default: 24 },
  listSize: { min: 1, max: 100, default: 20 },
} as const satisfies Record<string, WholeNumberBound>

export const READINESS_BOUNDS = {
  minCustomersWithOrders: { min: 1, max: 10_000_000, default: 50 },
  minRepeatCustomers: { min: 0, max: 10_000_000, default: 20 },
  minHistoryDays: { min: 1, max: 36_500, default: 60, unit: "days" },
  minRecentOrders: { min: 0, max: 10_000_000, default: 1 },
} as const satisfies Record<string, WholeNumberBound>

/** A whole number within `bound`, its default when absent; each message names the bound. */
export function wholeNumber(bound: WholeNumberBound) {
  return boundedWholeNumber(bound).default(bound.default)
}

/** A whole number within `bound`, without a default (absent stays absent; for an option whose default depends on another); each message names the bound. */
export function boundedWholeNumber(bound: Omit<WholeNumberBound, "default">) {
  const { min, max } = bound
  const unit = bound.unit ? ` ${bound.unit}` : ""
  const range = `between ${min} and ${max}`
  return z
    .number({ error: bound.unit ? `must be a number of ${bound.unit} ${range}` : `must be a whole number ${range}` })
    .int({ error: bound.unit ? `must be a whole number of ${bound.unit} ${range}` : `must be a whole number ${range}` })
    .min(min, { error: `must be at least ${min}${unit}` })
    .max(max, { error: `must be at most ${max}${unit}` })
}

/** The readiness thresholds, every one defaulted. */
export const readinessSchema = z
  .object({
    /** Customers with at least one order before training starts. @defaultValue 50 */
    minCustomersWithOrders: wholeNumber(READINESS_BOUNDS.minCustomersWithOrders),
    /** Customers with two or more orders (repeat buyers). @defaultValue 20 */
    minRepeatCustomers: wholeNumber(READINESS_BOUNDS.minRepeatCustomers),
    /** Days between the first and the last order. @defaultValue 60 */
    minHistoryDays: wholeNumber(READINESS_BOUNDS.minHistoryDays),
    /** Orders in the last 30 days (a store that stopped selling gets no fresh scores). @defaultValue 1 */
    minRecentOrders: wholeNumber(READINESS_BOUNDS.minRecentOrders),
  })
  .strict()
  .prefault({})
