/** The trained customer models as one JSON document, stored with a model version. */
import type { SerializedEstimator } from "../learners/types"
import type { CustomerModels } from "./train-customer-models"
import type { ClassifierTask } from "./classifier-task"

export const CUSTOMER_MODELS_TYPE = "customer-models"
export const CUSTOMER_MODELS_VERSION = 1

interface SerializedClassifier {
  featureSet: string
  /** Columns of FEATURE_NAMES the classifier reads, before the country columns. */
  columns: number[]
  countryEncoder: SerializedEstimator
  pipeline: unknown
  threshold: number
}

export interface SerializedCustomerModels {
  type: typeof CUSTOMER_MODELS_TYPE
  version: typeof CUSTOMER_MODELS_VERSION
  purchase: SerializedClassifier
  /** null: churn risk is 1 - purchase probability. */
  churn: SerializedClassifier | null
  bgnbd: unknown
  gammaGamma: unknown
}

function classifier(task: ClassifierTask): SerializedClassifier {
  return {
    featureSet: task.featureSet,
    columns: task.columns,
    countryEncoder: task.countryEncoder.toJSON(),
    pipeline: task.model.toJSON(),
    threshold: task.threshold,
  }
}

export function serializeCustomerModels(models: CustomerModels): SerializedCustomerModels {
  return {
    type: CUSTOMER_MODELS_TYPE,
    version: CUSTOMER_MODELS_VERSION,
    purchase: classifier(models.purchase),
    churn: models.churn ? classifier(models.churn) : null,
    bgnbd: models.value.bgnbd.toJSON(),
    gammaGamma: models.value.gammaGamma.toJSON(),
  }
}
