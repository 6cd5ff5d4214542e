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
  repeatPairs: number
  asOf: number
}

export function forYouStateToJSON(
  similar: ItemToItemRecommender,
  rates: Float64Array,
  repeatPairs: number,
  asOf: number,
): ForYouState {
  return { similar: similar.toJSON(), repeatRates: Array.from(rates), repeatPairs, asOf }
}

export interface LoadedForYou {
  params: Omit<ForYouOptions, "similar">
  similar: ItemToItemRecommender
  rates: Float64Array
  repeatPairs: number
  asOf: number
}

export function forYouStateFromJSON(json: SerializedEstimator, type: string, version: number): LoadedForYou {
  checkHeader(json, type, version)
  const param = (name: string): unknown => field(json.params, name, type)
  const params = {
    blendWeight: finiteNumber(param("blendWeight"), "params.blendWeight", type),
    profileHalfLifeDays: halfLifeValue(param("profileHalfLifeDays"), "params.profileHalfLifeDays", type),
    buyAgainHalfLifeDays: halfLifeValue(param("buyAgainHalfLifeDays"), "params.buyAgainHalfLifeDays", type),
    repeatRateExponent: finiteNumber(param("repeatRateExponent"), "params.repeatRateExponent", type),
  }
  const similar = ItemToItemRecommender.fromJSON(nestedModel(field(json.state, "similar", type), "state.similar", type))
  const rates = Float64Array.from(numberArray(field(json.state, "repeatRates", type), "state.repeatRates", type))
  const productCount = similar.neighbourLists().productIds.length
  if (rates.length !== productCount) {
    throw new ModelFormatError(`${type}: state.repeatRates has ${rates.length} entries for ${productCount} products`)
  }
  return {
    params,
    similar,
    rates,
    repeatPairs: finiteNumber(field(json.state, "repeatPairs", type), "state.repeatPairs", type),
    asOf: finiteNumber(field(json.state, "asOf", type), "state.asOf", type),
  }
}
