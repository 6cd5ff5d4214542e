/** Options of the item-to-item recommenders, their defaults per kind and their checks. */
import { POPULARITY_DEFAULTS, type PopularityOptions } from "./popularity"
import { checkHalfLife, checkInteger, checkOneOf, checkRange } from "./option-checks"
import { LIST_NORMALISATIONS, type ListNormalisation } from "./neighbour-table"
import { NORMALISATIONS, type Normalisation } from "./similarity"

/**
 * "bought_together": products in the same order (complements, basket completion);
 * "similar": products bought by the same customer over time (also bought, "for you").
 */
export const ITEM_TO_ITEM_KINDS = ["bought_together", "similar"] as const
export type ItemToItemKind = (typeof ITEM_TO_ITEM_KINDS)[number]

export interface ItemToItemOptions {
  kind: ItemToItemKind
  /** How co-occurrence counts become scores (similarity.ts). @defaultValue "jaccard" */
  normalisation: Normalisation
  /** α in [0, 1], the candidate-popularity exponent of cosine and lift (unused by jaccard). @defaultValue 0.5 */
  damping: number
  /**
   * Half-life in days of a co-occurrence's weight, measured back from asOf; null: no decay.
   * @defaultValue null for bought_together, 60 for similar
   */
  halfLifeDays: number | null
  /**
   * p in [1, 4]: a kept score s weighs s^p; above 1 a list leans on its best neighbours.
   * @defaultValue 2 for bought_together, 1 for similar
   */
  sharpening: number
  /**
   * "sum" divides each product's list by its sum, so that in a cart every product casts the same
   * total vote; "none" keeps the scores as they are.
   * @defaultValue "sum" for bought_together, "none" for similar
   */
  listNormalisation: ListNormalisation
  /** Fewest contexts (orders or customers) holding both products for a pair to count. @defaultValue 1 */
  minSupport: number
  /** Neighbours kept per product (K, at most 10,000): memory is at most products × K. @defaultValue 100 */
  neighbours: number
  /**
   * Most products per context: an order keeps its first ones, a customer their latest ones.
   * Bounds the build at maxContextItems × lines pair updates.
   * @defaultValue 100 for bought_together, 50 for similar
   */
  maxContextItems: number
  /**
   * β in [0, 2]: a context of m products weighs m^(-β), so huge orders or histories say less per pair.
   * @defaultValue 1 for bought_together, 0.5 for similar
   */
  contextSizeExponent: number
  /** The popular fallback. @defaultValue POPULARITY_DEFAULTS */
  popularity: PopularityOptions
}

export const BOUGHT_TOGETHER_DEFAULTS: ItemToItemOptions = {
  kind: "bought_together",
  // Symmetric and bounded: neither very popular nor one-off products dominate a cart's sum.
  normalisation: "jaccard",
  // Plain cosine when cosine is chosen.
  damping: 0.5,
  // What goes together in one order changes little over a year.
  halfLifeDays: null,
  // Squared scores, each list summing to 1: a cart's products vote equally, each for its closest complements.
  sharpening: 2,
  listNormalisation: "sum",
  // Every co-occurrence counts; the size exponent already discounts chance pairs from big orders.
  minSupport: 1,
  // Enough for a cart's summed lists to rank well past the first 10.
  neighbours: 100,
  // Orders rarely hold more; larger wholesale orders keep their first 100.
  maxContextItems: 100,
  // A pair in an order of m products counts 1/m: big orders are mostly chance pairs.
  contextSizeExponent: 1,
  popularity: POPULARITY_DEFAULTS,
}

export const SIMILAR_DEFAULTS: ItemToItemOptions = {
  kind: "similar",
  normalisation: "jaccard",
  damping: 0.5,
  // Two months: what customers bought together recently says most about what they buy next.
  halfLifeDays: 60,
  // A history sums raw scores: products with many strong neighbours are the customer's broad interests.
  sharpening: 1,
  listNormalisation: "none",
  minSupport: 1,
  neighbours: 100,
  // A customer's 50 latest products: their current interests, and a linear-time build.
  maxContextItems: 50,
  // Between counting every history alike (0) and dividing by its length (1).
  contextSizeExponent: 0.5,
  popularity: POPULARITY_DEFAULTS,
}

export const MAX_NEIGHBOURS = 10_000

export function itemToItemDefaults(kind: ItemToItemKind): ItemToItemOptions {
  return kind === "similar" ? SIMILAR_DEFAULTS : BOUGHT_TOGETHER_DEFAULTS
}

export function validateItemToItemOptions(options: ItemToItemOptions): ItemToItemOptions {
  return {
    kind: checkOneOf("kind", options.kind, ITEM_TO_ITEM_KINDS),
    normalisation: checkOneOf("normalisation", options.normalisation, NORMALISATIONS),
    damping: checkRange("damping", options.damping, 0, 1),
    halfLifeDays: checkHalfLife("halfLifeDays", options.halfLifeDays),
    sharpening: checkRange("sharpening", options.sharpening, 1, 4),
    listNormalisation: checkOneOf("listNormalisation", options.listNormalisation, LIST_NORMALISATIONS),
    minSupport: checkInteger("minSupport", options.minSupport, 1),
    neighbours: checkInteger("neighbours", options.neighbours, 1, MAX_NEIGHBOURS),
    maxContextItems: checkInteger("maxContextItems", options.maxContextItems, 2),
    contextSizeExponent: checkRange("contextSizeExponent", options.contextSizeExponent, 0, 2),
    popularity: options.popularity,
  }
}
