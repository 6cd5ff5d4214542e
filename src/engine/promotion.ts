/**
 * Champion or challenger: a new version is promoted only if it beats the current
 * champion on the same data by its task's metric (or if there is none).
 * - customer scores: the champion's stored models are restored and scored on the
 *   challenger's held-out validation customers, whom neither model was selected on; the
 *   challenger must be ahead by more than one paired-bootstrap standard error, a tie keeps
 *   the champion (core/pipeline/champion-comparison.ts).
 * - recommendations: NDCG@10 of the "for you" lists (purchases allowed) on the tuning
 *   window [validationFrom, asOf). The champion's stored customer lists are scored on the
 *   same cases when they were built before that window; a champion built inside it has
 *   seen what it would be judged on, so it cannot be compared fairly, and the fresher
 *   lists win.
 */
import type { OrderHistory } from "../core/data"
import { ModelFormatError } from "../core/errors"
import { restoreCustomerModels, type RestoredCustomerModels } from "../core/pipeline/customer-scorer"
import { compareWithChampion, type PromotionOutcome } from "../core/pipeline/champion-comparison"
import type { CustomerModelsResult } from "../core/pipeline/train-customer-models"
import type { RecommendationResult } from "../core/pipeline/train-recommendations"
import { buildRecommendationCases, summarizeRankings } from "../core/recommend/evaluation"
import type { ChampionSnapshot } from "./training-work"

export interface PromotionDecision {
  promote: boolean
  /** promoted, rejected, tie (the champion stays), no_champion, or not_comparable (a champion of an older format). */
  outcome: PromotionOutcome | "not_comparable"
  /** Standard error of the difference, when there was a comparison. */
  standardError?: number | null
  /** The task's metric, e.g. "churn.prAuc" or "forYou.ndcg@10". */
  metric: string
  challenger: number | null
  champion: number | null
  championVersionId: string | null
  /** One sentence a merchant can read. */
  reason: string
}

const RECOMMENDATION_METRIC = "forYou.ndcg@10"
const RECOMMENDATION_K = 10

export function decideCustomerScores(
  result: CustomerModelsResult,
  history: OrderHistory,
  champion: ChampionSnapshot | null
): PromotionDecision {
  const restored = champion ? restoredOrNull(champion.model) : null
  const ladder = withoutClassifier(result, restored, champion)
  if (ladder) return ladder
  if (champion && !restored) {
    const challenger = compareWithChampion(result, null, history)
    return {
      promote: true,
      outcome: "not_comparable",
      metric: challenger.metric,
      challenger: challenger.challenger,
      champion: null,
      championVersionId: champion.id,
      reason: "the champion's stored models are of an older format and cannot be compared",
    }
  }
  const comparison = compareWithChampion(result, restored, history)
  const figures = `${comparison.metric} ${fmt(comparison.challenger)} vs ${fmt(comparison.champion)}, standard error ${fmt(comparison.standardError)}`
  const reasons: Record<PromotionOutcome, string> = {
    no_champion: "no champion yet",
    promoted: `beats the champion on customers neither was selected on by more than one standard error (${figures})`,
    rejected: `falls behind the champion on customers neither was selected on by more than one standard error (${figures})`,
    tie: `within one standard error of the champion on customers neither was selected on: the champion stays (${figures})`,
  }
  return {
    promote: comparison.promote,
    outcome: comparison.outcome,
    standardError: comparison.standardError,
    metric: comparison.metric,
    challenger: comparison.challenger,
    champion: comparison.champion,
    championVersionId: champion?.id ?? null,
    reason: reasons[comparison.outcome],
  }
}

export function decideRecommendations(
  result: RecommendationResult,
  history: OrderHistory,
  asOf: number,
  champion: ChampionSnapshot | null
): PromotionDecision {
  const from = result.report.validationFrom
  const challenger = result.report.forYouScoring.validation?.ndcg ?? null
  const base = { metric: RECOMMENDATION_METRIC, challenger, championVersionId: champion?.id ?? null }
  if (!champion) return { ...base, promote: true, outcome: "no_champion", champion: null, reason: "no champion yet" }
  const cutoff = champion.dataCutoff?.getTime() ?? Number.POSITIVE_INFINITY
  if (cutoff > from || !champion.customerLists || challenger === null) {
    return { ...base, promote: true, outcome: "not_comparable", champion: null, reason: "the champion's lists were built inside the validation window: fresher lists replace them" }
  }
  const figure = storedListsNdcg(champion.customerLists, history, from, asOf)
  const promote = figure === null || challenger > figure
  return {
    ...base,
    promote,
    outcome: figure === null ? "not_comparable" : promote ? "promoted" : "rejected",
    champion: figure,
    reason: promote
      ? `beats the champion's lists on the validation window (${RECOMMENDATION_METRIC} ${fmt(challenger)} > ${fmt(figure)})`
      : `does not beat the champion's lists on the validation window (${RECOMMENDATION_METRIC} ${fmt(challenger)} <= ${fmt(figure)})`,
  }
}

/** NDCG@10 of stored customer lists on the "repeats allowed" cases of [from, asOf); null without cases. */
export function storedListsNdcg(lists: Record<string, string[]>, history: OrderHistory, from: number, asOf: number): number | null {
  const before = { ...history, lines: history.lines.filter((line) => line.orderedAt < from) }
  const window = history.lines.filter((line) => line.orderedAt >= from && line.orderedAt < asOf)
  const cases = buildRecommendationCases(before, window)
  if (cases.repeatsAllowed.length === 0) return null
  const ranked = cases.repeatsAllowed.map((c) => ({ ranked: lists[c.customerId] ?? [], truth: c.truth }))
  return summarizeRankings(ranked, RECOMMENDATION_K, cases.catalogueSize).ndcg
}

/**
 * The decision when either side has no classifier (a young store's BG/NBD-only version):
 * classifiers are not compared with BG/NBD alone; a version with classifiers replaces one
 * without, and one without never replaces a champion with classifiers. Null when both
 * sides have classifiers (the comparison decides).
 */
function withoutClassifier(
  result: CustomerModelsResult,
  restored: RestoredCustomerModels | null,
  champion: ChampionSnapshot | null
): PromotionDecision | null {
  const championHasClassifier = restored !== null && restored.purchase !== null
  if (result.models.purchase && (!champion || !restored || championHasClassifier)) return null
  const base = { metric: "rung", challenger: null, champion: null, championVersionId: champion?.id ?? null }
  if (result.models.purchase) return { ...base, promote: true, outcome: "promoted", reason: "trained classifiers replace the champion's BG/NBD-only scores" }
  if (!champion) return { ...base, promote: true, outcome: "no_champion", reason: "no champion yet" }
  if (!championHasClassifier) return { ...base, promote: true, outcome: "promoted", reason: "fresher BG/NBD-only scores replace the champion's" }
  return { ...base, promote: false, outcome: "rejected", reason: "the champion has classifiers; BG/NBD-only scores do not replace them" }
}

const fmt = (value: number | null) => (value === null ? "n/a" : value.toFixed(4))

/** The champion's models, or null when they were stored in a format this release cannot read. */
function restoredOrNull(model: unknown): RestoredCustomerModels | null {
  try {
    return restoreCustomerModels(model)
  } catch (error) {
    if (error instanceof ModelFormatError) return null
    throw error
  }
}
