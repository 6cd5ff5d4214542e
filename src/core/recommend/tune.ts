/**
 * Tuning of the recommenders on a validation window before the reference time, never after it:
 * models are fitted on the lines before asOf - validationDays and scored on the lines of
 * [asOf - validationDays, asOf) with the protocols of evaluation.ts. Seeded random search, the
 * first trial of each search being the defaults:
 * 1. bought_together neighbours, by basket-completion hit rate@k;
 * 2. for-you neighbours ("similar" params, profile half-life, trend exponent), by NDCG@k on new items;
 * 3. for-you buy-again scoring (blend weight, its half-life, repeat-rate exponent) on the chosen
 *    neighbours, by NDCG@k with repeats allowed; skipped with a blend weight of 0 when the
 *    history shows no repeat purchases.
 * The held-out customers (data/holdout.ts) are left out of the customer cases: no search selects
 * on them, so a champion and a challenger can be compared on them (holdout-comparison.ts).
 * A search without validation cases keeps the defaults. The chosen params are then refitted on
 * every line of the history.
 */
import { isHeldOut } from "../data/holdout"
import { buildOrderHistory, type OrderHistory } from "../data/types"
import type { Random } from "../random"
import { DAY_MS } from "./decay"
import { ForYouRecommender } from "./for-you"
import { FOR_YOU_DEFAULTS, type ForYouOptions } from "./for-you-options"
import { indexHistory, type IndexedHistory } from "./indexed-history"
import { ItemToItemRecommender } from "./item-to-item"
import { BOUGHT_TOGETHER_DEFAULTS, type ItemToItemOptions } from "./item-to-item-options"
import { checkAsOf, checkInteger } from "./option-checks"
import { drawBuyAgainScoring, drawNeighbourOptions, drawProfileScoring, type BuyAgainScoring } from "./search-space"
import { runSearch, type SearchReport, type SearchResult } from "./search"
import {
  buildRecommendationCases,
  evaluateBasketCompletion,
  evaluateForYou,
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
  // About 8 s of CPU on Online Retail's 235,000 lines before 2011-09-10; the searches level off after a few good draws.
  trials: 12,
  // The evaluation protocols' window: a season of purchases.
  validationDays: 90,
  k: 10,
} as const

/** Neighbour params of the for-you model: its similar options, its profile half-life and its trend exponent. */
export type ForYouNeighbourParams = Pick<ForYouOptions, "similar" | "profileHalfLifeDays" | "trendExponent">

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
  /** The whole history as the refit indexed it, for the stored lists. */
  indexed: IndexedHistory
  report: RecommenderTuningReport
}

const NO_CASES: RecommendationCases = { newItems: [], repeatsAllowed: [], baskets: [], catalogueSize: 0 }

const DEFAULT_SCORING: BuyAgainScoring = {
  blendWeight: FOR_YOU_DEFAULTS.blendWeight,
  buyAgainHalfLifeDays: FOR_YOU_DEFAULTS.buyAgainHalfLifeDays,
  repeatRateExponent: FOR_YOU_DEFAULTS.repeatRateExponent,
}

const DEFAULT_NEIGHBOURS: ForYouNeighbourParams = {
  similar: FOR_YOU_DEFAULTS.similar,
  profileHalfLifeDays: FOR_YOU_DEFAULTS.profileHalfLifeDays,
  trendExponent: FOR_YOU_DEFAULTS.trendExponent,
}

/** What the three searches share: the validation data and the bookkeeping. */
interface SearchContext {
  train: IndexedHistory
  cases: RecommendationCases
  fitAt: { asOf: number }
  k: number
  trials: number
  now: () => number
  onTrial: () => void
}

function searchBoughtTogether(context: SearchContext, random: Random): SearchReport<ItemToItemOptions> {
  const { train, cases, fitAt, k } = context
  return runSearch({
    ...context,
    hasCases: cases.baskets.length > 0,
    metric: "hitRate",
    draw: (trial) => (trial === 0 ? BOUGHT_TOGETHER_DEFAULTS : drawNeighbourOptions(BOUGHT_TOGETHER_DEFAULTS, random)),
    fit: (params) => new ItemToItemRecommender(params).fit(train, fitAt),
    score: (model) => evaluateBasketCompletion(model, cases.baskets, { k, catalogueSize: cases.catalogueSize }),
  }).report
}

function searchForYouNeighbours(context: SearchContext, random: Random): SearchResult<ForYouNeighbourParams, ForYouRecommender> {
  const { train, cases, fitAt, k } = context
  return runSearch({
    ...context,
    hasCases: cases.newItems.length > 0,
    metric: "ndcg",
    draw: (trial) =>
      trial === 0
        ? DEFAULT_NEIGHBOURS
        : { similar: drawNeighbourOptions(FOR_YOU_DEFAULTS.similar, random), ...drawProfileScoring(random) },
    fit: (params) => new ForYouRecommender(params).fit(train, fitAt),
    score: (model) =>
      evaluateForYou(model, train, cases.newItems, { k, excludePurchased: true, catalogueSize: cases.catalogueSize }),
  })
}

/**
 * The buy-again search on the chosen neighbours: each trial only rescores (no refit). Without
 * repeat purchases in the history the blend weight is 0 and nothing is searched.
 */
function searchScoring(
  context: SearchContext,
  random: Random,
  neighbours: ForYouRecommender | null,
): SearchReport<BuyAgainScoring> {
  if (neighbours === null) return { chosen: DEFAULT_SCORING, validation: null, metric: "ndcg", trials: [] }
  const { train, cases, k } = context
  const noRepeats = !neighbours.hasRepeatPurchases()
  return runSearch({
    ...context,
    trials: noRepeats ? 1 : context.trials,
    hasCases: cases.repeatsAllowed.length > 0,
    metric: "ndcg",
    draw: (trial) =>
      noRepeats ? { ...DEFAULT_SCORING, blendWeight: 0 } : trial === 0 ? DEFAULT_SCORING : drawBuyAgainScoring(random),
    fit: (scoring) => neighbours.withScoring(scoring),
    score: (model) =>
      evaluateForYou(model, train, cases.repeatsAllowed, { k, excludePurchased: false, catalogueSize: cases.catalogueSize }),
  }).report
}

/** The cases a search may select on: the held-out customers' are kept for the champion comparison. */
function withoutHeldOut(cases: RecommendationCases): RecommendationCases {
  const selectable = (c: { customerId: string }) => !isHeldOut(c.customerId)
  return { ...cases, newItems: cases.newItems.filter(selectable), repeatsAllowed: cases.repeatsAllowed.filter(selectable) }
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
  const cases = before.length > 0 ? withoutHeldOut(buildRecommendationCases(train, window)) : NO_CASES
  const total = 3 * trials
  let done = 0
  const endSearch = (searches: number): void => {
    if (done < searches * trials) options.onProgress?.((done = searches * trials), total)
  }
  const context: SearchContext = {
    train,
    cases,
    fitAt: { asOf: validationFrom },
    k,
    trials,
    now,
    onTrial: () => options.onProgress?.(++done, total),
  }
  const random = { boughtTogether: options.random.fork(), neighbours: options.random.fork(), scoring: options.random.fork() }

  const boughtTogether = searchBoughtTogether(context, random.boughtTogether)
  endSearch(1)
  const neighbours = searchForYouNeighbours(context, random.neighbours)
  endSearch(2)
  const forYouScoring = searchScoring(context, random.scoring, neighbours.model)
  endSearch(3)

  const started = now()
  const all = indexHistory(history)
  const boughtTogetherModel = new ItemToItemRecommender(boughtTogether.chosen).fit(all, { asOf })
  const forYou = new ForYouRecommender({ ...neighbours.report.chosen, ...forYouScoring.chosen }).fit(all, { asOf })
  return {
    boughtTogether: boughtTogetherModel,
    forYou,
    indexed: all,
    report: {
      asOf,
      validationFrom,
      k,
      cases: { newItems: cases.newItems.length, repeatsAllowed: cases.repeatsAllowed.length, baskets: cases.baskets.length },
      boughtTogether,
      forYouNeighbours: neighbours.report,
      forYouScoring,
      refitMs: now() - started,
    },
  }
}
