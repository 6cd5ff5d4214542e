export {
  buildRecommendationCases,
  evaluateBasketCompletion,
  evaluateForYou,
  summarizeRankings,
  type BasketCase,
  type CustomerCase,
  type CustomerEvaluationOptions,
  type RankingSummary,
  type RecommendationCases,
} from "./evaluation"
export { DAY_MS, decayWeight } from "./decay"
export type { FitOptions } from "./fit-input"
export {
  FOR_YOU_TYPE,
  FOR_YOU_VERSION,
  ForYouRecommender,
  type CustomerListOptions,
  type CustomerListPair,
  type CustomerListsOptions,
} from "./for-you"
export { FOR_YOU_DEFAULTS, type ForYouOptions, type ScoringOptions } from "./for-you-options"
export type { PurchaseLine } from "./customer-purchases"
export { indexHistory, isIndexedHistory, type IndexedHistory } from "./indexed-history"
export { ITEM_TO_ITEM_TYPE, ITEM_TO_ITEM_VERSION, ItemToItemRecommender, type NeighbourLists } from "./item-to-item"
export {
  BOUGHT_TOGETHER_DEFAULTS,
  ITEM_TO_ITEM_KINDS,
  MAX_NEIGHBOURS,
  SIMILAR_DEFAULTS,
  type ItemToItemKind,
  type ItemToItemOptions,
} from "./item-to-item-options"
export type { RecommendationList, ScoredProduct } from "./lists"
export { LIST_NORMALISATIONS, type ListNormalisation, type NeighbourTable } from "./neighbour-table"
export {
  POPULARITY_DEFAULTS,
  POPULARITY_TYPE,
  POPULARITY_VERSION,
  PopularityRecommender,
  type PopularityOptions,
} from "./popularity"
export { BUY_AGAIN_GRID, NEIGHBOUR_GRID, PROFILE_GRID, type BuyAgainScoring, type ProfileScoring } from "./search-space"
export type { SearchReport, TuningTrial } from "./search"
export { NORMALISATIONS, type Normalisation } from "./similarity"
export { trendRatios, type Trend, type TrendWindows } from "./trend"
export {
  RECOMMENDER_TUNING_DEFAULTS,
  tuneRecommenders,
  type ForYouNeighbourParams,
  type RecommenderTuningOptions,
  type RecommenderTuningReport,
  type TunedRecommenders,
} from "./tune"
