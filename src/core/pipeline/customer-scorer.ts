/**
 * Customer scores from trained models, fresh from training or restored from a stored model
 * version: the one path by which every score is computed. Scoring reads the order history
 * as of a date, so stored models can rescore customers after new orders.
 */
import { z } from "zod"
import type { OrderHistory } from "../data/types"
import { InvalidInputError, ModelFormatError } from "../errors"
import { buildFeatureRows, CountryEncoder, FEATURE_COUNT, FEATURE_NAMES } from "../features"
import { createMatrix, selectRows, type Matrix } from "../linalg/matrix"
import { BgNbdModel } from "../probabilistic/bgnbd"
import { GammaGammaModel } from "../probabilistic/gamma-gamma"
import { assignSegments, segmentsAgainstEdges } from "../segments"
import { DAY_MS } from "../time"
import { loadTrainedPipeline, type TrainedPipeline } from "../tuning"
import { classifierInputs, countryColumnNames, type TaskLabel } from "./classifier-task"
import { explainChurn } from "./explain-scores"
import { parseCustomerModelsDocument, type SerializedClassifier } from "./model-bundle"
import type { CustomerScore } from "./report"
import { customerValues, noOrderProbabilities, type ValueModels } from "./value-models"
import { mapNoOrderProbability } from "./horizon-mapping"
import type { Reason } from "../explain"
import { populationFiguresOf, restorePopulationFigures, rfmRows, type PopulationFigures } from "./population-figures"

/** Discount rate per month of the lifetime value: about 12.7% a year, a common cost of capital for a small retailer. */
export const DEFAULT_MONTHLY_DISCOUNT = 0.01

/** A trained classifier as scoring and comparisons need it (a ClassifierTask is one). */
export interface ScoringClassifier {
  label: TaskLabel
  /** Label window after each cutoff, days. */
  windowDays: number
  /** Training cutoffs (oldest first) and the validation cutoff, epoch ms. */
  cutoffs: { training: number[]; validation: number }
  featureSet: string
  /** Columns of FEATURE_NAMES the classifier reads, before the country columns. */
  columns: number[]
  countryEncoder: CountryEncoder
  /** Refitted on all labelled rows: what scores customers. */
  model: TrainedPipeline
  /** Fitted on the rows whose label windows end by the validation cutoff. */
  preWindowModel: TrainedPipeline
  /** Decision threshold of `model`. */
  threshold: number
}

/** What the models were trained with. */
export interface CustomerModelSettings {
  /** Epoch ms of the training as-of date. */
  asOf: number
  /** Horizon of the purchase task and of the BG/NBD expected-orders feature, days. */
  horizonDays: number
  churnWindowDays: number
  clvHorizonDays: number
  monthlyDiscount: number
}

/** Everything scoring and comparisons read: what training returns, and what a stored version restores to. */
export interface CustomerScoringModels {
  settings: CustomerModelSettings
  /** null: no classifier (a store too young for one); purchase probability and churn risk come from BG/NBD alone. */
  purchase: ScoringClassifier | null
  /** null: churn risk is 1 - purchase probability (or BG/NBD's, without a purchase classifier). */
  churn: ScoringClassifier | null
  value: ValueModels
  /**
   * What every customer is compared with, from the whole population at the training as-of:
   * with it, scoring some customers needs only their lines.
   * @defaultValue computed from the history being scored, at the scoring as-of (a model stored without it)
   */
  population?: PopulationFigures
}

const scoringOptionsSchema = z.object({
  /** Epoch ms, exclusive: the scores read only lines before it. */
  asOf: z.number(),
  /**
   * Days ahead of the expected orders and spend, and the window of the BG/NBD feature.
   * @defaultValue the training horizon (models.settings.horizonDays), which the classifiers' inputs assume
   */
  horizonDays: z.number().positive().optional(),
  /** Days ahead of the lifetime value. @defaultValue models.settings.clvHorizonDays */
  clvHorizonDays: z.number().positive().optional(),
  /** Discount rate per month of the lifetime value. @defaultValue models.settings.monthlyDiscount */
  monthlyDiscount: z.number().min(0).optional(),
  /**
   * Score only these customers (ids without a line before as-of are left out). Features,
   * segments and reasons are still relative to the whole population (the stored figures
   * when the models have them, else the history's), so each customer gets exactly what
   * scoring everyone gives them; with stored figures the history may hold only their lines.
   * @defaultValue every customer with a line before as-of
   */
  customerIds: z.array(z.string()).optional(),
})

export type ScoringOptions = z.input<typeof scoringOptionsSchema>

/**
 * Scores, as of `options.asOf`, every customer of the history with a line before it (or
 * only `options.customerIds`), in the order of their first line: purchase probability,
 * churn risk, the value models' figures, RFM segment and the reasons behind the churn risk.
 * Throws InvalidInputError on an option out of bounds.
 */
export function scoreCustomersWith(models: CustomerScoringModels, history: OrderHistory, options: ScoringOptions): CustomerScore[] {
  return scoreWithPopulation(models, history, options).scores
}

/**
 * scoreCustomersWith's scores and the population figures they were scored against: the
 * models' stored ones, or those of the history at the as-of (what training stores).
 */
export function scoreWithPopulation(
  models: CustomerScoringModels,
  history: OrderHistory,
  options: ScoringOptions
): { scores: CustomerScore[]; population: PopulationFigures } {
  const o = { ...models.settings, ...definedOnly(parseScoringOptions(options)) }
  // BG/NBD features, segments (quintiles) and the reasons' reference are population figures
  const stored = models.population
  const rows = buildFeatureRows(history, o.asOf, { horizonDays: o.horizonDays, ...(stored ? { bgnbdModel: stored.bgnbdFeatures } : {}) })
  const raw = createMatrix(rows.customerIds.length, FEATURE_COUNT, rows.values)
  const population = stored ?? populationFiguresOf(o.asOf, { raw, countries: rows.countries, bgnbdModel: rows.bgnbdModel }, models.churn ?? models.purchase)
  // a customer who has not ordered since the figures were taken is that many days less recent
  const segments = segmentsAgainstEdges(rfmRows(raw), population.segmentEdges, (o.asOf - population.asOf) / DAY_MS)
  const wanted = o.customerIds ? new Set(o.customerIds) : null
  const picked = wanted ? rows.customerIds.flatMap((id, i) => (wanted.has(id) ? [i] : [])) : null
  const pick = (X: Matrix): Matrix => (picked ? selectRows(X, picked) : X)
  const values = customerValues(models.value, history, o, wanted ?? undefined)
  const indices = picked ?? rows.customerIds.map((_, i) => i)
  const ids = indices.map((row) => rows.customerIds[row])
  const { purchaseProbability, churnRisk, reasons } = classifierScores(models, history, o, {
    raw,
    countries: rows.countries,
    pick,
    ids,
    reference: population.reasonReference,
  })
  const scores = indices.map((row, k): CustomerScore => {
    const customerId = rows.customerIds[row]
    const value = values.get(customerId)
    if (!value) throw new Error(`customer ${customerId} has features but no value model summary`)
    return {
      customerId,
      purchaseProbability: purchaseProbability[k],
      churnRisk: churnRisk[k],
      ...value,
      segment: segments[row],
      reasons: reasons[k],
    }
  })
  return { scores, population }
}

/**
 * Purchase probability and churn risk of the picked rows, each in its target window (the
 * horizon, the churn window): from the classifiers, mapped from their label windows when
 * shorter (horizon-mapping.ts); from BG/NBD alone when there is no purchase classifier.
 */
function classifierScores(
  models: CustomerScoringModels,
  history: OrderHistory,
  o: { asOf: number; horizonDays: number; churnWindowDays: number },
  rows: { raw: Matrix; countries: string[]; pick: (X: Matrix) => Matrix; ids: string[]; reference: Float64Array | null }
): { purchaseProbability: Float64Array; churnRisk: Float64Array; reasons: Reason[][] } {
  const { raw, countries, pick, ids, reference } = rows
  const purchaseTask = models.purchase
  const churnTask = models.churn
  const days = [o.horizonDays, o.churnWindowDays, purchaseTask?.windowDays ?? o.horizonDays, churnTask?.windowDays ?? o.churnWindowDays]
  const bg = noOrderProbabilities(models.value, history, o.asOf, days)
  const bgOf = (k: number) => bg.get(ids[k]) ?? [1, 1, 1, 1]
  if (!purchaseTask) {
    return {
      purchaseProbability: Float64Array.from(ids, (_, k) => 1 - bgOf(k)[0]),
      churnRisk: Float64Array.from(ids, (_, k) => bgOf(k)[1]),
      reasons: ids.map(() => []),
    }
  }
  const purchaseInputs = classifierInputs(purchaseTask, raw, countries)
  const churnInputs = churnTask ? classifierInputs(churnTask, raw, countries) : purchaseInputs
  const purchaseX = pick(purchaseInputs)
  const rawPurchase = purchaseTask.model.predictProba(purchaseX)
  const purchaseProbability = rawPurchase.map((p, k) => 1 - mapNoOrderProbability(1 - p, bgOf(k)[2], bgOf(k)[0]))
  const predictChurn = churnTask
    ? (X: Matrix) => churnTask.model.predictProba(X)
    : (X: Matrix) => purchaseTask.model.predictProba(X).map((p) => 1 - p)
  const churnX = churnTask ? pick(churnInputs) : purchaseX
  const churnRisk = churnTask
    ? predictChurn(churnX).map((p, k) => mapNoOrderProbability(p, bgOf(k)[3], bgOf(k)[1]))
    : rawPurchase.map((p, k) => mapNoOrderProbability(1 - p, bgOf(k)[2], bgOf(k)[1]))
  const featureNames = (churnTask ?? purchaseTask).model.featureNames
  if (!reference) throw new Error("customer-models: a classifier without the reasons' reference")
  const reasons = explainChurn(predictChurn, churnX, featureNames, { horizonDays: o.horizonDays, reference })
  return { purchaseProbability, churnRisk, reasons }
}

/** RFM segments (quintiles over the rows) from raw feature rows. */
export function segmentsOf(raw: Matrix): string[] {
  return assignSegments(rfmRows(raw)).map((a) => a.segment)
}

/** What restoreCustomerModels returns. */
export type RestoredCustomerModels = CustomerScoringModels

/**
 * Rebuilds the models from a stored document (serializeCustomerModels' output, after a
 * JSON round trip). Throws ModelFormatError naming the part on a wrong type, version or
 * content, or on classifier inputs that do not match the pipelines they feed.
 */
export function restoreCustomerModels(json: unknown): RestoredCustomerModels {
  const document = parseCustomerModelsDocument(json)
  const purchase = document.purchase ? restoreClassifier(document.purchase, "purchase") : null
  const churn = document.churn ? restoreClassifier(document.churn, "churn") : null
  const explained = churn ?? purchase
  return {
    settings: { ...document.settings },
    purchase,
    churn,
    value: {
      bgnbd: loadPart("bgnbd", () => BgNbdModel.fromJSON(document.bgnbd)),
      gammaGamma: loadPart("gammaGamma", () => GammaGammaModel.fromJSON(document.gammaGamma)),
    },
    ...(document.population ? { population: restorePopulationFigures(document.population, explained ? explained.model.featureNames : null) } : {}),
  }
}

function restoreClassifier(part: SerializedClassifier, name: TaskLabel): ScoringClassifier {
  if (part.label !== name) throw new ModelFormatError(`customer-models: ${name}.label is "${part.label}", expected "${name}"`)
  if (part.columns.some((column, k) => k > 0 && column <= part.columns[k - 1])) {
    throw new ModelFormatError(`customer-models: ${name}.columns must be increasing column indices, got [${part.columns.join(", ")}]`)
  }
  const countryEncoder = loadPart(`${name}.countryEncoder`, () => CountryEncoder.fromJSON(part.countryEncoder))
  const inputs = [...part.columns.map((j) => FEATURE_NAMES[j]), ...countryColumnNames(countryEncoder)]
  const pipeline = (key: "pipeline" | "preWindowPipeline"): TrainedPipeline => {
    const model = loadPart(`${name}.${key}`, () => loadTrainedPipeline(part[key]))
    if (model.featureNames.length !== inputs.length || model.featureNames.some((feature, j) => feature !== inputs[j])) {
      throw new ModelFormatError(
        `customer-models: ${name}.${key} reads [${model.featureNames.join(", ")}], ` +
          `but the columns and country encoder give [${inputs.join(", ")}]`
      )
    }
    return model
  }
  return {
    label: part.label,
    windowDays: part.windowDays,
    cutoffs: { training: [...part.cutoffs.training], validation: part.cutoffs.validation },
    featureSet: part.featureSet,
    columns: [...part.columns],
    countryEncoder,
    model: pipeline("pipeline"),
    preWindowModel: pipeline("preWindowPipeline"),
    threshold: part.threshold,
  }
}

/** Runs a part's loader: whatever it throws means a damaged part, and comes out as ModelFormatError naming the part. */
function loadPart<T>(name: string, load: () => T): T {
  try {
    return load()
  } catch (error) {
    throw new ModelFormatError(`customer-models: ${name}: ${error instanceof Error ? error.message : String(error)}`)
  }
}

/** The entries whose value is not undefined (so they do not hide a default when spread). */
function definedOnly<T extends object>(record: T): Partial<T> {
  return Object.fromEntries(Object.entries(record).filter(([, value]) => value !== undefined)) as Partial<T>
}

function parseScoringOptions(options: ScoringOptions): z.output<typeof scoringOptionsSchema> {
  const parsed = scoringOptionsSchema.safeParse(options)
  if (parsed.success) return parsed.data
  const issue = parsed.error.issues[0]
  const field = issue.path.map(String).join(".") || "options"
  throw new InvalidInputError(`${field}: ${issue.message}`, field)
}
