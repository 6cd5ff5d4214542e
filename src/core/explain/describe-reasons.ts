import { InvalidInputError } from "../errors"
import { countryReason, isCountryFeature } from "./country-reason"
import { formatMoney, formatOneDecimal } from "./format-numbers"
import { REASON_TEMPLATES, type ReasonTemplate } from "./reason-templates"

export interface ReasonOptions {
  /** Days the prediction looks ahead, used in texts such as "expected orders in the next 90 days". */
  horizonDays: number
  /** What the contributions are for: positive values raise the churn risk or the purchase probability. */
  target: "churn" | "purchase"
  /**
   * Prefix for money amounts, e.g. "€".
   * @defaultValue "" (plain numbers)
   */
  currencySymbol?: string
  /**
   * How many reasons to return.
   * @defaultValue 3
   */
  count?: number
}

export interface Reason {
  feature: string
  text: string
  contribution: number
}

const DEFAULT_COUNT = 3

/**
 * The customer's strongest reasons in plain words: the `count` contributions largest by
 * absolute value (ties by feature name), each with a sentence built from the customer's raw
 * feature values. Zero contributions are no reason and are left out. Features without a
 * template, or whose value is missing from the facts, get a generic sentence.
 *
 * @param facts the customer's raw (unscaled) feature values by name
 * @param contributions signed contributions for the target, e.g. from occlusionContributions
 */
export function describeReasons(
  facts: Readonly<Record<string, number>>,
  contributions: readonly { feature: string; contribution: number }[],
  options: ReasonOptions
): Reason[] {
  const count = options.count ?? DEFAULT_COUNT
  if (!Number.isInteger(count) || count < 0) {
    throw new InvalidInputError(`count is ${count}, expected an integer >= 0`, "count")
  }
  if (!(options.horizonDays > 0)) {
    throw new InvalidInputError(`horizonDays is ${options.horizonDays}, expected a number > 0`, "horizonDays")
  }
  for (const { feature, contribution } of contributions) {
    if (!Number.isFinite(contribution)) {
      throw new InvalidInputError(`contribution of ${feature} is ${contribution}, expected a finite number`, "contributions")
    }
  }
  const known = new Map(Object.entries(facts).filter(([, v]) => Number.isFinite(v)))
  const money = (amount: number) => formatMoney(amount, options.currencySymbol)
  return contributions
    .filter((c) => c.contribution !== 0)
    .sort(byStrength)
    .slice(0, count)
    .map(({ feature, contribution }) => {
      const favourable = options.target === "churn" ? contribution < 0 : contribution > 0
      // The grouped "country" feature has no column of its own; its template reads the one-hot facts.
      const value = feature === "country" ? 1 : known.get(feature)
      const template = templateFor(feature)
      const text =
        template !== undefined && value !== undefined
          ? template({ feature, value, facts: known, favourable, horizonDays: options.horizonDays, money })
          : genericReason(feature, value, contribution, options.target)
      return { feature, text, contribution }
    })
}

/** The template of a feature, if it has one (own keys only, so "constructor" is just unknown). */
function templateFor(feature: string): ReasonTemplate | undefined {
  if (isCountryFeature(feature)) return countryReason
  return Object.prototype.hasOwnProperty.call(REASON_TEMPLATES, feature) ? REASON_TEMPLATES[feature] : undefined
}

/** Larger |contribution| first; equal strengths by feature name. */
function byStrength(a: { feature: string; contribution: number }, b: { feature: string; contribution: number }): number {
  const diff = Math.abs(b.contribution) - Math.abs(a.contribution)
  if (diff !== 0) return diff
  return a.feature < b.feature ? -1 : a.feature > b.feature ? 1 : 0
}

/** "discount share: 0.4, which raises the churn risk". */
function genericReason(feature: string, value: number | undefined, contribution: number, target: ReasonOptions["target"]): string {
  const label = feature.replace(/_/g, " ")
  const effect = `${contribution > 0 ? "raises" : "lowers"} the ${target === "churn" ? "churn risk" : "purchase probability"}`
  return value === undefined ? `${label} ${effect}` : `${label}: ${formatOneDecimal(value)}, which ${effect}`
}
