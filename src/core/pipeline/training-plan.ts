/**
 * What a training can produce from a history, part by part: the one rule that both the
 * readiness check and the engine follow, so a store that passes readiness never fails
 * for lack of history. Each part has its own minimum:
 * - recommendations: the readiness's customers with orders and at least two products;
 * - value models (BG/NBD, Gamma-Gamma) with segments: customers with orders, repeat
 *   buyers, recent orders (no validation window: they need no label history);
 * - classifiers (purchase propensity, churn): the value models' minimum, the readiness's
 *   days of history, and label windows that fit before as-of, on a ladder:
 *   1. "full": training and validation windows as long as the target window (the horizon,
 *      or the churn window);
 *   2. "shorter": the longest window that fits, down to {@link LABEL_WINDOW_FLOOR_DAYS},
 *      mapped to the target window with BG/NBD (see horizon-mapping.ts);
 *   3. "bgnbd": no classifier; BG/NBD's P(at least one order within the window) alone;
 *   4. "none": the value models cannot be fitted either.
 * A window fits when its validation cutoff (as-of − w) and at least one training cutoff
 * (as-of − 2w) lie {@link CUTOFF_DEFAULTS}.minHistoryDays after the first order, and both
 * the validation rows and the training rows hold buyers and non-buyers.
 */
import type { OrderHistory } from "../data/types"
import { BGNBD_MIN_CUSTOMERS } from "../probabilistic/bgnbd"
import { CUTOFF_DEFAULTS } from "../features/training-set"
import { DAY_MS } from "../time"
import { readinessFigures, type ReadinessFigures, type ReadinessThresholds } from "./readiness-figures"

/** The shortest label window a classifier is trained on (or the target window when that is shorter). */
export const LABEL_WINDOW_FLOOR_DAYS = 14
/** Gamma-Gamma's own minimum of customers with priced repeat purchases. */
const VALUE_MIN_REPEAT_CUSTOMERS = 3

export type ClassifierRung = "full" | "shorter" | "bgnbd" | "none"

export interface WindowPlan {
  label: "purchase" | "churn"
  /** The window asked for (horizon or churn window), days. */
  targetDays: number
  /** The label window the classifier trains and validates on; null without a classifier. */
  windowDays: number | null
  rung: ClassifierRung
  /** Why no classifier (rungs "bgnbd" and "none"), in a merchant's words. */
  why: string | null
  /** What the next rung up needs, in a merchant's words; null on "full". */
  next: string | null
}

export interface PartPlan {
  ready: boolean
  /** Why the part is skipped, in a merchant's words; null when ready. */
  why: string | null
}

export interface TrainingPlan {
  figures: ReadinessFigures
  recommendations: PartPlan
  /** BG/NBD + Gamma-Gamma values and the RFM segments stored with them. */
  value: PartPlan
  purchase: WindowPlan
  /** null: the churn window equals the horizon (churn risk = 1 − purchase probability). */
  churn: WindowPlan | null
  /** Whether any part can be produced. */
  anything: boolean
}

export interface PlanOptions {
  horizonDays: number
  churnWindowDays: number
  thresholds: ReadinessThresholds
}

export function planTraining(history: OrderHistory, asOf: number, options: PlanOptions): TrainingPlan {
  const { thresholds } = options
  const figures = readinessFigures(history, asOf)
  const short = (have: number, atLeast: number, what: string) => (have < atLeast ? `${have} ${what} (at least ${atLeast} needed)` : null)
  const customers = short(figures.customersWithOrders, thresholds.minCustomersWithOrders, "customers with orders")
  const products = short(figures.products, 2, "products ordered")
  const recommendations = part([customers, products])
  const value = part([
    short(figures.customersWithOrders, Math.max(thresholds.minCustomersWithOrders, BGNBD_MIN_CUSTOMERS), "customers with orders"),
    short(figures.repeatCustomers, Math.max(thresholds.minRepeatCustomers, VALUE_MIN_REPEAT_CUSTOMERS), "customers with two or more orders"),
    short(figures.recentOrders, thresholds.minRecentOrders, "orders in the last 30 days"),
  ])
  const windowPlan = (label: "purchase" | "churn", targetDays: number) =>
    planWindow(history, asOf, label, targetDays, value, figures.historyDays, thresholds.minHistoryDays)
  const purchase = windowPlan("purchase", options.horizonDays)
  const churn = options.churnWindowDays === options.horizonDays ? null : windowPlan("churn", options.churnWindowDays)
  return { figures, recommendations, value, purchase, churn, anything: recommendations.ready || value.ready }
}

function part(shortfalls: (string | null)[]): PartPlan {
  const missing = shortfalls.filter((s): s is string => s !== null)
  return { ready: missing.length === 0, why: missing.length ? missing.join("; ") : null }
}

/** The longest label window, at most `targetDays`, whose validation and one training cutoff fit before as-of. */
export function longestFittingWindow(history: OrderHistory, asOf: number, targetDays: number): number {
  if (history.lines.length === 0 || !(history.firstAt < asOf)) return 0
  const usable = Math.floor((asOf - history.firstAt) / DAY_MS) - CUTOFF_DEFAULTS.minHistoryDays
  return Math.max(0, Math.min(targetDays, Math.floor(usable / 2)))
}

/** Days of history a label window of `days` needs before as-of. */
export function historyNeededFor(days: number): number {
  return 2 * days + CUTOFF_DEFAULTS.minHistoryDays
}

function planWindow(
  history: OrderHistory,
  asOf: number,
  label: "purchase" | "churn",
  targetDays: number,
  value: PartPlan,
  historyDays: number,
  minHistoryDays: number
): WindowPlan {
  const floor = Math.min(LABEL_WINDOW_FLOOR_DAYS, targetDays)
  const fullNeeds = `about ${historyNeededFor(targetDays)} days of orders`
  const noClassifier = (why: string, next: string): WindowPlan => ({
    label,
    targetDays,
    windowDays: null,
    rung: value.ready ? "bgnbd" : "none",
    why,
    next,
  })
  if (!value.ready) return noClassifier(value.why!, "enough repeat buyers for the value models first")
  // days of orders a classifier needs: the readiness threshold, and a floor-length window's cutoffs
  const needDays = Math.max(minHistoryDays, historyNeededFor(floor))
  const windowDays = longestFittingWindow(history, asOf, targetDays)
  if (historyDays < minHistoryDays || windowDays < floor) {
    return noClassifier(`the store has ${historyDays} days of orders; a classifier needs ${needDays}`, `about ${needDays} days of orders`)
  }
  const classes = missingClass(history, asOf, windowDays)
  if (classes) return noClassifier(classes, `both customers who ordered again and customers who did not within ${windowDays} days`)
  const rung = windowDays === targetDays ? "full" : "shorter"
  return { label, targetDays, windowDays, rung, why: null, next: rung === "full" ? null : fullNeeds }
}

/**
 * Why the cutoffs of a `windowDays` window would lack buyers or non-buyers, or null: the
 * validation cutoff (as-of − w) and the training cutoffs (monthly from as-of − 2w), as
 * chooseCutoffs places them.
 */
function missingClass(history: OrderHistory, asOf: number, windowDays: number): string | null {
  const window = windowDays * DAY_MS
  const validation = asOf - window
  const earliest = history.firstAt + CUTOFF_DEFAULTS.minHistoryDays * DAY_MS
  const training: number[] = []
  for (let c = validation - window; c >= earliest && training.length < CUTOFF_DEFAULTS.maxTrainingCutoffs; c -= CUTOFF_DEFAULTS.stepDays * DAY_MS) {
    training.push(c)
  }
  const count = (cutoff: number) => {
    const before = new Set<string>()
    const buyers = new Set<string>()
    for (const line of history.lines) {
      if (line.orderedAt >= cutoff + window) break
      if (line.orderedAt < cutoff) before.add(line.customerId)
      else if (before.has(line.customerId)) buyers.add(line.customerId)
    }
    return { positives: buyers.size, negatives: before.size - buyers.size }
  }
  const v = count(validation)
  const t = training.map(count).reduce((s, c) => ({ positives: s.positives + c.positives, negatives: s.negatives + c.negatives }), { positives: 0, negatives: 0 })
  if (v.positives === 0 || t.positives === 0) return `no customer ordered again within ${windowDays} days of a past cutoff`
  if (v.negatives === 0 || t.negatives === 0) return `every customer ordered again within ${windowDays} days of a past cutoff`
  return null
}
