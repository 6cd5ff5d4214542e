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
import type { LearnerType } from "../learners/factory"
import { createMatrix, type Matrix } from "../linalg/matrix"
import type { Random } from "../random"
import { isBetterCandidate, refitOnAll, tuneBinaryTask, type LabelledRows, type TrainedPipeline, type TunedTask } from "../tuning"

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
}

export interface ClassifierTaskOptions {
  asOf: number
  /** Label window after each cutoff, days (the horizon, or the churn window). */
  windowDays: number
  /** Horizon of the BG/NBD expected-orders feature, days. */
  horizonDays: number
  label: TaskLabel
  trials: number
  learners: LearnerType[]
  random: Random
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
  /** Probabilities of the tuned (not refitted) winner. */
  probabilities: Float64Array
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
  const blockTimes = Array.from(stacked.training.cutoffIndex, (k) => stacked.training.cutoffs[k])
  const trainWeight = recencyWeights(blockTimes, options.cutoffHalfLifeDays)
  const heavy = new Set(heavyTailedFeatureIndices())
  const trialsPerSet = Math.max(options.learners.length, Math.ceil(options.trials / options.featureSets.length))
  const candidates: CandidateReport[] = []
  let best: { set: FeatureSet; columns: number[]; tuned: TunedTask; train: LabelledRows; validation: LabelledRows } | null = null
  for (const [k, set] of options.featureSets.entries()) {
    const columns = featureColumns(set)
    const inputs = (X: Matrix, countries: readonly string[]) => countryEncoder.appendColumns(selectColumns(X, columns), countries)
    const train = { X: inputs(stacked.training.X, stacked.training.countries), y: stacked.training.y, weight: trainWeight }
    const validation = { X: inputs(stacked.validation.X, stacked.validation.countries), y: stacked.validation.y }
    const featureNames = [...columns.map((j) => FEATURE_NAMES[j]), ...countryColumnNames(countryEncoder)]
    const tuned = await tuneBinaryTask(
      { train, validation, featureNames, log1pColumns: columns.flatMap((j, c) => (heavy.has(j) ? [c] : [])) },
      {
        trials: trialsPerSet,
        learners: options.learners,
        random: options.random.fork(),
        onProgress: (done, total) => options.onProgress?.((k + done / total) / options.featureSets.length),
        signal: options.signal,
        now: options.now,
      }
    )
    candidates.push(...tuned.candidates.map((c) => ({ featureSet: set.name, learner: c.spec.type, params: c.spec.params, metrics: { ...c.metrics } })))
    if (!best || isBetterCandidate(tuned.winner.candidateMetrics, best.tuned.winner.candidateMetrics)) {
      best = { set, columns, tuned, train, validation }
    }
  }
  if (!best) throw new InvalidInputError("featureSets is empty", "featureSets")
  const { tuned, train, validation, columns } = best
  // the validation rows are now the newest block: older ones weigh less relative to it
  const refitted = refitOnAll(tuned, {
    train: { ...train, weight: recencyWeights(blockTimes, options.cutoffHalfLifeDays, cutoffs.validationCutoff) },
    validation,
  })
  return {
    label: options.label,
    windowDays: options.windowDays,
    cutoffs: { training: cutoffs.trainingCutoffs, validation: cutoffs.validationCutoff },
    trainingRows: train.X.rows,
    featureNames: [...tuned.model.featureNames],
    featureSet: best.set.name,
    candidates,
    columns,
    countryEncoder,
    tuned,
    model: refitted.model,
    preWindowModel: tuned.model,
    finalCalibration: { method: refitted.calibration.method, logLoss: refitted.calibration.logLoss },
    threshold: refitted.threshold,
    validation: {
      cutoff: cutoffs.validationCutoff,
      customerIds: stacked.validation.customerIds,
      countries: stacked.validation.countries,
      features: stacked.validation.X,
      inputs: validation.X,
      y: validation.y,
      probabilities: tuned.model.predictProba(validation.X),
    },
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

