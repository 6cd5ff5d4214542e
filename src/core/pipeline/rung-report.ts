/**
 * Which rung of the label-window ladder (training-plan.ts) produced a task's scores, in
 * figures and in a merchant's words: stored in the report, the version's metrics, and
 * shown by `medusa-ml models` and the admin.
 */
import type { ClassifierTask } from "./classifier-task"
import type { ClassifierRung, WindowPlan } from "./training-plan"

export interface RungReport {
  label: "purchase" | "churn"
  rung: ClassifierRung
  /** The window asked for (horizon, churn window), days. */
  targetDays: number
  /** The classifier's label window, days; null without a classifier. */
  windowDays: number | null
  /** Days of orders before as-of the classifier learned from; null without a classifier. */
  historyDays: number | null
  why: string | null
  next: string | null
  /** One sentence: what the scores rest on. */
  text: string
}

/** "4 months", "45 days", "1 year and 2 months". */
export function spanInWords(days: number): string {
  if (days < 60) return `${Math.round(days)} days`
  const months = Math.round(days / 30.44)
  if (months < 12) return `${months} months`
  const years = Math.floor(months / 12)
  const rest = months % 12
  return `${years} year${years > 1 ? "s" : ""}${rest ? ` and ${rest} month${rest > 1 ? "s" : ""}` : ""}`
}

export function rungReport(window: WindowPlan, task: ClassifierTask | null, historyDays: number | null = null): RungReport {
  const what = window.label === "purchase" ? "purchase probability" : "churn risk"
  const base = { label: window.label, rung: window.rung, targetDays: window.targetDays, why: window.why, next: window.next }
  if (!task || window.windowDays === null) {
    const text =
      window.rung === "bgnbd"
        ? `${what} from the BG/NBD model alone (no classifier: ${window.why}); a classifier needs ${window.next}`
        : `no ${what}: ${window.why}`
    return { ...base, windowDays: null, historyDays: null, text }
  }
  const trained = historyDays === null ? "trained" : `trained on ${spanInWords(historyDays)} of orders`
  const mapped = window.rung === "shorter" ? `, mapped to ${window.targetDays} days with BG/NBD (full ${window.targetDays}-day windows need ${window.next})` : ""
  return { ...base, windowDays: window.windowDays, historyDays, text: `${trained}; validated on a ${window.windowDays}-day window${mapped}` }
}
