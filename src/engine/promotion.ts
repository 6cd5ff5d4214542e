/**
 * Champion or challenger: a new version is promoted only if it beats the current
 * champion on the same data by its task's metric (or if there is none).
 * - customer scores: the champion's stored models are restored and scored on the
 *   challenger's held-out validation customers, whom neither model was selected on; the
 *   challenger must be ahead by more than one paired-bootstrap standard error, a tie keeps
 *   the champion (core/pipeline/champion-comparison.ts).
 * - recommendations: the challenger's "for you" settings against the champion's, each
 *   fitted on the lines before the validation window and judged by NDCG@10 (purchases
 *   allowed) on what the held-out customers bought in it: no search selected on them
 *   (core/recommend/holdout-comparison.ts). Ahead by more than one paired standard error:
 *   promoted; behind by more: rejected; a tie keeps the champion on the champion's data,
 *   and gives the lists built on fresher data otherwise (the same quality, later purchases).
 */
import type { OrderHistory } from "../core/data"
import { ModelFormatError } from "../core/errors"
import { restoreCustomerModels, type RestoredCustomerModels } from "../core/pipeline/customer-scorer"
import { compareWithChampion, type PromotionOutcome } from "../core/pipeline/champion-comparison"
import type { CustomerModelsResult } from "../core/pipeline/train-customer-models"
import type { RecommendationResult } from "../core/pipeline/train-recommendations"
import { ForYouRecommender, type ForYouOptions } from "../core/recommend"
import { heldOutCases, ndcgPerCase, pairedFigures } from "../core/recommend/holdout-comparison"
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
  const base = { metric: RECOMMENDATION_METRIC, championVersionId: champion?.id ?? null }
  if (!champion) return { ...base, promote: true, outcome: "no_champion", challenger: null, champion: null, reason: "no champion yet" }
  // lists built on later data than the champion's are worth having at equal quality
  const fresher = (champion.dataCutoff?.getTime() ?? Number.NEGATIVE_INFINITY) < asOf
  const championSettings = forYouSettingsOf(champion.hyperparameters)
  const held = heldOutCases(history, result.report.validationFrom, asOf)
  if (!championSettings || held.cases.length === 0) {
    const why = !championSettings ? "the champion's settings are of an older format" : "no held-out customer bought in the validation window"
    return fresher
      ? { ...base, promote: true, outcome: "not_comparable", challenger: null, champion: null, reason: `${why}: lists built on fresher data replace the champion's` }
      : { ...base, promote: false, outcome: "tie", challenger: null, champion: null, reason: `${why}, and the data is the champion's: the champion stays` }
  }
  const challengerSettings = { ...result.report.forYouNeighbours.chosen, ...result.report.forYouScoring.chosen }
  const figures = pairedFigures(ndcgPerCase(challengerSettings, held, RECOMMENDATION_K), ndcgPerCase(championSettings, held, RECOMMENDATION_K))
  const difference = figures.challenger - figures.champion
  const outcome: PromotionOutcome = difference > figures.standardError ? "promoted" : difference < -figures.standardError ? "rejected" : "tie"
  const text = `${RECOMMENDATION_METRIC} ${fmt(figures.challenger)} vs ${fmt(figures.champion)} on ${figures.cases} held-out customers, standard error ${fmt(figures.standardError)}`
  const reasons: Record<PromotionOutcome, string> = {
    no_champion: "no champion yet",
    promoted: `its settings beat the champion's on customers neither was selected on by more than one standard error (${text})`,
    rejected: `its settings fall behind the champion's on customers neither was selected on by more than one standard error (${text})`,
    tie: fresher
      ? `its settings are as good as the champion's on customers neither was selected on, and its lists are built on fresher data (${text})`
      : `within one standard error of the champion's settings on the champion's data: the champion stays (${text})`,
  }
  return {
    ...base,
    promote: outcome === "promoted" || (outcome === "tie" && fresher),
    outcome,
    standardError: figures.standardError,
    challenger: figures.challenger,
    champion: figures.champion,
    reason: reasons[outcome],
  }
}

/** The "for you" settings a recommendations version was built with, or null when it does not say (an older format). */
function forYouSettingsOf(hyperparameters: unknown): Partial<ForYouOptions> | null {
  const h = hyperparameters as { forYouNeighbours?: unknown; forYouScoring?: unknown } | null | undefined
  const isObject = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null && !Array.isArray(value)
  if (!h || !isObject(h.forYouNeighbours) || !isObject(h.forYouScoring)) return null
  const settings = { ...h.forYouNeighbours, ...h.forYouScoring } as Partial<ForYouOptions>
  try {
    new ForYouRecommender(settings)
    return settings
  } catch {
    return null
  }
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
