/**
 * The serialized state of an item-to-item model: product ids once, then every product's
 * neighbour list as a count plus two flat columns (neighbour numbers and scores), so that
 * the JSON stays close to the size of the lists themselves.
 */
import { ModelFormatError } from "../errors"
import type { SerializedEstimator } from "../learners/types"
import { ITEM_TO_ITEM_KINDS, type ItemToItemOptions } from "./item-to-item-options"
import { LIST_NORMALISATIONS, type NeighbourTable } from "./neighbour-table"
import { PopularityRecommender } from "./popularity"
import {
  checkHeader,
  field,
  finiteNumber,
  halfLifeValue,
  indexArray,
  nestedModel,
  numberArray,
  oneOf,
  stringArray,
} from "./serialized"
import { NORMALISATIONS } from "./similarity"

export interface NeighbourState {
  asOf: number
  productIds: string[]
  /** Neighbours of each product, in product order. */
  neighbourCounts: number[]
  neighbourIds: number[]
  neighbourScores: number[]
  popularity: SerializedEstimator
}

export function neighbourStateToJSON(
  asOf: number,
  productIds: readonly string[],
  table: NeighbourTable,
  popularity: SerializedEstimator,
): NeighbourState {
  const neighbourCounts = productIds.map((_, product) => table.start[product + 1] - table.start[product])
  return {
    asOf,
    productIds: productIds.slice(),
    neighbourCounts,
    neighbourIds: Array.from(table.ids),
    neighbourScores: Array.from(table.scores),
    popularity,
  }
}

export interface LoadedNeighbours {
  params: Omit<ItemToItemOptions, "popularity">
  asOf: number
  productIds: string[]
  table: NeighbourTable
  popularity: PopularityRecommender
}

/** Reads the params and state written by an item-to-item model's toJSON (strings are checked by its constructor). */
export function neighbourStateFromJSON(json: SerializedEstimator, type: string, version: number): LoadedNeighbours {
  checkHeader(json, type, version)
  const param = (name: string): unknown => field(json.params, name, type)
  const number = (name: string): number => finiteNumber(param(name), `params.${name}`, type)
  const params = {
    kind: oneOf(param("kind"), ITEM_TO_ITEM_KINDS, "params.kind", type),
    normalisation: oneOf(param("normalisation"), NORMALISATIONS, "params.normalisation", type),
    damping: number("damping"),
    halfLifeDays: halfLifeValue(param("halfLifeDays"), "params.halfLifeDays", type),
    sharpening: number("sharpening"),
    listNormalisation: oneOf(param("listNormalisation"), LIST_NORMALISATIONS, "params.listNormalisation", type),
    minSupport: number("minSupport"),
    neighbours: number("neighbours"),
    maxContextItems: number("maxContextItems"),
    contextSizeExponent: number("contextSizeExponent"),
  }
  const state = json.state
  const productIds = stringArray(field(state, "productIds", type), "state.productIds", type)
  const counts = numberArray(field(state, "neighbourCounts", type), "state.neighbourCounts", type)
  if (counts.length !== productIds.length) {
    throw new ModelFormatError(`${type}: state.neighbourCounts has ${counts.length} entries for ${productIds.length} products`)
  }
  const start = new Int32Array(productIds.length + 1)
  counts.forEach((count, product) => {
    if (!Number.isInteger(count) || count < 0) {
      throw new ModelFormatError(`${type}: state.neighbourCounts[${product}] must be an integer >= 0, got ${count}`)
    }
    start[product + 1] = start[product] + count
  })
  const ids = indexArray(field(state, "neighbourIds", type), "state.neighbourIds", type, productIds.length)
  const scores = Float64Array.from(numberArray(field(state, "neighbourScores", type), "state.neighbourScores", type))
  const total = start[productIds.length]
  if (ids.length !== total || scores.length !== total) {
    throw new ModelFormatError(
      `${type}: the neighbour counts add up to ${total} but there are ${ids.length} ids and ${scores.length} scores`,
    )
  }
  return {
    params,
    asOf: finiteNumber(field(state, "asOf", type), "state.asOf", type),
    productIds,
    table: { start, ids, scores },
    popularity: PopularityRecommender.fromJSON(nestedModel(field(state, "popularity", type), "state.popularity", type)),
  }
}
