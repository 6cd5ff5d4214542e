/** Options of the "for you" recommender, their defaults and their checks. */
import { InvalidInputError } from "../errors"
import { SIMILAR_DEFAULTS, validateItemToItemOptions, type ItemToItemOptions } from "./item-to-item-options"
import { checkHalfLife, checkInteger, checkRange } from "./option-checks"

export interface ForYouOptions {
  /**
   * The "similar" neighbours the customer's history is scored through (kind must be "similar").
   * @defaultValue SIMILAR_DEFAULTS
   */
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
  /**
   * δ in [0, 2]: every score is multiplied by the product's trend ratio^δ (trend.ts), so that
   * products in season rise; 0 ignores the trend.
   * @defaultValue 0.25
   */
  trendExponent: number
  /** Recent window of the trend ratio, in days. @defaultValue 30 */
  trendRecentDays: number
  /** Longer window the recent one is compared with, in days (> trendRecentDays). @defaultValue 365 */
  trendBaselineDays: number
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
  // A gentle lean towards what sells above its usual rate this month.
  trendExponent: 0.25,
  // The last month against the last year: long enough to see a season, short enough to catch its start.
  trendRecentDays: 30,
  trendBaselineDays: 365,
}

export function validateForYouOptions(options: ForYouOptions): ForYouOptions {
  if (options.similar.kind !== "similar") {
    const kind = JSON.stringify(options.similar.kind)
    throw new InvalidInputError(`option similar.kind must be "similar", got ${kind}`, "similar.kind")
  }
  return {
    similar: validateItemToItemOptions(options.similar),
    blendWeight: checkRange("blendWeight", options.blendWeight, 0, 1),
    profileHalfLifeDays: checkHalfLife("profileHalfLifeDays", options.profileHalfLifeDays),
    buyAgainHalfLifeDays: checkHalfLife("buyAgainHalfLifeDays", options.buyAgainHalfLifeDays),
    repeatRateExponent: checkRange("repeatRateExponent", options.repeatRateExponent, 0, 2),
    trendExponent: checkRange("trendExponent", options.trendExponent, 0, 2),
    trendRecentDays: checkInteger("trendRecentDays", options.trendRecentDays, 1),
    trendBaselineDays: checkInteger("trendBaselineDays", options.trendBaselineDays, options.trendRecentDays + 1),
  }
}

/** The options a fitted model can change without refitting (for-you.ts withScoring). */
export type ScoringOptions = Pick<
  ForYouOptions,
  "blendWeight" | "profileHalfLifeDays" | "buyAgainHalfLifeDays" | "repeatRateExponent" | "trendExponent"
>
