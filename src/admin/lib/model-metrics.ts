/**
 * Reads the metrics a training stored with each model version. They are JSON of the
 * training's own shape, so every field is checked before it is shown: a field a
 * version lacks is shown as absent, never as a crash.
 */

// the shapes the training stores, from the core's metrics (a type-only import: nothing of it is bundled)
import type { CalibrationBin, RocPoint } from "../../core/metrics/classification"

export type { CalibrationBin, RocPoint }

export interface FeatureImportance {
  feature: string
  importance: number
}


export const CLASSIFIER_METRICS = ["accuracy", "precision", "recall", "f1", "rocAuc", "prAuc"] as const
export type ClassifierMetricName = (typeof CLASSIFIER_METRICS)[number]

export const CLASSIFIER_METRIC_LABELS: Record<ClassifierMetricName, string> = {
  accuracy: "Accuracy",
  precision: "Precision",
  recall: "Recall",
  f1: "F1",
  rocAuc: "ROC-AUC",
  prAuc: "PR-AUC",
}

export interface ClassifierMetrics {
  values: Partial<Record<ClassifierMetricName, number>>
  calibration: CalibrationBin[]
  importance: FeatureImportance[]
  /** Null when the version stores no curve points (only the area). */
  roc: RocPoint[] | null
}

export interface ClassifierEntry {
  key: "purchase" | "churn"
  metrics: ClassifierMetrics
}

export const RANKING_METRICS = ["precision", "recall", "ndcg", "hitRate", "mrr", "coverage"] as const
export type RankingMetricName = (typeof RANKING_METRICS)[number]
export const RANKING_METRIC_LABELS: Record<RankingMetricName, string> = {
  precision: "Precision@10",
  recall: "Recall@10",
  ndcg: "NDCG@10",
  hitRate: "Hit rate",
  mrr: "MRR",
  coverage: "Coverage",
}

export interface RankingEntry {
  key: string
  label: string
  cases: number | null
  values: Partial<Record<RankingMetricName, number>>
}

export interface Promotion {
  promote: boolean
  metric: string
  challenger: number | null
  champion: number | null
  reason: string
}

type Json = Record<string, unknown>

const isObject = (value: unknown): value is Json => typeof value === "object" && value !== null && !Array.isArray(value)
const num = (value: unknown): number | undefined => (typeof value === "number" && Number.isFinite(value) ? value : undefined)

function numbers<K extends string>(source: Json, keys: readonly K[]): Partial<Record<K, number>> {
  const out: Partial<Record<K, number>> = {}
  for (const key of keys) {
    const value = num(source[key])
    if (value !== undefined) out[key] = value
  }
  return out
}

function calibrationOf(value: unknown): CalibrationBin[] {
  if (!Array.isArray(value)) return []
  return value.flatMap((b) => {
    if (!isObject(b)) return []
    const bin = { binStart: num(b.binStart), binEnd: num(b.binEnd), count: num(b.count), meanPredicted: num(b.meanPredicted), fractionPositive: num(b.fractionPositive) }
    return Object.values(bin).every((v) => v !== undefined) ? [bin as CalibrationBin] : []
  })
}

function importanceOf(value: unknown): FeatureImportance[] {
  if (!Array.isArray(value)) return []
  return value
    .flatMap((f) => (isObject(f) && typeof f.feature === "string" && num(f.importance) !== undefined ? [{ feature: f.feature, importance: f.importance as number }] : []))
    .sort((a, b) => b.importance - a.importance)
}

function rocOf(value: unknown): RocPoint[] | null {
  if (!Array.isArray(value)) return null
  const points = value.flatMap((p) => (isObject(p) && num(p.fpr) !== undefined && num(p.tpr) !== undefined ? [{ fpr: p.fpr as number, tpr: p.tpr as number }] : []))
  return points.length >= 2 ? points.sort((a, b) => a.fpr - b.fpr || a.tpr - b.tpr) : null
}

export function classifierMetricsOf(value: unknown): ClassifierMetrics | null {
  if (!isObject(value)) return null
  return {
    values: numbers(value, CLASSIFIER_METRICS),
    calibration: calibrationOf(value.calibrationTable),
    importance: importanceOf(value.featureImportance),
    roc: rocOf(value.rocCurve),
  }
}

/** The classifiers of a customer-scores version: purchase, and churn when trained apart. */
export function classifiersOf(metrics: Json): ClassifierEntry[] {
  const entries: ClassifierEntry[] = []
  const purchase = classifierMetricsOf(metrics.purchase)
  if (purchase) entries.push({ key: "purchase", metrics: purchase })
  const churn = classifierMetricsOf(metrics.churn)
  if (churn) entries.push({ key: "churn", metrics: churn })
  return entries
}

const RANKING_LISTS: Record<string, string> = {
  boughtTogether: "Bought together",
  forYouNeighbours: "For you (neighbours)",
  forYouScoring: "For you (scoring)",
}

/** The validated lists of a recommendations version. */
export function rankingsOf(metrics: Json): RankingEntry[] {
  return Object.entries(RANKING_LISTS).flatMap(([key, label]) => {
    const value = metrics[key]
    return isObject(value) ? [{ key, label, cases: num(value.cases) ?? null, values: numbers(value, RANKING_METRICS) }] : []
  })
}

export function promotionOf(metrics: Json): Promotion | null {
  const p = metrics.promotion
  if (!isObject(p) || typeof p.metric !== "string") return null
  return {
    promote: p.promote === true,
    metric: p.metric,
    challenger: num(p.challenger) ?? null,
    champion: num(p.champion) ?? null,
    reason: typeof p.reason === "string" ? p.reason : "",
  }
}

/** The settings a training ran with, from its report: the windows and the currency. */
export interface ModelContext {
  horizonDays: number | null
  churnWindowDays: number | null
  clvHorizonDays: number | null
  currency: string | null
}

export const UNKNOWN_CONTEXT: ModelContext = { horizonDays: null, churnWindowDays: null, clvHorizonDays: null, currency: null }

export function modelContextOf(report: unknown): ModelContext {
  if (!isObject(report)) return UNKNOWN_CONTEXT
  const data = isObject(report.data) ? report.data : {}
  return {
    horizonDays: num(report.horizonDays) ?? null,
    churnWindowDays: num(report.churnWindowDays) ?? null,
    clvHorizonDays: num(report.clvHorizonDays) ?? null,
    currency: typeof data.defaultCurrency === "string" ? data.defaultCurrency : null,
  }
}
