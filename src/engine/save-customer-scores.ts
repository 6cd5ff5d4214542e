/**
 * Writes one customer-pipeline result to the plugin's store: a model version with all
 * its predictions, in one transaction. Used by the CLI and by the Medusa jobs alike.
 */
import type { CustomerModelsResult } from "../core/pipeline/train-customer-models"
import { serializeCustomerModels } from "../core/pipeline/model-bundle"
import type { ModelVersion } from "../models"
import type { CustomerScore } from "../core/pipeline/report"
import type { MlStore, NewPrediction, SaveVersionInput } from "../store/ml-store"
import { toJson, toJsonObject } from "./json"
import { CUSTOMER_SCORES_TASK } from "./names"

export { CUSTOMER_SCORES_TASK } from "./names"

export interface SaveScoresOptions {
  asOf: number
  trainingRunId: string | null
  scoredAt?: Date
  /** Promote the new version to champion (until the registry compares versions, the newest is current). */
  promote: boolean
}

export async function saveCustomerScores(store: MlStore, result: CustomerModelsResult, options: SaveScoresOptions): Promise<ModelVersion> {
  return store.saveModelVersion(customerScoresVersion(result, options))
}

/** Stored prediction rows of customer scores. */
export function predictionRows(scores: CustomerScore[], scoredAt: Date): NewPrediction[] {
  return scores.map((s) => ({
    customerId: s.customerId,
    purchaseProbability: s.purchaseProbability,
    churnRisk: s.churnRisk,
    pAlive: s.pAlive,
    expectedOrders: s.expectedOrders,
    expectedSpend: s.expectedSpend,
    predictedClv: s.predictedClv,
    segment: s.segment,
    reasons: s.reasons.map((r) => ({ feature: r.feature, text: r.text, contribution: r.contribution })),
    scoredAt,
  }))
}

/** The model version of a customer-pipeline result, with all its predictions. */
export function customerScoresVersion(result: CustomerModelsResult, options: SaveScoresOptions): SaveVersionInput {
  const { report } = result
  const scoredAt = options.scoredAt ?? new Date()
  return {
    version: {
      task: CUSTOMER_SCORES_TASK,
      learner: report.purchase.chosen.learner,
      hyperparameters: toJsonObject({ purchase: report.purchase.chosen, churn: report.churn?.chosen ?? null }),
      metrics: toJsonObject({
        purchase: report.purchase.metrics,
        churn: report.churn?.metrics ?? null,
        bgnbd: report.bgnbd,
        gammaGamma: report.gammaGamma,
      }),
      model: toJson(serializeCustomerModels(result.models)),
      trainingRunId: options.trainingRunId,
      dataCutoff: new Date(options.asOf),
    },
    predictions: predictionRows(result.scores, scoredAt),
    promote: options.promote,
  }
}
