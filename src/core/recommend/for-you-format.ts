/** The serialized params and state of a "for you" model: its similar model nested, repeat rates by product number. */
import { ModelFormatError } from "../errors"
import type { SerializedEstimator } from "../learners/types"
import type { ForYouOptions } from "./for-you-options"
import { ItemToItemRecommender } from "./item-to-item"
import { checkHeader, field, finiteNumber, halfLifeValue, nestedModel, numberArray } from "./serialized"

export interface ForYouState {
  similar: SerializedEstimator
  /** Repeat rate of each product, in the similar model's product order. */
  repeatRates: number[]
  /** Trend ratio of each product, in the same order. */
  trendRatios: number[]
  repeatPairs: number
  asOf: number
}

/** What a "for you" model learns besides its similar model. */
export interface ForYouLearned {
  rates: Float64Array
  trend: Float64Array
  repeatPairs: number
  asOf: number
}

export function forYouStateToJSON(similar: ItemToItemRecommender, learned: ForYouLearned): ForYouState {
  return {
    similar: similar.toJSON(),
    repeatRates: Array.from(learned.rates),
    trendRatios: Array.from(learned.trend),
    repeatPairs: learned.repeatPairs,
    asOf: learned.asOf,
  }
}

export interface LoadedForYou extends ForYouLearned {
  params: Omit<ForYouOptions, "similar">
  similar: ItemToItemRecommender
}

export function forYouStateFromJSON(json: SerializedEstimator, type: string, version: number): LoadedForYou {
  checkHeader(json, type, version)
  const param = (name: string): unknown => field(json.params, name, type)
  const params = {
    blendWeight: finiteNumber(param("blendWeight"), "params.blendWeight", type),
    profileHalfLifeDays: halfLifeValue(param("profileHalfLifeDays"), "params.profileHalfLifeDays", type),
    buyAgainHalfLifeDays: halfLifeValue(param("buyAgainHalfLifeDays"), "params.buyAgainHalfLifeDays", type),
    repeatRateExponent: finiteNumber(param("repeatRateExponent"), "params.repeatRateExponent", type),
    trendExponent: finiteNumber(param("trendExponent"), "params.trendExponent", type),
    trendRecentDays: finiteNumber(param("trendRecentDays"), "params.trendRecentDays", type),
    trendBaselineDays: finiteNumber(param("trendBaselineDays"), "params.trendBaselineDays", type),
  }
  const similar = ItemToItemRecommender.fromJSON(nestedModel(field(json.state, "similar", type), "state.similar", type))
  const productCount = similar.neighbourLists().productIds.length
  const perProduct = (name: string): Float64Array => {
    const values = numberArray(field(json.state, name, type), `state.${name}`, type)
    if (values.length !== productCount) {
      throw new ModelFormatError(`${type}: state.${name} has ${values.length} entries for ${productCount} products`)
    }
    return Float64Array.from(values)
  }
  return {
    params,
    similar,
    rates: perProduct("repeatRates"),
    trend: perProduct("trendRatios"),
    repeatPairs: finiteNumber(field(json.state, "repeatPairs", type), "state.repeatPairs", type),
    asOf: finiteNumber(field(json.state, "asOf", type), "state.asOf", type),
  }
}
