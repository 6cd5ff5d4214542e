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
import { NotEnoughDataError } from "../core/errors"
import { rungReport } from "../core/pipeline/rung-report"
import type { TrainingPlan } from "../core/pipeline/training-plan"
import { classifierSkips, orSkipped, PART_NAMES, skip, type SkippedPart } from "./skipped-parts"
import { decideCustomerScores, decideRecommendations, type PromotionDecision } from "./promotion"

export interface ChampionSnapshot {
  id: string
  model: Json
  dataCutoff: Date | null
  /** The settings it was built with (recommendations: the "for you" settings it is compared by). */
  hyperparameters: Json
}

export interface TrainingWorkInput {
  history: OrderHistory
  asOf: number
  settings: TrainingSettings
  trainingRunId: string
  /** Products that still exist (a live store); lists keep only these. Absent: all. */
  liveProductIds?: string[]
  /** What the readiness check planned: the parts to build and the classifiers' label windows. */
  plan: TrainingPlan
  /** The current champions, to compare against; null when the task has none. */
  champions: { customerScores: ChampionSnapshot | null; recommendations: ChampionSnapshot | null }
}

export interface TrainingWorkOutput {
  /** Versions to write in one transaction, each marked promote or rejected. */
  versions: SaveVersionInput[]
  /** null: the part was skipped (see `skipped`). */
  decisions: { customerScores: PromotionDecision | null; recommendations: PromotionDecision | null }
  /** The customer models' report; null when the value models could not be built. */
  report: TrainingReport | null
  recommendationsReport: RecommendationResult["report"] | null
  /** Every customer's new scores (for the summary; the versions hold the stored rows); empty without value models. */
  scores: CustomerScore[]
  /** One entry per part not produced, with the reason in a merchant's words. */
  skipped: SkippedPart[]
}

export type WorkProgress = (stage: string, fraction: number) => void

export async function trainModels(input: TrainingWorkInput, onProgress: WorkProgress = () => undefined): Promise<TrainingWorkOutput> {
  const { history, asOf, settings, plan } = input
  const skipped: SkippedPart[] = []
  // each part on its own: a shortage or a failure in one leaves the others standing
  const customers = plan.value.ready
    ? await orSkipped(skipped, "values", () =>
        trainCustomerModels(history, {
          asOf,
          horizonDays: settings.horizonDays,
          churnWindowDays: churnWindowOf(settings),
          clvHorizonDays: settings.clvHorizonDays,
          seed: settings.seed,
          trials: settings.trials,
          plan,
          onProgress,
        })
      )
    : skip(skipped, "values", plan.value.why!)
  if (customers) skipped.push(...classifierSkips(customers.report.ladder))
  else skipped.push(...classifierSkips({ purchase: rungReport(plan.purchase, null), churn: plan.churn ? rungReport(plan.churn, null) : null }))
  const trained = plan.recommendations.ready
    ? await orSkipped(skipped, "lists", () =>
        trainRecommendations(history, {
          asOf,
          seed: settings.seed,
          limit: settings.listSize,
          onProgress: (fraction) => onProgress("recommend", fraction),
        })
      )
    : skip(skipped, "lists", plan.recommendations.why!)
  if (!customers && !trained) throw new NotEnoughDataError(skipped.map((s) => `${PART_NAMES[s.part]}: ${s.why}`))
  const recommendations = trained && input.liveProductIds ? onlyLiveProducts(trained, new Set(input.liveProductIds)) : trained
  onProgress("compare", 0)
  const customerDecision = customers ? decideCustomerScores(customers, history, input.champions.customerScores) : null
  const recommendationDecision = recommendations ? decideRecommendations(recommendations, history, asOf, input.champions.recommendations) : null
  onProgress("compare", 1)
  const options = (decision: PromotionDecision) => ({ asOf, trainingRunId: input.trainingRunId, promote: decision.promote })
  const versions: SaveVersionInput[] = []
  if (customers && customerDecision) versions.push(withDecision(customerScoresVersion(customers, options(customerDecision)), customerDecision))
  if (recommendations && recommendationDecision) {
    versions.push(withDecision(recommendationsVersion(recommendations, options(recommendationDecision)), recommendationDecision))
  }
  return {
    versions,
    decisions: { customerScores: customerDecision, recommendations: recommendationDecision },
    report: customers?.report ?? null,
    recommendationsReport: recommendations?.report ?? null,
    scores: customers?.scores ?? [],
    skipped,
  }
}

/** The churn window: the horizon unless set explicitly. */
export function churnWindowOf(settings: Pick<TrainingSettings, "horizonDays" | "churnWindowDays">): number {
  return settings.churnWindowDays ?? settings.horizonDays
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
