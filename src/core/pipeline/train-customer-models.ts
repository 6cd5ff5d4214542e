/**
 * The customer pipeline, shared by the CLI and the Medusa jobs: from an order history
 * and an as-of date to, for every customer who has ordered, purchase probability,
 * churn risk, P(alive), expected orders and spend, lifetime value, segment and the
 * reasons, plus the models and a report.
 */
import type { OrderHistory } from "../data/types"
import { FEATURE_NAMES } from "../features"
import { LEARNER_TYPES, type LearnerType } from "../learners/factory"
import { createRandom } from "../random"
import { trainClassifierTask, type ClassifierTask, type FeatureSet } from "./classifier-task"
import { DEFAULT_MONTHLY_DISCOUNT, scoreWithPopulation, segmentsOf, type CustomerScoringModels } from "./customer-scorer"
import { qualityByGroup } from "./quality-breakdown"
import { segmentSummary, taskReport, valueModelReport, isoDay, type CustomerScore, type TrainingReport } from "./report"
import { fitValueModels } from "./value-models"
import { NotEnoughDataError } from "../errors"
import { DAY_MS } from "../time"
import { rungReport, type RungReport } from "./rung-report"
import { planTraining, type TrainingPlan, type WindowPlan } from "./training-plan"

export interface CustomerModelOptions {
  /** Epoch ms, exclusive: nothing at or after it is read. */
  asOf: number
  horizonDays: number
  churnWindowDays: number
  clvHorizonDays: number
  seed: number
  /**
   * Discount rate per month of the lifetime value.
   * @defaultValue 0.01
   */
  monthlyDiscount?: number
  /**
   * Candidates tried per classification task, shared among the feature sets.
   * @defaultValue 24
   */
  trials?: number
  /**
   * Learners the tuner may choose from.
   * @defaultValue all: logistic regression, gradient boosting, neural network
   */
  learners?: LearnerType[]
  /**
   * Whether the simple candidates (single-feature rules, logistic regression on log1p RFM) are searched.
   * @defaultValue true
   */
  simpleCandidates?: boolean
  /**
   * Older training cutoffs weigh less: weight halves every this many days (0 = equal weights).
   * @defaultValue 90
   */
  cutoffHalfLifeDays?: number
  /**
   * Feature sets the search chooses from (by validation PR-AUC, like any hyperparameter).
   * @defaultValue {@link DEFAULT_FEATURE_SETS}
   */
  featureSets?: FeatureSet[]
  /**
   * The label windows to train on (the readiness check's plan, so readiness and training agree).
   * @defaultValue planned from the history alone
   */
  plan?: Pick<TrainingPlan, "purchase" | "churn">
  onProgress?: (stage: string, fraction: number) => void
  signal?: AbortSignal
  /** Clock for the stage timings (a fixed clock makes reports byte-identical). */
  now?: () => number
}

/** The trained models; scoreCustomersWith scores with them, serializeCustomerModels stores them. */
export interface CustomerModels extends CustomerScoringModels {
  /** null: no classifier could be trained (scores from BG/NBD alone). */
  purchase: ClassifierTask | null
  churn: ClassifierTask | null
}

export interface CustomerModelsResult {
  scores: CustomerScore[]
  report: TrainingReport
  models: CustomerModels
}

/**
 * "full": every feature but BG/NBD's P(alive), which is exactly 1 for every one-time buyer
 * and so only adds noise as an input (it stays in the predictions, from the value model).
 * "compact": the classic RFM features with the BG/NBD expectation; fewer inputs overfit
 * less when the future window behaves unlike the training windows (a season).
 */
export const DEFAULT_FEATURE_SETS: FeatureSet[] = [
  { name: "full", features: FEATURE_NAMES.filter((name) => name !== "bgnbd_p_alive") },
  {
    name: "compact",
    features: [
      "recency_days",
      "frequency_orders",
      "monetary_total",
      "tenure_days",
      "avg_order_value",
      "lines_per_order",
      "distinct_products",
      "bgnbd_expected_orders",
    ],
  },
]

const DEFAULTS = {
  monthlyDiscount: DEFAULT_MONTHLY_DISCOUNT,
  trials: 24, // 12 per feature set: each learner with several settings, within a minute on 4k customers
  cutoffHalfLifeDays: 90, // last quarter's behaviour counts twice as much as the quarter before
  featureSets: DEFAULT_FEATURE_SETS,
}

export async function trainCustomerModels(history: OrderHistory, options: CustomerModelOptions): Promise<CustomerModelsResult> {
  const o = { ...DEFAULTS, learners: [...LEARNER_TYPES], ...options }
  const now = o.now ?? (() => performance.now())
  const random = createRandom(o.seed)
  const timings: Record<string, number> = {}
  const stage = async <T>(name: string, run: () => T | Promise<T>): Promise<T> => {
    const start = now()
    o.onProgress?.(name, 0)
    const result = await run()
    timings[name] = now() - start
    o.onProgress?.(name, 1)
    return result
  }
  const taskOptions = (label: "purchase" | "churn", windowDays: number) => ({
    asOf: o.asOf,
    windowDays,
    horizonDays: o.horizonDays,
    label,
    trials: o.trials,
    learners: o.learners,
    cutoffHalfLifeDays: o.cutoffHalfLifeDays,
    featureSets: o.featureSets,
    simpleCandidates: o.simpleCandidates,
    random: random.fork(),
    onProgress: (fraction: number) => o.onProgress?.(label, fraction),
    signal: o.signal,
    now: o.now,
  })

  const value = await stage("value", () => fitValueModels(history, { asOf: o.asOf }))
  const plan = o.plan ?? planTraining(history, o.asOf, { horizonDays: o.horizonDays, churnWindowDays: o.churnWindowDays, thresholds: PERMISSIVE })
  const historyDays = history.lines.length ? Math.floor((o.asOf - history.firstAt) / DAY_MS) : 0
  const classifier = async (window: WindowPlan): Promise<{ task: ClassifierTask | null; rung: RungReport }> => {
    if (window.windowDays === null) return { task: null, rung: rungReport(window, null) }
    try {
      const task = await stage(window.label, () => trainClassifierTask(history, taskOptions(window.label, window.windowDays!)))
      return { task, rung: rungReport(window, task, historyDays) }
    } catch (error) {
      // a classifier that cannot be trained leaves the value models, segments and lists standing
      if (!(error instanceof NotEnoughDataError)) throw error
      const why = `the classifier could not be trained: ${error.missing.join("; ")}`
      return { task: null, rung: rungReport({ ...window, windowDays: null, rung: "bgnbd", why, next: window.next }, null) }
    }
  }
  const purchase = await classifier(plan.purchase)
  const churn = plan.churn && purchase.task ? await classifier(plan.churn) : null
  const settings = {
    asOf: o.asOf,
    horizonDays: o.horizonDays,
    churnWindowDays: o.churnWindowDays,
    clvHorizonDays: o.clvHorizonDays,
    monthlyDiscount: o.monthlyDiscount ?? DEFAULT_MONTHLY_DISCOUNT,
  }
  const trained: CustomerModels = { settings, purchase: purchase.task, churn: churn?.task ?? null, value }
  // the population figures the scores were computed with are stored, so a rescore can read only its customers
  const { scores, population } = await stage("scoring", () => scoreWithPopulation(trained, history, settings))
  const models: CustomerModels = { ...trained, population }
  const churnRung =
    churn?.rung ?? (plan.churn ? rungReport({ ...plan.churn, windowDays: null, rung: "bgnbd", why: purchase.rung.why ?? "no churn classifier", next: plan.churn.next }, null) : null)
  const report: TrainingReport = {
    asOf: isoDay(o.asOf),
    horizonDays: o.horizonDays,
    churnWindowDays: o.churnWindowDays,
    clvHorizonDays: o.clvHorizonDays,
    seed: o.seed,
    customersScored: scores.length,
    purchase: purchase.task ? breakdown(purchase.task) : null,
    churn: churn?.task ? breakdown(churn.task) : null,
    ladder: { purchase: purchase.rung, churn: churnRung },
    ...valueModelReport(value),
    segments: segmentSummary(scores),
    timings,
  }
  return { scores, report, models }
}

/** Thresholds that let the plan decide on windows alone (the engine passes the store's readiness plan instead). */
const PERMISSIVE = { minCustomersWithOrders: 1, minRepeatCustomers: 0, minHistoryDays: 0, minRecentOrders: 0 }

function breakdown(task: ClassifierTask) {
  const { validation } = task
  // the validation probabilities are the tuned winner's, so is the threshold they are cut at
  const threshold = task.tuned.winner.threshold
  return taskReport(
    task,
    qualityByGroup(validation.countries, validation.y, validation.probabilities, threshold),
    qualityByGroup(segmentsOf(validation.features), validation.y, validation.probabilities, threshold)
  )
}
