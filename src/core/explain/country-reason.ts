import type { ReasonContext } from "./reason-templates"

/** Prefix of the one-hot country columns; "country" alone names them explained as one group. */
export const COUNTRY_PREFIX = "country_"
const OTHER_COUNTRY = "country_other"

const regionNames = new Intl.DisplayNames(["en"], { type: "region" })

/** True for the grouped "country" feature and for single one-hot columns such as "country_DE". */
export function isCountryFeature(feature: string): boolean {
  return feature === "country" || feature.startsWith(COUNTRY_PREFIX)
}

/**
 * "customers in Germany reorder less often": the place is read from the one-hot columns
 * (for the grouped feature: the column that is set), the direction from the sign.
 */
export function countryReason(c: ReasonContext): string {
  const how = c.favourable ? "more" : "less"
  return `${customersOf(c)} reorder ${how} often`
}

function customersOf(c: ReasonContext): string {
  if (c.feature !== "country") {
    if (c.feature === OTHER_COUNTRY) return c.value >= 0.5 ? "customers from other countries" : "customers from the main countries"
    return `customers ${c.value >= 0.5 ? "in" : "outside"} ${countryName(c.feature)}`
  }
  for (const [name, value] of c.facts) {
    if (name.startsWith(COUNTRY_PREFIX) && name !== OTHER_COUNTRY && value >= 0.5) return `customers in ${countryName(name)}`
  }
  return "customers from other countries"
}

/** "country_DE" -> "Germany", "country_United_Kingdom" -> "United Kingdom", "country_EIRE" -> "EIRE". */
export function countryName(column: string): string {
  const raw = column.slice(COUNTRY_PREFIX.length)
  if (/^[A-Z]{2}$/.test(raw)) return regionNames.of(raw) ?? raw
  return raw.replace(/_/g, " ")
}
