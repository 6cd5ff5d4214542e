/**
 * How far a version's validation figures can be trusted, in figures and in a merchant's
 * words. Computed on the chosen model fitted before the validation window (the model the
 * validation figures describe), on every customer of the validation cutoff.
 */
import { z } from "zod"
import { prAuc, rocAuc } from "../metrics/classification"
import { bootstrapInterval, BOOTSTRAP_DEFAULTS, type Interval } from "../metrics/uncertainty"
import type { Random } from "../random"

export interface ValidationConfidence {
  /** Customers and positives the figures rest on. */
  customers: number
  positives: number
  /** Percentile bootstrap over customers (seeded), at `level`. */
  rocAuc: Interval
  prAuc: Interval
  level: number
  /**
   * True when the model separates customers beyond chance at `level`: the lower bound of
   * the ROC-AUC interval is above 0.5. Risk bands are meaningful only then.
   */
  separatesBeyondChance: boolean
}

export function validationConfidence(y: ArrayLike<number>, probabilities: ArrayLike<number>, random: Random, level = BOOTSTRAP_DEFAULTS.level): ValidationConfidence {
  const roc = bootstrapInterval(y, probabilities, rocAuc, { random: random.fork(), level })
  const pr = bootstrapInterval(y, probabilities, prAuc, { random: random.fork(), level })
  return { customers: roc.n, positives: roc.positives, rocAuc: roc, prAuc: pr, level, separatesBeyondChance: roc.lower > 0.5 }
}

export type ConfidenceLevel = "none" | "rough" | "fair" | "good"

export interface ConfidenceWording {
  level: ConfidenceLevel
  /** e.g. "based on 120 customers: rough (ROC-AUC likely between 0.52 and 0.71)". */
  text: string
}

/** Interval widths (upper - lower of the ROC-AUC) below which the figure counts as good, then fair. */
export const CONFIDENCE_WIDTHS = { good: 0.06, fair: 0.12 }

/**
 * Words for a validation ROC-AUC interval resting on `customers` customers: "none" when
 * the interval reaches 0.5 (the model does not yet tell customers apart better than
 * chance), else "good" / "fair" / "rough" by the interval's width.
 */
export function confidenceWording(customers: number, interval: Pick<Interval, "lower" | "upper">): ConfidenceWording {
  const range = `ROC-AUC likely between ${interval.lower.toFixed(2)} and ${interval.upper.toFixed(2)}`
  const basis = `based on ${customers.toLocaleString("en-US")} customers`
  if (!(interval.lower > 0.5)) {
    return { level: "none", text: `${basis}: not yet better than chance at telling customers apart (${range})` }
  }
  const width = interval.upper - interval.lower
  const level: ConfidenceLevel = width < CONFIDENCE_WIDTHS.good ? "good" : width < CONFIDENCE_WIDTHS.fair ? "fair" : "rough"
  return { level, text: `${basis}: ${level} (${range})` }
}

const intervalShape = z.object({ estimate: z.number(), lower: z.number(), upper: z.number(), level: z.number() })
const storedConfidence = z.object({
  customers: z.number(),
  positives: z.number(),
  rocAuc: intervalShape,
  prAuc: intervalShape,
  level: z.number(),
  separatesBeyondChance: z.boolean(),
})

/** A task's confidence as the admin API shows it: snake_case figures and the wording. */
export interface ConfidenceSummary {
  customers: number
  positives: number
  level: number
  roc_auc: { estimate: number; lower: number; upper: number }
  pr_auc: { estimate: number; lower: number; upper: number }
  separates_beyond_chance: boolean
  wording: ConfidenceWording
}

/**
 * The confidence stored in a customer-scores version's metrics (`metrics.purchase.confidence`,
 * `metrics.churn.confidence`), per task; null for a task without one (versions stored before
 * intervals were recorded, recommendation versions).
 */
export function versionConfidence(metrics: unknown): { purchase: ConfidenceSummary | null; churn: ConfidenceSummary | null } {
  const task = (name: "purchase" | "churn"): ConfidenceSummary | null => {
    const part = typeof metrics === "object" && metrics !== null ? Reflect.get(metrics, name) : undefined
    const raw = typeof part === "object" && part !== null ? Reflect.get(part, "confidence") : undefined
    const parsed = storedConfidence.safeParse(raw)
    if (!parsed.success) return null
    const c = parsed.data
    const figures = (i: z.infer<typeof intervalShape>) => ({ estimate: i.estimate, lower: i.lower, upper: i.upper })
    return {
      customers: c.customers,
      positives: c.positives,
      level: c.level,
      roc_auc: figures(c.rocAuc),
      pr_auc: figures(c.prAuc),
      separates_beyond_chance: c.separatesBeyondChance,
      wording: confidenceWording(c.customers, c.rocAuc),
    }
  }
  return { purchase: task("purchase"), churn: task("churn") }
}
