/**
 * Writes one recommendation-pipeline result to the plugin's store: a model version of
 * the "recommendations" task with every stored list, in one transaction.
 */
import type { RecommendationResult } from "../core/pipeline/train-recommendations"
import type { ModelVersion } from "../models"
import type { MlStore, SaveVersionInput } from "../store/ml-store"
import { toJsonObject } from "./json"
import { RECOMMENDATIONS_TASK } from "./names"

export { RECOMMENDATIONS_TASK } from "./names"

export interface SaveRecommendationsOptions {
  asOf: number
  trainingRunId: string | null
  promote: boolean
}

export async function saveRecommendations(
  store: MlStore,
  result: RecommendationResult,
  options: SaveRecommendationsOptions
): Promise<ModelVersion> {
  return store.saveModelVersion(recommendationsVersion(result, options))
}

/** The model version of a recommendation-pipeline result, with every stored list. */
export function recommendationsVersion(result: RecommendationResult, options: SaveRecommendationsOptions): SaveVersionInput {
  const { report } = result
  return {
    version: {
      task: RECOMMENDATIONS_TASK,
      learner: "item-to-item",
      hyperparameters: toJsonObject({
        boughtTogether: report.boughtTogether.chosen,
        forYouNeighbours: report.forYouNeighbours.chosen,
        forYouScoring: report.forYouScoring.chosen,
      }),
      metrics: toJsonObject({
        boughtTogether: report.boughtTogether.validation,
        forYouNeighbours: report.forYouNeighbours.validation,
        forYouScoring: report.forYouScoring.validation,
        lists: report.lists,
      }),
      // the stored lists (rows of ml_recommendation) are what the storefront reads; the
      // recommenders themselves are rebuilt by each training, so only their shape is kept here
      model: { type: "stored-lists", version: 1, lists: toJsonObject(report.lists) },
      trainingRunId: options.trainingRunId,
      dataCutoff: new Date(options.asOf),
    },
    recommendations: result.lists.flatMap((list) =>
      list.items.map((item, i) => ({
        sourceType: list.sourceType,
        sourceId: list.sourceId,
        rank: i + 1,
        productId: item.productId,
        score: item.score,
      }))
    ),
    promote: options.promote,
  }
}
