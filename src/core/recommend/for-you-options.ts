/** Options of the "for you" recommender, their defaults and their checks. */
import { InvalidInputError } from "../errors"
import { SIMILAR_DEFAULTS, validateItemToItemOptions, type ItemToItemOptions } from "./item-to-item-options"
import { checkHalfLife, checkRange } from "./option-checks"

export interface ForYouOptions {
  /** The "similar" neighbours the customer's history is scored through (kind must be "similar"). @defaultValue SIMILAR_DEFAULTS */
  similar: ItemToItemOptions
  /**
   * λ in [0, 1]: weight of buy-again against the neighbours, each scaled to a maximum of 1 per
   * customer. Used only when the history shows repeat purchases (otherwise 0) and when
   * purchased products are not excluded.
   * @defaultValue 0.8
   */
  blendWeight: number
  /** Half-life in days of a past purchase's weight in the customer's profile; null: all alike. @defaultValue 30 */
  profileHalfLifeDays: number | null
  /** Half-life in days of a past purchase's weight in the buy-again score; null: plain purchase counts. @defaultValue null */
  buyAgainHalfLifeDays: number | null
  /** γ in [0, 2]: exponent of the product's repeat rate in the buy-again score. @defaultValue 0.5 */
  repeatRateExponent: number
}

export const FOR_YOU_DEFAULTS: ForYouOptions = {
  similar: SIMILAR_DEFAULTS,
  // Mostly the customer's own staples, the neighbours breaking ties and filling the list.
  blendWeight: 0.8,
  // A month: what the customer bought lately says most about what they look for now.
  profileHalfLifeDays: 30,
  // How often counts more than how lately for products bought again.
  buyAgainHalfLifeDays: null,
  // Square root: products that many customers re-buy move up without burying the customer's own counts.
  repeatRateExponent: 0.5,
}

export function validateForYouOptions(options: ForYouOptions): ForYouOptions {
  if (options.similar.kind !== "similar") {
    throw new InvalidInputError(`option similar.kind must be "similar", got ${JSON.stringify(options.similar.kind)}`, "similar.kind")
  }
  return {
    similar: validateItemToItemOptions(options.similar),
    blendWeight: checkRange("blendWeight", options.blendWeight, 0, 1),
    profileHalfLifeDays: checkHalfLife("profileHalfLifeDays", options.profileHalfLifeDays),
    buyAgainHalfLifeDays: checkHalfLife("buyAgainHalfLifeDays", options.buyAgainHalfLifeDays),
    repeatRateExponent: checkRange("repeatRateExponent", options.repeatRateExponent, 0, 2),
  }
}
