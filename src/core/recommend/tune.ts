/**
 * Tuning of the recommenders on a validation window before the reference time, never after it:
 * models are fitted on the lines before asOf - validationDays and scored on the lines of
 * [asOf - validationDays, asOf) with the protocols of evaluation.ts. Seeded random search, the
 * first trial of each search being the defaults:
 * 1. bought_together neighbours, by basket-completion hit rate@k;
 * 2. for-you neighbours ("similar" params and profile half-life), by NDCG@k on new items;
 * 3. for-you buy-again scoring (blend weight, its half-life, repeat-rate exponent) on the chosen
 *    neighbours, by NDCG@k with repeats allowed; skipped with a blend weight of 0 when the
 *    history shows no repeat purchases.
 * A search without validation cases keeps the defaults. The chosen params are then refitted on
 * every line of the history.
 */
import { buildOrderHistory, type OrderHistory } from "../data/types"
import type { Random } from "../random"
import { DAY_MS } from "./decay"
import { ForYouRecommender } from "./for-you"
import { FOR_YOU_DEFAULTS, type ForYouOptions } from "./for-you-options"
import { indexHistory } from "./indexed-history"
import { ItemToItemRecommender } from "./item-to-item"
import { BOUGHT_TOGETHER_DEFAULTS, type ItemToItemOptions } from "./item-to-item-options"
import { checkAsOf, checkInteger } from "./option-checks"
import { drawBuyAgainScoring, drawNeighbourOptions, drawProfileHalfLife, type BuyAgainScoring } from "./search-space"
import { runSearch, type SearchReport } from "./search"
import {
  buildRecommendationCases,
  evaluateBasketCompletion,
  evaluateForYou,
  type RankingSummary,
  type RecommendationCases,
} from "./evaluation"

export interface RecommenderTuningOptions {
  /** Draws every trial's params. */
  random: Random
  /** Trials per search (three searches), the first being the defaults. @defaultValue 12 */
  trials?: number
  /** Length of the validation window before asOf, in days. @defaultValue 90 */
  validationDays?: number
  /** The cutoff the history was taken before (epoch ms). @defaultValue the time of the history's last line */
  asOf?: number
  /** List length the validation metrics are computed at. @defaultValue 10 */
  k?: number
  /** Called after each trial with the number done so far and the total. */
  onProgress?: (done: number, total: number) => void
  /** Clock for the fit times, in milliseconds. @defaultValue performance.now */
  now?: () => number
}

export const RECOMMENDER_TUNING_DEFAULTS = {
  // About 10 s on Online Retail; the searches level off after a few good draws.
  trials: 12,
  // The evaluation protocols' window: a season of purchases.
  validationDays: 90,
  k: 10,
} as const

/** Neighbour params of the for-you model: its similar options and its profile half-life. */
export type ForYouNeighbourParams = Pick<ForYouOptions, "similar" | "profileHalfLifeDays">

export interface RecommenderTuningReport {
  asOf: number
  /** Start of the validation window (epoch ms); models were validated on [validationFrom, asOf). */
  validationFrom: number
  k: number
  cases: { newItems: number; repeatsAllowed: number; baskets: number }
  boughtTogether: SearchReport<ItemToItemOptions>
  forYouNeighbours: SearchReport<ForYouNeighbourParams>
  forYouScoring: SearchReport<BuyAgainScoring>
  /** Time to refit both chosen models on the whole history, in ms. */
  refitMs: number
}

export interface TunedRecommenders {
  /** Refitted on the whole history with the chosen params. */
  boughtTogether: ItemToItemRecommender
  forYou: ForYouRecommender
  report: RecommenderTuningReport
}

const NO_CASES: RecommendationCases = { newItems: [], repeatsAllowed: [], baskets: [], catalogueSize: 0 }

const DEFAULT_SCORING: BuyAgainScoring = {
  blendWeight: FOR_YOU_DEFAULTS.blendWeight,
  buyAgainHalfLifeDays: FOR_YOU_DEFAULTS.buyAgainHalfLifeDays,
  repeatRateExponent: FOR_YOU_DEFAULTS.repeatRateExponent,
}

/**
 * The buy-again search on fitted neighbours: each trial only rescores (no refit). Without
 * repeat purchases in the history the blend weight is 0 and nothing is searched.
 */
function searchScoring(
  neighbours: ForYouRecommender,
  spec: {
    trials: number
    random: Random
    now: () => number
    onTrial: () => void
    hasCases: boolean
    evaluate: (model: ForYouRecommender) => RankingSummary
  },
): SearchReport<BuyAgainScoring> {
  const noRepeats = neighbours.withScoring({ blendWeight: 1 }).effectiveBlendWeight() === 0
  return runSearch<BuyAgainScoring>({
    trials: noRepeats ? 1 : spec.trials,
    hasCases: spec.hasCases,
    metric: "ndcg",
    now: spec.now,
    onTrial: spec.onTrial,
    draw: (trial) =>
      noRepeats ? { ...DEFAULT_SCORING, blendWeight: 0 } : trial === 0 ? DEFAULT_SCORING : drawBuyAgainScoring(spec.random),
    evaluate: (scoring) => {
      const model = neighbours.withScoring(scoring)
      return () => spec.evaluate(model)
    },
  })
}

export function tuneRecommenders(history: OrderHistory, options: RecommenderTuningOptions): TunedRecommenders {
  const trials = checkInteger("trials", options.trials ?? RECOMMENDER_TUNING_DEFAULTS.trials, 1)
  const validationDays = checkInteger("validationDays", options.validationDays ?? RECOMMENDER_TUNING_DEFAULTS.validationDays, 1)
  const k = checkInteger("k", options.k ?? RECOMMENDER_TUNING_DEFAULTS.k, 1)
  const asOf = options.asOf === undefined ? history.lastAt : checkAsOf(options.asOf)
  const now = options.now ?? (() => performance.now())
  const validationFrom = asOf - validationDays * DAY_MS

  const before = history.lines.filter((line) => line.orderedAt < validationFrom)
  const window = history.lines.filter((line) => line.orderedAt >= validationFrom && line.orderedAt < asOf)
  const train = indexHistory(buildOrderHistory(before))
  const cases = before.length > 0 ? buildRecommendationCases(train, window) : NO_CASES
  const fitAt = { asOf: validationFrom }
  const { catalogueSize } = cases
  const total = 3 * trials
  let done = 0
  const onTrial = (): void => options.onProgress?.(++done, total)
  const endSearch = (searches: number): void => {
    if (done < searches * trials) options.onProgress?.((done = searches * trials), total)
  }
  const random = { boughtTogether: options.random.fork(), neighbours: options.random.fork(), scoring: options.random.fork() }

  const boughtTogether = runSearch<ItemToItemOptions>({
    trials,
    hasCases: cases.baskets.length > 0,
    metric: "hitRate",
    now,
    onTrial,
    draw: (trial) => (trial === 0 ? BOUGHT_TOGETHER_DEFAULTS : drawNeighbourOptions(BOUGHT_TOGETHER_DEFAULTS, random.boughtTogether)),
    evaluate: (params) => {
      const model = new ItemToItemRecommender(params).fit(train, fitAt)
      return () => evaluateBasketCompletion(model, cases.baskets, { k, catalogueSize })
    },
  })
  endSearch(1)

  const fitted = new Map<ForYouNeighbourParams, ForYouRecommender>()
  const forYouNeighbours = runSearch<ForYouNeighbourParams>({
    trials,
    hasCases: cases.newItems.length > 0,
    metric: "ndcg",
    now,
    onTrial,
    draw: (trial) =>
      trial === 0
        ? { similar: FOR_YOU_DEFAULTS.similar, profileHalfLifeDays: FOR_YOU_DEFAULTS.profileHalfLifeDays }
        : {
            similar: drawNeighbourOptions(FOR_YOU_DEFAULTS.similar, random.neighbours),
            profileHalfLifeDays: drawProfileHalfLife(random.neighbours),
          },
    evaluate: (params) => {
      const model = new ForYouRecommender(params).fit(train, fitAt)
      fitted.set(params, model)
      return () => evaluateForYou(model, train, cases.newItems, { k, excludePurchased: true, catalogueSize })
    },
  })
  endSearch(2)

  const chosenNeighbours = fitted.get(forYouNeighbours.chosen)
  const forYouScoring =
    chosenNeighbours === undefined
      ? { chosen: DEFAULT_SCORING, validation: null, metric: "ndcg" as const, trials: [] }
      : searchScoring(chosenNeighbours, {
          trials,
          random: random.scoring,
          now,
          onTrial,
          evaluate: (model) => evaluateForYou(model, train, cases.repeatsAllowed, { k, excludePurchased: false, catalogueSize }),
          hasCases: cases.repeatsAllowed.length > 0,
        })
  endSearch(3)

  const started = now()
  const all = indexHistory(history)
  const boughtTogetherModel = new ItemToItemRecommender(boughtTogether.chosen).fit(all, { asOf })
  const forYou = new ForYouRecommender({ ...forYouNeighbours.chosen, ...forYouScoring.chosen }).fit(all, { asOf })
  return {
    boughtTogether: boughtTogetherModel,
    forYou,
    report: {
      asOf,
      validationFrom,
      k,
      cases: { newItems: cases.newItems.length, repeatsAllowed: cases.repeatsAllowed.length, baskets: cases.baskets.length },
      boughtTogether,
      forYouNeighbours,
      forYouScoring,
      refitMs: now() - started,
    },
  }
}
