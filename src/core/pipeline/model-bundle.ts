/**
 * The trained customer models as one JSON document, stored with a model version: for each
 * classifier its inputs (feature columns, country encoder), the model that scores and the
 * one fitted before its validation window (for comparisons with later models), and the
 * value models' parameters, with the settings they were trained with; and, from models
 * trained since they were stored, the figures of the whole population that scoring compares
 * customers with (population-figures.ts).
 */
import { z } from "zod"
import { ModelFormatError } from "../errors"
import { FEATURE_COUNT } from "../features"
import type { ScoringClassifier, CustomerScoringModels } from "./customer-scorer"
import { serializePopulationFigures } from "./population-figures"

export const CUSTOMER_MODELS_TYPE = "customer-models"
/** 2: the settings, the classifiers' label, window and cutoffs, and the model fitted before the validation window. */
export const CUSTOMER_MODELS_VERSION = 2

const estimatorSchema = z.object({ type: z.string(), version: z.number(), params: z.unknown(), state: z.unknown() })
const days = z.number().positive()
const time = z.number()

const classifierSchema = z.object({
  label: z.enum(["purchase", "churn"]),
  windowDays: days,
  cutoffs: z.object({ training: z.array(time), validation: time }),
  featureSet: z.string(),
  /** Columns of FEATURE_NAMES the classifier reads, before the country columns. */
  columns: z.array(z.number().int().min(0).max(FEATURE_COUNT - 1)).min(1),
  countryEncoder: estimatorSchema,
  /** The model that scores customers (refitted on all labelled rows). */
  pipeline: estimatorSchema,
  /** The model fitted before the validation window (the tuned winner). */
  preWindowPipeline: estimatorSchema,
  threshold: z.number().min(0).max(1),
})

const settingsSchema = z.object({
  asOf: time,
  horizonDays: days,
  churnWindowDays: days,
  clvHorizonDays: days,
  monthlyDiscount: z.number().min(0),
})

/** Quintile edges: at most 4 cut points. */
const edges = z.array(z.number()).max(4)

const populationSchema = z.object({
  asOf: time,
  segmentEdges: z.object({ recencyDays: edges, frequency: edges }),
  /** null: the bgnbd_* features were the run-rate fallback. */
  bgnbdFeatures: estimatorSchema.nullable(),
  /** null: no classifier, no reasons. */
  reasonReference: z.array(z.number()).nullable(),
})

const bundleSchema = z.object({
  type: z.literal(CUSTOMER_MODELS_TYPE),
  version: z.literal(CUSTOMER_MODELS_VERSION),
  settings: settingsSchema,
  /** null: no classifier; purchase probability and churn risk from BG/NBD alone. */
  purchase: classifierSchema.nullable(),
  /** null: churn risk is 1 - purchase probability (or BG/NBD's). */
  churn: classifierSchema.nullable(),
  bgnbd: estimatorSchema,
  gammaGamma: estimatorSchema,
  /**
   * The population figures at the training as-of; absent from documents stored before they
   * were (still version 2): scoring then computes them from the history it is given.
   */
  population: populationSchema.optional(),
})

export type SerializedClassifier = z.infer<typeof classifierSchema>
export type SerializedCustomerModels = z.infer<typeof bundleSchema>
export type SerializedPopulationFigures = z.infer<typeof populationSchema>

function classifier(task: ScoringClassifier): SerializedClassifier {
  return {
    label: task.label,
    windowDays: task.windowDays,
    cutoffs: { training: [...task.cutoffs.training], validation: task.cutoffs.validation },
    featureSet: task.featureSet,
    columns: [...task.columns],
    countryEncoder: task.countryEncoder.toJSON(),
    pipeline: task.model.toJSON(),
    preWindowPipeline: task.preWindowModel.toJSON(),
    threshold: task.threshold,
  }
}

/** The models as a JSON-ready document (what restoreCustomerModels reads back). */
export function serializeCustomerModels(models: CustomerScoringModels): SerializedCustomerModels {
  return {
    type: CUSTOMER_MODELS_TYPE,
    version: CUSTOMER_MODELS_VERSION,
    settings: { ...models.settings },
    purchase: models.purchase ? classifier(models.purchase) : null,
    churn: models.churn ? classifier(models.churn) : null,
    bgnbd: models.value.bgnbd.toJSON(),
    gammaGamma: models.value.gammaGamma.toJSON(),
    ...(models.population ? { population: serializePopulationFigures(models.population) } : {}),
  }
}

/**
 * Checks a stored document's envelope (type, then version) and shape; the parts' own
 * contents are checked by their loaders. Throws ModelFormatError naming what is wrong.
 */
export function parseCustomerModelsDocument(json: unknown): SerializedCustomerModels {
  if (typeof json !== "object" || json === null || Array.isArray(json)) {
    throw new ModelFormatError(`${CUSTOMER_MODELS_TYPE}: a stored model must be a JSON object, got ${describe(json)}`)
  }
  const { type, version } = json as Record<string, unknown>
  if (type !== CUSTOMER_MODELS_TYPE) {
    throw new ModelFormatError(`expected a model of type "${CUSTOMER_MODELS_TYPE}", got ${describe(type)}`)
  }
  if (version !== CUSTOMER_MODELS_VERSION) {
    throw new ModelFormatError(
      `${CUSTOMER_MODELS_TYPE}: model format version ${describe(version)} is not supported (expected ${CUSTOMER_MODELS_VERSION}); retrain to store it anew`
    )
  }
  const parsed = bundleSchema.safeParse(json)
  if (!parsed.success) {
    const issues = parsed.error.issues.slice(0, 3).map((issue) => `${issue.path.join(".") || "(root)"}: ${issue.message}`)
    throw new ModelFormatError(`${CUSTOMER_MODELS_TYPE}: ${issues.join("; ")}`)
  }
  return parsed.data
}

function describe(value: unknown): string {
  if (value === undefined) return "nothing"
  const text = JSON.stringify(value) ?? String(value)
  return text.length > 40 ? `${text.slice(0, 40)}…` : text
}
