/** How the admin routes show the plugin's records: snake_case JSON, dates as ISO strings. */
import { versionConfidence } from "../../../core/pipeline/confidence"
import { RECENT_DAYS, type Readiness } from "../../../core/pipeline/readiness"
import type { TrainingPlan } from "../../../core/pipeline/training-plan"
import { riskBandOf } from "../../../core/segments/risk-bands"
import type { CustomerPrediction, TrainingRun } from "../../../models"
import type { ModelVersionSummary } from "../../../modules/ml/reads"
import type { ReadinessAnswer as ReadinessChecks } from "../../../modules/ml/service"
import type {
  ChurnRow,
  CustomerCard,
  ModelRef as ModelRefJson,
  ModelVersion as ModelVersionJson,
  ScoreRung,
  Prediction,
  Readiness as ReadinessJson,
  ReadinessAnswer as ReadinessAnswerJson,
  TrainingRun as TrainingRunJson,
} from "./response-types"

export type PredictionJson = Prediction
/** One row of the churn list: the customer and their predictions. */
export type ChurnRowJson = ChurnRow

export function predictionJson(p: CustomerPrediction): PredictionJson {
  return {
    segment: p.segment,
    risk_band: riskBandOf(p.churnRisk),
    churn_risk: p.churnRisk,
    purchase_probability: p.purchaseProbability,
    p_alive: p.pAlive,
    expected_orders: p.expectedOrders,
    expected_spend: p.expectedSpend,
    predicted_clv: p.predictedClv,
    reasons: p.reasons.map(({ feature, text, contribution }) => ({ feature, text, contribution })),
    scored_at: p.scoredAt.toISOString(),
    model_version_id: p.modelVersionId,
  }
}

/** A churn-list row; a customer deleted since scoring keeps their id, with no email or name. */
export function churnRowJson(p: CustomerPrediction, customer: CustomerCard | undefined): ChurnRowJson {
  return {
    customer_id: p.customerId,
    email: customer?.email ?? null,
    first_name: customer?.first_name ?? null,
    last_name: customer?.last_name ?? null,
    ...predictionJson(p),
  }
}

export function modelVersionJson(v: ModelVersionSummary): ModelVersionJson {
  return {
    id: v.id,
    task: v.task,
    status: v.status,
    learner: v.learner,
    metrics: v.metrics,
    confidence: versionConfidence(v.metrics),
    hyperparameters: v.hyperparameters,
    training_run_id: v.trainingRunId,
    data_cutoff: iso(v.dataCutoff),
    created_at: iso(v.createdAt),
    promoted_at: iso(v.promotedAt),
  }
}

export function trainingRunJson(run: TrainingRun): TrainingRunJson {
  return {
    id: run.id,
    status: run.status,
    trigger: run.trigger,
    stage: run.stage,
    progress: run.progress,
    error: run.error,
    timings: run.timings,
    report: run.report,
    created_at: iso(run.createdAt),
    started_at: iso(run.startedAt),
    finished_at: iso(run.finishedAt),
    attempts: (run.attempts ?? []).map((a) => ({ attempt: a.attempt, started_at: a.startedAt, ended_at: a.endedAt, outcome: a.outcome, error: a.error })),
  }
}

/** A stored version's ladder (metrics.ladder, see core/pipeline/rung-report), or null for versions stored before it. */
export function ladderJson(metrics: unknown): ModelRefJson["ladder"] {
  const ladder = (metrics as { ladder?: { purchase?: unknown; churn?: unknown } } | null)?.ladder
  const rung = (value: unknown): ScoreRung | null => {
    const r = value as { rung?: unknown; text?: unknown; next?: unknown; windowDays?: unknown; targetDays?: unknown } | null
    if (!r || typeof r.text !== "string" || typeof r.rung !== "string") return null
    return {
      rung: r.rung as ScoreRung["rung"],
      text: r.text,
      next: typeof r.next === "string" ? r.next : null,
      window_days: typeof r.windowDays === "number" ? r.windowDays : null,
      target_days: Number(r.targetDays),
    }
  }
  const purchase = rung(ladder?.purchase)
  return purchase ? { purchase, churn: rung(ladder?.churn) } : null
}

export function iso(date: Date | null): string | null {
  return date ? date.toISOString() : null
}

/** GET /admin/ml/readiness: the stored check (null before the first) and whether a new one is under way. */
export function readinessAnswerJson({ check, checking }: ReadinessChecks): ReadinessAnswerJson {
  return { readiness: check ? readinessJson(check) : null, checking }
}

export function readinessJson(check: NonNullable<ReadinessChecks["check"]>): ReadinessJson {
  const { readiness, thresholds } = check
  const { figures } = readiness
  const withoutRate = check.currenciesWithoutRate
  return {
    ready: readiness.ready,
    checked_at: check.checkedAt.toISOString(),
    as_of: new Date(check.asOf).toISOString(),
    figures: {
      customers_with_orders: figures.customersWithOrders,
      repeat_customers: figures.repeatCustomers,
      history_days: figures.historyDays,
      recent_orders: figures.recentOrders,
      unpriced_orders: figures.unpricedOrders,
    },
    thresholds: {
      min_customers_with_orders: thresholds.minCustomersWithOrders,
      min_repeat_customers: thresholds.minRepeatCustomers,
      min_history_days: thresholds.minHistoryDays,
      min_recent_orders: thresholds.minRecentOrders,
    },
    recent_days: RECENT_DAYS,
    missing: readiness.missing,
    plan: planJson(readiness.plan),
    ...(Object.keys(withoutRate).length > 0 ? { currencies_without_rate: withoutRate } : {}),
  }
}

function planJson(plan: Readiness["plan"]): ReadinessJson["plan"] {
  const window = (w: TrainingPlan["purchase"]) => ({ rung: w.rung, window_days: w.windowDays, target_days: w.targetDays, why: w.why, next: w.next })
  return {
    recommendations: { ...plan.recommendations },
    values: { ...plan.value },
    purchase: window(plan.purchase),
    churn: plan.churn ? window(plan.churn) : null,
  }
}
