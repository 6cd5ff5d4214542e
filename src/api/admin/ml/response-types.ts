/**
 * The JSON the plugin's admin routes (src/api/admin/ml) answer with: snake_case, dates
 * as ISO strings. The routes build their answers as these types and the admin
 * (src/admin) reads them as these types, so the two cannot drift apart.
 *
 * Types only: this file imports nothing but types, so the admin bundle, which must not
 * pull in server code, can `import type` from it (the import is erased when bundled).
 */
import type { ConfidenceSummary, ConfidenceWording } from "../../../core/pipeline/confidence"
import type { RiskBand } from "../../../core/segments/risk-bands"

export type { ConfidenceSummary, ConfidenceWording, RiskBand }

export interface PredictionReason {
  feature: string
  text: string
  /** Positive raises churn risk, negative lowers it. */
  contribution: number
}

export interface Prediction {
  segment: string
  risk_band: RiskBand
  churn_risk: number
  purchase_probability: number
  p_alive: number
  expected_orders: number
  expected_spend: number
  predicted_clv: number
  reasons: PredictionReason[]
  scored_at: string
  model_version_id: string
}

export interface SegmentSummary {
  id: string
  label: string
  action: string
  description: string
}

export interface CustomerCard {
  id: string
  email: string | null
  first_name: string | null
  last_name: string | null
}

/** Which rung of the label-window ladder gave a score: full windows, shorter ones mapped to the horizon, BG/NBD alone. */
export interface ScoreRung {
  rung: "full" | "shorter" | "bgnbd" | "none"
  /** What the score rests on, in a merchant's words ("trained on 4 months of orders; validated on a 30-day window"). */
  text: string
  /** What the next rung up needs ("about 210 days of orders"); null on full windows. */
  next: string | null
  window_days: number | null
  target_days: number
}

export interface ModelRef {
  id: string
  data_cutoff: string | null
  created_at: string | null
  /** Per score, the rung that produced it; null for versions stored before the ladder. */
  ladder: { purchase: ScoreRung; churn: ScoreRung | null } | null
}

/** Why a customer has no prediction in the current customer model. */
export type NotScoredReason = "no_model" | "no_orders" | "no_orders_before_cutoff" | "not_in_model"

/** GET /admin/ml/customers/:id */
export type CustomerInsight =
  | { customer: CustomerCard; status: "scored"; prediction: Prediction; segment: SegmentSummary | null; model: ModelRef }
  | {
      customer: CustomerCard
      status: "not_scored"
      reason: NotScoredReason
      message: string
      model: ModelRef | null
    }

/** One row of GET /admin/ml/customers */
export interface ChurnRow extends Prediction {
  customer_id: string
  email: string | null
  first_name: string | null
  last_name: string | null
}

export interface ChurnList {
  customers: ChurnRow[]
  count: number
  limit: number
  offset: number
  model_version_id: string | null
}

export interface ProductCard {
  id: string
  title: string
  handle: string
  thumbnail: string | null
  status: string
}

export interface ProductRecommendation {
  rank: number
  score: number
  product: ProductCard
}

/** GET /admin/ml/products/:id/recommendations */
export interface ProductRecommendations {
  product: ProductCard
  similar: ProductRecommendation[]
  bought_together: ProductRecommendation[]
  model_version_id: string | null
}

/** GET /admin/ml/customers/:id/recommendations */
export interface CustomerRecommendations {
  recommendations: ProductRecommendation[]
  model_version_id: string | null
}

export type ModelStatus = "champion" | "challenger" | "rejected"

export interface ModelVersion {
  id: string
  task: string
  status: ModelStatus
  learner: string
  /** Validation metrics as the training stored them (shape differs per task). */
  metrics: Record<string, unknown>
  /**
   * Customer scores, per classifier task: validation intervals, the customers behind them,
   * whether the model separates customers beyond chance, and the wording; null for a task
   * without them (recommendations, versions stored before intervals were recorded).
   */
  confidence: { purchase: ConfidenceSummary | null; churn: ConfidenceSummary | null }
  hyperparameters: Record<string, unknown>
  training_run_id: string | null
  data_cutoff: string | null
  created_at: string | null
  promoted_at: string | null
}

/** GET /admin/ml/models */
export interface ModelRegistry {
  tasks: { task: string; count: number; versions: ModelVersion[] }[]
}

export type RunStatus = "queued" | "running" | "succeeded" | "failed" | "not_enough_data" | "coalesced"

export interface TrainingRun {
  id: string
  status: RunStatus
  trigger: string
  stage: string | null
  /** 0..1 */
  progress: number
  error: string | null
  timings: Record<string, number>
  report: Record<string, unknown> | null
  created_at: string | null
  started_at: string | null
  finished_at: string | null
  /** Each attempt, oldest first (a retry or a worker's takeover adds one); empty for runs stored before attempts were kept. */
  attempts: { attempt: number; started_at: string; ended_at: string | null; outcome: string | null; error: string | null }[]
}

/** GET /admin/ml/readiness */
export interface Readiness {
  ready: boolean
  /** When the store's orders were read and checked (the check's age). */
  checked_at: string
  as_of: string
  figures: {
    customers_with_orders: number
    repeat_customers: number
    history_days: number
    recent_orders: number
    unpriced_orders: number
  }
  thresholds: {
    min_customers_with_orders: number
    min_repeat_customers: number
    min_history_days: number
    min_recent_orders: number
  }
  recent_days: number
  missing: string[]
  /** What a training would build today, part by part, and the classifiers' rung with what the next one needs. */
  plan: {
    recommendations: { ready: boolean; why: string | null }
    values: { ready: boolean; why: string | null }
    purchase: { rung: ScoreRung["rung"]; window_days: number | null; target_days: number; why: string | null; next: string | null }
    churn: { rung: ScoreRung["rung"]; window_days: number | null; target_days: number; why: string | null; next: string | null } | null
  }
  currencies_without_rate?: Record<string, number>
}

/** GET /admin/ml/readiness */
export interface ReadinessAnswer {
  /** The latest check; null until the first one has run. */
  readiness: Readiness | null
  /** A new check was asked for or runs: ask again shortly for fresher figures. */
  checking: boolean
}

/** GET /admin/ml/status */
export interface MlStatus {
  store: { reachable: boolean; location: string; dialect: string; error?: string }
  queue: { mode: "bullmq" | "inline"; reachable: boolean | null; prefix: string | null }
  worker_mode: string
  worker: { running: boolean }
  counts: { predictions: number; recommendations: number }
}
