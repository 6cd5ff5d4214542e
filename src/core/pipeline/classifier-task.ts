/**
 * One binary task (purchase within the horizon, or churn) from the order history:
 * stacked training rows at several past cutoffs, validation at the latest cutoff
 * whose label window ends by as-of, a seeded search over learners, and a final
 * model refitted on all rows for scoring at as-of.
 */
import type { OrderHistory } from "../data/types"
import { InvalidInputError } from "../errors"
import { DAY_MS } from "../features/customer-activity"
import { CountryEncoder, FEATURE_NAMES, buildStackedSet, chooseCutoffs, heavyTailedFeatureIndices } from "../features"
import { defaultParams, suggestParams, type LearnerSpec, type LearnerType } from "../learners/factory"
import { createMatrix, selectRows, type Matrix } from "../linalg/matrix"
import type { Random } from "../random"
import { planTrials, refitOnAll, type LabelledRows, type TrainedPipeline, type TunedTask } from "../tuning"
import { candidateComplexity, searchByRepeatedValidation } from "../tuning/repeated-search"
import { searchBudget } from "../tuning/search-budget"
import { validationConfidence, type ValidationConfidence } from "./confidence"
import { holdoutMask, validationFolds } from "./validation-folds"

export type TaskLabel = "purchase" | "churn"

export interface CandidateReport {
  featureSet: string
  learner: string
  params: Record<string, unknown>
  metrics: Record<string, number>
}

/** A named choice of classifier inputs: the feature set is a hyperparameter of the search. */
export interface FeatureSet {
  name: string
  features: readonly string[]
  /**
   * Whether the country one-hot columns are appended.
   * @defaultValue true
   */
  countries?: boolean
}

export interface ClassifierTaskOptions {
  asOf: number
  /** Label window after each cutoff, days (the horizon, or the churn window). */
  windowDays: number
  /** Horizon of the BG/NBD expected-orders feature, days. */
  horizonDays: number
  label: TaskLabel
  /** Most candidates searched beyond the simple ones; the store's size may allow fewer (search-budget.ts). */
  trials: number
  learners: LearnerType[]
  random: Random
  /**
   * Whether the simple candidates (SIMPLE_CANDIDATES) are in the search.
   * @defaultValue true
   */
  simpleCandidates?: boolean
  /**
   * Rows of older cutoffs weigh less: a block's weight halves every this many days
   * before the newest block. 0 = all blocks weigh the same.
   */
  cutoffHalfLifeDays: number
  /** Sets of features the search may choose from (the country columns are added to each). */
  featureSets: readonly FeatureSet[]
  onProgress?: (fraction: number) => void
  signal?: AbortSignal
  now?: () => number
}

/** Validation rows as the report needs them: who they are and what was predicted. */
export interface ValidationRows {
  cutoff: number
  customerIds: string[]
  countries: string[]
  /** Raw features (without country columns), for segments at the validation cutoff. */
  features: Matrix
  y: Uint8Array
  /** The classifier's inputs (selected features and country columns). */
  inputs: Matrix
  /** 1 for the customers held out of model selection (validation-folds.ts), on whom champion and challenger are compared. */
  holdout: Uint8Array
  /** Probabilities of the tuned (not refitted) winner. */
  probabilities: Float64Array
}

/** How the model was chosen: repeated out-of-time validation and the one-standard-error rule. */
export interface SelectionSummary {
  rule: "one-standard-error"
  metric: "rocAuc"
  /** The validation folds, oldest first: cutoff (epoch ms), customers and positives. */
  folds: { cutoff: number; rows: number; positives: number }[]
  /** Customers of the validation cutoff kept out of the selection. */
  holdoutRows: number
  chosen: { featureSet: string; learner: string; meanRocAuc: number; gapStandardError: number }
  /** The candidate with the best mean, and the lowest mean (best - its SE) the chosen one had to reach. */
  best: { group: string; learner: string; meanRocAuc: number; bar: number }
}

export interface ClassifierTask {
  label: TaskLabel
  windowDays: number
  cutoffs: { training: number[]; validation: number }
  trainingRows: number
  featureNames: string[]
  /** The feature set the search chose, and its columns of FEATURE_NAMES (before the country columns). */
  featureSet: string
  columns: number[]
  /** Every candidate of every feature set, with its validation metrics. */
  candidates: CandidateReport[]
  countryEncoder: CountryEncoder
  tuned: TunedTask
  /** The winner refitted on training and validation rows: what scores customers at as-of. */
  model: TrainedPipeline
  /**
   * The tuned winner (tuned.model), fitted on the training rows only, whose label windows
   * all end by the validation cutoff: the model the validation figures describe, kept so
   * that a later model can be compared with it on a window neither has learned from.
   */
  preWindowModel: TrainedPipeline
  /** The decision threshold of the refitted model (max F1 on its out-of-fold validation scores). */
  threshold: number
  /** Calibration chosen for the refitted model, with the cross-fitted validation log-loss of each method. */
  finalCalibration: { method: string; logLoss: Record<string, number> }
  selection: SelectionSummary
  /** The validation figures with their bootstrap intervals, on every customer of the validation cutoff. */
  confidence: ValidationConfidence
  validation: ValidationRows
}

/** Column names of the country one-hot block, in the reasons' convention ("country_United_Kingdom"). */
export function countryColumnNames(encoder: CountryEncoder): string[] {
  return [...encoder.countries().map((c) => `country_${c.replace(/\s+/g, "_")}`), "country_other"]
}

export async function trainClassifierTask(history: OrderHistory, options: ClassifierTaskOptions): Promise<ClassifierTask> {
  const cutoffs = chooseCutoffs(history, options.asOf, { horizonDays: options.windowDays })
  const stacked = buildStackedSet(history, cutoffs, {
    horizonDays: options.horizonDays,
    labelWindowDays: options.windowDays,
    label: options.label,
  })
  const countryEncoder = new CountryEncoder().fit(stacked.training.countries)
  const noCountries = new CountryEncoder().fit([])
  const blockTimes = Array.from(stacked.training.cutoffIndex, (k) => stacked.training.cutoffs[k])
  const trainWeight = recencyWeights(blockTimes, options.cutoffHalfLifeDays)
  const heavy = new Set(heavyTailedFeatureIndices())
  const holdout = holdoutMask(stacked.validation.customerIds)
  const folds = validationFolds(history, stacked, holdout, { windowDays: options.windowDays, horizonDays: options.horizonDays, label: options.label })
  const plan = planCandidates(stacked.validation.y.length, options)
  const groups = plan.map(({ set, specs }) => {
    const columns = featureColumns(set)
    const encoder = set.countries === false ? noCountries : countryEncoder
    const inputs = (X: Matrix, countries: readonly string[]) => encoder.appendColumns(selectColumns(X, columns), countries)
    const trainX = inputs(stacked.training.X, stacked.training.countries)
    const validationX = inputs(stacked.validation.X, stacked.validation.countries)
    const featureNames = [...columns.map((j) => FEATURE_NAMES[j]), ...countryColumnNames(encoder)]
    const log1pColumns = columns.flatMap((j, c) => (heavy.has(j) ? [c] : []))
    const foldData = folds.map((fold) => ({
      train: pickRows({ X: trainX, y: stacked.training.y, weight: trainWeight }, fold.trainRows),
      validation: fold.block
        ? { X: inputs(fold.block.X, fold.block.countries), y: fold.block.y }
        : { X: selectRows(validationX, fold.validationRows), y: Uint8Array.from(fold.validationRows, (i) => stacked.validation.y[i]) },
    }))
    const candidates = specs.map((spec) => ({ spec, complexity: SIMPLE_COMPLEXITY[set.name] ?? candidateComplexity(spec, featureNames.length) }))
    return { set, columns, encoder, trainX, validationX, group: { name: set.name, featureNames, log1pColumns, folds: foldData, candidates } }
  })
  const search = await searchByRepeatedValidation(
    groups.map((g) => g.group),
    { random: options.random.fork(), signal: options.signal, now: options.now, onProgress: (done, total) => options.onProgress?.(done / total) }
  )
  const chosen = groups[search.group]
  const { tuned } = search
  const train = { X: chosen.trainX, y: stacked.training.y, weight: trainWeight }
  const validation = { X: chosen.validationX, y: stacked.validation.y }
  // the validation rows are now the newest block: older ones weigh less relative to it
  const refitted = refitOnAll(tuned, {
    train: { ...train, weight: recencyWeights(blockTimes, options.cutoffHalfLifeDays, cutoffs.validationCutoff) },
    validation,
  })
  const probabilities = tuned.model.predictProba(validation.X)
  const candidates: CandidateReport[] = search.candidates.map((c) => ({
    featureSet: c.group,
    learner: c.spec.type,
    params: c.spec.params,
    metrics: { ...c.metrics, meanRocAuc: c.meanRocAuc, rocAucStandardError: c.rocAucStandardError, gapStandardError: c.gapStandardError, complexity: c.complexity },
  }))
  return {
    label: options.label,
    windowDays: options.windowDays,
    cutoffs: { training: cutoffs.trainingCutoffs, validation: cutoffs.validationCutoff },
    trainingRows: train.X.rows,
    featureNames: [...tuned.model.featureNames],
    featureSet: chosen.set.name,
    candidates,
    columns: chosen.columns,
    countryEncoder: chosen.encoder,
    tuned,
    model: refitted.model,
    preWindowModel: tuned.model,
    finalCalibration: { method: refitted.calibration.method, logLoss: refitted.calibration.logLoss },
    threshold: refitted.threshold,
    selection: {
      rule: "one-standard-error",
      metric: "rocAuc",
      folds: folds.map((f, k) => ({ cutoff: f.cutoff, rows: f.validationRows.length, positives: sum(groups[0].group.folds[k].validation.y) })),
      holdoutRows: sum(holdout),
      chosen: { featureSet: search.chosen.group, learner: search.chosen.spec.type, meanRocAuc: search.chosen.meanRocAuc, gapStandardError: search.chosen.gapStandardError },
      best: search.best,
    },
    confidence: validationConfidence(validation.y, probabilities, options.random.fork()),
    validation: {
      cutoff: cutoffs.validationCutoff,
      customerIds: stacked.validation.customerIds,
      countries: stacked.validation.countries,
      features: stacked.validation.X,
      inputs: validation.X,
      y: validation.y,
      holdout,
      probabilities,
    },
  }
}

/**
 * The simple candidates, always searched: single-feature rules (a one-input logistic
 * regression on log1p of the feature, which ranks customers exactly as the feature does)
 * and the logistic regression on log1p RFM of ../shared/datasets/README.md, all with the
 * fixed regularisation l2 = 1 (scikit-learn's default C = 1) on standardised inputs and no
 * country columns.
 */
export const SIMPLE_CANDIDATES: readonly FeatureSet[] = [
  { name: "rule:frequency", features: ["frequency_orders"], countries: false },
  { name: "rule:recency", features: ["recency_days"], countries: false },
  {
    name: "rfm",
    features: ["recency_days", "frequency_orders", "monetary_total", "tenure_days", "avg_order_value", "lines_per_order", "distinct_products"],
    countries: false,
  },
]

/**
 * The logistic regression on log1p RFM is the reference of the one-standard-error rule (the
 * simplest rank): every other candidate, the single-feature rules included, is chosen over
 * it only when its mean beats the baseline's beyond one standard error. A rule has fewer
 * inputs but rests on one behaviour, whose ranking moves more from one window to the next
 * between windows: it ranks after the logistic regressions and before boosted trees and
 * networks (see candidateComplexity).
 */
export const SIMPLE_COMPLEXITY: Readonly<Record<string, number>> = { rfm: 0, "rule:frequency": 1.5, "rule:recency": 1.5 }

/** The fixed regularisation of the simple candidates. */
export const SIMPLE_CANDIDATE_L2 = 1

/** Which specs each feature set gets: the simple candidates, then the searched ones within the store's budget. */
export function planCandidates(
  customers: number,
  options: Pick<ClassifierTaskOptions, "trials" | "learners" | "featureSets" | "random" | "simpleCandidates">
): { set: FeatureSet; specs: LearnerSpec[] }[] {
  const simple = options.simpleCandidates !== false
  const plan: { set: FeatureSet; specs: LearnerSpec[] }[] = simple
    ? SIMPLE_CANDIDATES.map((set) => ({ set, specs: [{ type: "logistic-regression", params: { ...defaultParams("logistic-regression"), l2: SIMPLE_CANDIDATE_L2 } }] }))
    : []
  let budget = searchBudget(customers, { trials: options.trials, learners: options.learners })
  // without the simple candidates something must be searched: each learner's defaults
  if (!simple && budget.trials === 0) budget = { trials: options.learners.length, learners: [...options.learners], maxTreeDepth: 5 }
  if (budget.trials === 0 || options.featureSets.length === 0) return plan
  const perSet = Math.max(budget.learners.length, Math.ceil(budget.trials / options.featureSets.length))
  const shape = { positiveRate: 0.5 }
  for (const set of options.featureSets) {
    const random = options.random.fork()
    const specs = planTrials(budget.learners, perSet).map((trial): LearnerSpec => {
      const params = trial.useDefaults ? defaultParams(trial.type) : { ...defaultParams(trial.type), ...suggestParams(trial.type, random, shape) }
      if (trial.type === "gradient-boosting") params.maxDepth = Math.min(Number(params.maxDepth), budget.maxTreeDepth)
      return { type: trial.type, params }
    })
    plan.push({ set, specs })
  }
  return plan
}

function sum(values: ArrayLike<number>): number {
  let total = 0
  for (let i = 0; i < values.length; i++) total += values[i]
  return total
}

function pickRows(rows: LabelledRows, indices: readonly number[]): LabelledRows {
  return {
    X: selectRows(rows.X, indices),
    y: Uint8Array.from(indices, (i) => rows.y[i]),
    weight: rows.weight ? Float64Array.from(indices, (i) => rows.weight![i]) : undefined,
  }
}

/** Columns of FEATURE_NAMES a feature set reads, in FEATURE_NAMES order. */
export function featureColumns(set: FeatureSet): number[] {
  const unknown = set.features.filter((name) => !(FEATURE_NAMES as readonly string[]).includes(name))
  if (unknown.length) throw new InvalidInputError(`feature set "${set.name}" names unknown features: ${unknown.join(", ")}`, "featureSets")
  return FEATURE_NAMES.flatMap((name, j) => (set.features.includes(name) ? [j] : []))
}

/** The classifiers' input columns of a raw feature matrix, with the country columns appended. */
export function classifierInputs(
  task: Pick<ClassifierTask, "columns" | "countryEncoder">,
  raw: Matrix,
  countries: readonly string[]
): Matrix {
  return task.countryEncoder.appendColumns(selectColumns(raw, task.columns), countries)
}

/** Per row, 0.5^((newest - time) / halfLifeDays); none (all 1) when halfLifeDays is 0. */
export function recencyWeights(
  times: readonly number[],
  halfLifeDays: number,
  newest: number = latest(times)
): Float64Array | undefined {
  if (halfLifeDays === 0 || times.length === 0) return undefined
  return Float64Array.from(times, (t) => 0.5 ** ((newest - t) / (halfLifeDays * DAY_MS)))
}

/** The largest value (a loop: spreading one argument per row overflows the stack on large stores). */
function latest(times: readonly number[]): number {
  let max = -Infinity
  for (const t of times) if (t > max) max = t
  return max
}

function selectColumns(X: Matrix, columns: readonly number[]): Matrix {
  const out = createMatrix(X.rows, columns.length)
  for (let i = 0; i < X.rows; i++) {
    for (let k = 0; k < columns.length; k++) out.data[i * columns.length + k] = X.data[i * X.cols + columns[k]]
  }
  return out
}

