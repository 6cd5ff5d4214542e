/** The training report: what was learned, how well, and for whom; JSON all the way down. */
import type { Reason } from "../explain"
import { rocCurve } from "../metrics/classification"
import { isoDay } from "../time"
import type { GroupQuality } from "./quality-breakdown"
import type { CandidateReport, ClassifierTask } from "./classifier-task"
import type { ValueModels } from "./value-models"
import type { RungReport } from "./rung-report"

export interface TaskReport {
  label: string
  windowDays: number
  cutoffs: { training: string[]; validation: string }
  trainingRows: number
  validationRows: number
  chosen: { featureSet: string; learner: string; params: Record<string, unknown>; calibration: string; threshold: number }
  candidates: CandidateReport[]
  /**
   * The tuned winner on the validation cutoff (before the refit that also learns from
   * those rows), at its own max-F1 threshold: the honest out-of-time figures, with its
   * ROC curve (`rocCurve`, at most ROC_CURVE_POINTS points), `confidence` (bootstrap
   * intervals over the validation customers, their number, and whether the model separates
   * customers beyond chance) and `selection` (the folds and the one-standard-error choice).
   */
  metrics: Record<string, unknown>
  /** Cross-fitted validation log-loss per calibration method: for the tuned winner, and for the refitted final model. */
  calibrationLogLoss: { tuned: Record<string, number>; final: Record<string, number> }
  byCountry: GroupQuality[]
  bySegment: GroupQuality[]
}

export interface CustomerScore {
  customerId: string
  purchaseProbability: number
  churnRisk: number
  pAlive: number
  expectedOrders: number
  expectedSpend: number
  predictedClv: number
  segment: string
  reasons: Reason[]
}

export interface TrainingReport {
  asOf: string
  horizonDays: number
  churnWindowDays: number
  clvHorizonDays: number
  seed: number
  customersScored: number
  /** The purchase classifier; null when none could be trained (scores from BG/NBD alone, see ladder). */
  purchase: TaskReport | null
  /** The churn task; absent when churn risk is 1 - purchase probability (equal windows) or BG/NBD's. */
  churn: TaskReport | null
  /** Which rung of the label-window ladder produced each score, in figures and words; churn null when it follows purchase. */
  ladder: { purchase: RungReport; churn: RungReport | null }
  bgnbd: { r: number; alpha: number; a: number; b: number; logLikelihood: number; timeUnit: "week" }
  gammaGamma: { p: number; q: number; gamma: number }
  segments: { segment: string; customers: number; predictedClv: number; expectedSpend: number }[]
  /** Milliseconds per stage; the only part of the report that differs between identical runs. */
  timings: Record<string, number>
}

export { isoDay }

/** Points kept of each task's validation ROC curve. */
export const ROC_CURVE_POINTS = 50

export function taskReport(task: ClassifierTask, byCountry: GroupQuality[], bySegment: GroupQuality[]): TaskReport {
  const { winner } = task.tuned
  return {
    label: task.label,
    windowDays: task.windowDays,
    cutoffs: { training: task.cutoffs.training.map(isoDay), validation: isoDay(task.cutoffs.validation) },
    trainingRows: task.trainingRows,
    validationRows: task.validation.y.length,
    chosen: {
      featureSet: task.featureSet,
      learner: winner.spec.type,
      params: winner.spec.params,
      calibration: task.finalCalibration.method,
      threshold: task.threshold,
    },
    candidates: task.candidates,
    metrics: {
      ...winner.metrics,
      rocCurve: rocCurve(task.validation.y, task.validation.probabilities, ROC_CURVE_POINTS),
      confidence: task.confidence,
      selection: task.selection,
    },
    calibrationLogLoss: { tuned: { ...winner.calibrationLogLoss }, final: { ...task.finalCalibration.logLoss } },
    byCountry,
    bySegment,
  }
}

export function valueModelReport(models: ValueModels): Pick<TrainingReport, "bgnbd" | "gammaGamma"> {
  const { r, alpha, a, b } = models.bgnbd.params
  const { p, q, gamma } = models.gammaGamma.params
  return {
    bgnbd: { r, alpha, a, b, logLikelihood: models.bgnbd.logLikelihood, timeUnit: "week" },
    gammaGamma: { p, q, gamma },
  }
}

export function segmentSummary(scores: readonly CustomerScore[]): TrainingReport["segments"] {
  const bySegment = new Map<string, { customers: number; predictedClv: number; expectedSpend: number }>()
  for (const s of scores) {
    const entry = bySegment.get(s.segment) ?? { customers: 0, predictedClv: 0, expectedSpend: 0 }
    entry.customers += 1
    entry.predictedClv += s.predictedClv
    entry.expectedSpend += s.expectedSpend
    bySegment.set(s.segment, entry)
  }
  return [...bySegment.entries()]
    .map(([segment, v]) => ({ segment, ...v }))
    .sort((a, b) => b.customers - a.customers || (a.segment < b.segment ? -1 : 1))
}
