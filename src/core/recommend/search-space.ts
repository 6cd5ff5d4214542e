/**
 * The values the recommender tuning draws from, one grid per hyperparameter. Each trial draws
 * every value independently and uniformly from its grid with the tuning's Random.
 */
import type { Random } from "../random"
import type { ForYouOptions } from "./for-you-options"
import type { ItemToItemOptions } from "./item-to-item-options"
import { NORMALISATIONS } from "./similarity"

export const NEIGHBOUR_GRID = {
  normalisation: NORMALISATIONS,
  // Around the plain cosine (0.5); beyond 0.7 rare products flood the lists.
  damping: [0.3, 0.4, 0.5, 0.6, 0.7],
  halfLifeDays: [null, 30, 60, 120, 240],
  minSupport: [1, 2, 3, 5],
  neighbours: [50, 100, 200],
  maxContextItems: [25, 50, 100, 200],
  contextSizeExponent: [0, 0.25, 0.5, 1],
} as const

export const PROFILE_HALF_LIFE_GRID = [null, 15, 30, 60, 120] as const

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
    minSupport: pick(NEIGHBOUR_GRID.minSupport, random),
    neighbours: pick(NEIGHBOUR_GRID.neighbours, random),
    maxContextItems: pick(NEIGHBOUR_GRID.maxContextItems, random),
    contextSizeExponent: pick(NEIGHBOUR_GRID.contextSizeExponent, random),
  }
}

export function drawProfileHalfLife(random: Random): number | null {
  return pick(PROFILE_HALF_LIFE_GRID, random)
}

export type BuyAgainScoring = Pick<ForYouOptions, "blendWeight" | "buyAgainHalfLifeDays" | "repeatRateExponent">

export function drawBuyAgainScoring(random: Random): BuyAgainScoring {
  return {
    blendWeight: pick(BUY_AGAIN_GRID.blendWeight, random),
    buyAgainHalfLifeDays: pick(BUY_AGAIN_GRID.buyAgainHalfLifeDays, random),
    repeatRateExponent: pick(BUY_AGAIN_GRID.repeatRateExponent, random),
  }
}
