/**
 * The values the recommender tuning draws from, one grid per hyperparameter. Each trial draws
 * every value independently and uniformly from its grid with the tuning's Random.
 */
import type { Random } from "../random"
import type { ForYouOptions } from "./for-you-options"
import type { ItemToItemOptions } from "./item-to-item-options"
import { LIST_NORMALISATIONS } from "./neighbour-table"
import { NORMALISATIONS } from "./similarity"

export const NEIGHBOUR_GRID = {
  normalisation: NORMALISATIONS,
  // Around the plain cosine (0.5); beyond 0.7 rare products flood the lists.
  damping: [0.3, 0.4, 0.5, 0.6, 0.7],
  halfLifeDays: [null, 30, 60, 120, 240],
  sharpening: [1, 1.5, 2, 3],
  listNormalisation: LIST_NORMALISATIONS,
  minSupport: [1, 2, 3, 5],
  neighbours: [50, 100, 200],
  maxContextItems: [25, 50, 100, 200],
  contextSizeExponent: [0, 0.25, 0.5, 1],
} as const

export const PROFILE_GRID = {
  profileHalfLifeDays: [null, 15, 30, 60, 120],
  trendExponent: [0, 0.25, 0.5, 1],
} as const

export const BUY_AGAIN_GRID = {
  blendWeight: [0, 0.5, 0.6, 0.7, 0.8, 0.9, 1],
  buyAgainHalfLifeDays: [null, 60, 120, 240],
  repeatRateExponent: [0, 0.5, 1, 1.5],
} as const

function pick<T>(values: readonly T[], random: Random): T {
  return values[random.int(values.length)]
}

/** A random draw of the neighbour params; kind and popular fallback stay as in `base`. */
export function drawNeighbourOptions(base: ItemToItemOptions, random: Random): ItemToItemOptions {
  return {
    ...base,
    normalisation: pick(NEIGHBOUR_GRID.normalisation, random),
    damping: pick(NEIGHBOUR_GRID.damping, random),
    halfLifeDays: pick(NEIGHBOUR_GRID.halfLifeDays, random),
    sharpening: pick(NEIGHBOUR_GRID.sharpening, random),
    listNormalisation: pick(NEIGHBOUR_GRID.listNormalisation, random),
    minSupport: pick(NEIGHBOUR_GRID.minSupport, random),
    neighbours: pick(NEIGHBOUR_GRID.neighbours, random),
    maxContextItems: pick(NEIGHBOUR_GRID.maxContextItems, random),
    contextSizeExponent: pick(NEIGHBOUR_GRID.contextSizeExponent, random),
  }
}

export type ProfileScoring = Pick<ForYouOptions, "profileHalfLifeDays" | "trendExponent">

export function drawProfileScoring(random: Random): ProfileScoring {
  return {
    profileHalfLifeDays: pick(PROFILE_GRID.profileHalfLifeDays, random),
    trendExponent: pick(PROFILE_GRID.trendExponent, random),
  }
}

export type BuyAgainScoring = Pick<ForYouOptions, "blendWeight" | "buyAgainHalfLifeDays" | "repeatRateExponent">

export function drawBuyAgainScoring(random: Random): BuyAgainScoring {
  return {
    blendWeight: pick(BUY_AGAIN_GRID.blendWeight, random),
    buyAgainHalfLifeDays: pick(BUY_AGAIN_GRID.buyAgainHalfLifeDays, random),
    repeatRateExponent: pick(BUY_AGAIN_GRID.repeatRateExponent, random),
  }
}
