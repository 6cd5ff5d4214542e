import type { EntitySchema } from "typeorm"
import { columnTypes, type StoreDialect } from "./column-types"
import { customerPredictionSchema } from "./customer-prediction"
import { erasureSchema } from "./erasure"
import { modelVersionSchema } from "./model-version"
import { readinessCheckSchema } from "./readiness-check"
import { recommendationSchema } from "./recommendation"
import { trainingRunSchema } from "./training-run"

export * from "./column-types"
export type { CustomerPrediction, PredictionReason } from "./customer-prediction"
export type { Erasure, ErasureKind } from "./erasure"
export type { ModelVersion, ModelVersionStatus } from "./model-version"
export { STORE_READINESS_ID, type ReadinessCheck } from "./readiness-check"
export type { Recommendation, RecommendationSource } from "./recommendation"
export type { TrainingAttempt, TrainingRun, TrainingRunStatus } from "./training-run"

/** The plugin's tables, mapped to one dialect. */
export interface MlEntities {
  modelVersion: ReturnType<typeof modelVersionSchema>
  trainingRun: ReturnType<typeof trainingRunSchema>
  customerPrediction: ReturnType<typeof customerPredictionSchema>
  recommendation: ReturnType<typeof recommendationSchema>
  erasure: ReturnType<typeof erasureSchema>
  readinessCheck: ReturnType<typeof readinessCheckSchema>
}

export function mlEntities(dialect: StoreDialect): MlEntities {
  const t = columnTypes(dialect)
  return {
    modelVersion: modelVersionSchema(t),
    trainingRun: trainingRunSchema(t),
    customerPrediction: customerPredictionSchema(t),
    recommendation: recommendationSchema(t),
    erasure: erasureSchema(t),
    readinessCheck: readinessCheckSchema(t),
  }
}

export function entityList(entities: MlEntities): EntitySchema[] {
  return [entities.modelVersion, entities.trainingRun, entities.customerPrediction, entities.recommendation, entities.erasure, entities.readinessCheck] as EntitySchema[]
}
