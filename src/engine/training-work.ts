/**
 * The CPU-heavy part of a `train` job, as one function of plain data: train the customer
 * models and the recommenders on a history snapshot, decide whether each beats its
 * champion, and return the model versions to write. It runs in a worker thread
 * (training-thread.ts) so the process that enqueued it keeps answering; everything in
 * and out is structured-cloneable.
 */
import type { OrderHistory } from "../core/data"
import type { CustomerScore, TrainingReport } from "../core/pipeline/report"
import { trainCustomerModels } from "../core/pipeline/train-customer-models"
import { trainRecommendations, type RecommendationResult } from "../core/pipeline/train-recommendations"
import type { Json } from "../models"
import type { TrainingSettings } from "./payloads"
import type { SaveVersionInput } from "../store/ml-store"
import { customerScoresVersion } from "./save-customer-scores"
import { recommendationsVersion } from "./save-recommendations"
import { decideCustomerScores, decideRecommendations, type PromotionDecision } from "./promotion"

export interface ChampionSnapshot {
  id: string
  model: Json
  dataCutoff: Date | null
  /** Recommendations only: customer id → stored "customer" list, best first. */
  customerLists?: Record<string, string[]>
}

export interface TrainingWorkInput {
  history: OrderHistory
  asOf: number
  settings: TrainingSettings
  trainingRunId: string
  /** Products that still exist (a live store); lists keep only these. Absent: all. */
  liveProductIds?: string[]
  /** The current champions, to compare against; null when the task has none. */
  champions: { customerScores: ChampionSnapshot | null; recommendations: ChampionSnapshot | null }
}

export interface TrainingWorkOutput {
  /** Versions to write in one transaction, each marked promote or rejected. */
  versions: SaveVersionInput[]
  decisions: { customerScores: PromotionDecision; recommendations: PromotionDecision | null }
  report: TrainingReport
  recommendationsReport: RecommendationResult["report"] | null
  /** Every customer's new scores (for the summary; the versions hold the stored rows). */
  scores: CustomerScore[]
}

export type WorkProgress = (stage: string, fraction: number) => void

export async function trainModels(input: TrainingWorkInput, onProgress: WorkProgress = () => undefined): Promise<TrainingWorkOutput> {
  const { history, asOf, settings } = input
  const customers = await trainCustomerModels(history, {
    asOf,
    horizonDays: settings.horizonDays,
    churnWindowDays: settings.churnWindowDays,
    clvHorizonDays: settings.clvHorizonDays,
    seed: settings.seed,
    trials: settings.trials,
    onProgress,
  })
  const trained =
    history.products.size >= 2
      ? trainRecommendations(history, {
          asOf,
          seed: settings.seed,
          limit: settings.listSize,
          onProgress: (fraction) => onProgress("recommend", fraction),
        })
      : null
  const recommendations = trained && input.liveProductIds ? onlyLiveProducts(trained, new Set(input.liveProductIds)) : trained
  onProgress("compare", 0)
  const customerDecision = decideCustomerScores(customers, history, input.champions.customerScores)
  const recommendationDecision = recommendations ? decideRecommendations(recommendations, history, asOf, input.champions.recommendations) : null
  onProgress("compare", 1)
  const options = (decision: PromotionDecision) => ({ asOf, trainingRunId: input.trainingRunId, promote: decision.promote })
  const versions = [withDecision(customerScoresVersion(customers, options(customerDecision)), customerDecision)]
  if (recommendations && recommendationDecision) {
    versions.push(withDecision(recommendationsVersion(recommendations, options(recommendationDecision)), recommendationDecision))
  }
  return {
    versions,
    decisions: { customerScores: customerDecision, recommendations: recommendationDecision },
    report: customers.report,
    recommendationsReport: recommendations?.report ?? null,
    scores: customers.scores,
  }
}

/** Lists without products that no longer exist (deleted since they were sold), nor lists of them. */
export function onlyLiveProducts(result: RecommendationResult, live: ReadonlySet<string>): RecommendationResult {
  const lists = result.lists
    .filter((list) => list.sourceId === "*" || (list.sourceType !== "similar" && list.sourceType !== "bought_together") || live.has(list.sourceId))
    .map((list) => ({ ...list, items: list.items.filter((item) => live.has(item.productId)) }))
    .filter((list) => list.items.length > 0)
  const counts = { similar: 0, bought_together: 0, customer: 0, customer_new: 0, popular: 0 }
  for (const list of lists) counts[list.sourceType] += 1
  return { lists, report: { ...result.report, lists: counts } }
}

/** Records the comparison among the version's metrics and marks a loser rejected. */
function withDecision(input: SaveVersionInput, decision: PromotionDecision): SaveVersionInput {
  return {
    ...input,
    version: { ...input.version, metrics: { ...input.version.metrics, promotion: { ...decision } } },
    rejected: !decision.promote,
  }
}
