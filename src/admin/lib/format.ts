/** How the admin shows the plugin's numbers and dates. */
import type { RiskBand } from "./types"

/** 0.4213 → "42%"; values under 1% or from 99.5% keep one decimal ("0.4%", "99.7%"). */
export function percent(probability: number): string {
  if (!Number.isFinite(probability)) return "–"
  const value = probability * 100
  // one decimal near the ends, where rounding would say 0% or 100% of a probability that is neither
  const nearEnd = (value > 0 && value < 1) || (value >= 99.5 && value < 100)
  return `${nearEnd ? value.toFixed(1) : Math.round(value)}%`
}

/** An amount in the store's default currency (code when known), two decimals. */
export function money(amount: number, currency?: string | null): string {
  if (!Number.isFinite(amount)) return "–"
  if (currency) {
    try {
      return new Intl.NumberFormat(undefined, { style: "currency", currency: currency.toUpperCase() }).format(amount)
    } catch {
      // unknown code: plain number and the code
    }
  }
  const text = amount.toLocaleString(undefined, { minimumFractionDigits: 2, maximumFractionDigits: 2 })
  return currency ? `${text} ${currency.toUpperCase()}` : text
}

/** A metric in [0, 1] with three decimals; "–" when absent. */
export function metric(value: unknown): string {
  return typeof value === "number" && Number.isFinite(value) ? value.toFixed(3) : "–"
}

export function decimal(value: number, digits = 2): string {
  if (!Number.isFinite(value)) return "–"
  const smallest = 10 ** -digits
  return value > 0 && value < smallest ? `< ${smallest.toFixed(digits)}` : value.toFixed(digits)
}

/** "29 Nov 2026, 03:09" in the browser's locale; "–" when absent. */
export function dateTime(iso: string | null | undefined): string {
  if (!iso) return "–"
  const date = new Date(iso)
  return Number.isNaN(date.getTime()) ? "–" : date.toLocaleString(undefined, { dateStyle: "medium", timeStyle: "short" })
}

/** The calendar day of an instant in UTC (cutoffs are UTC midnights), "29 Nov 2026" in the browser's locale. */
export function day(iso: string | null | undefined): string {
  if (!iso) return "–"
  const date = new Date(iso)
  return Number.isNaN(date.getTime()) ? "–" : date.toLocaleDateString(undefined, { dateStyle: "medium", timeZone: "UTC" })
}

export const RISK_BAND_LABELS: Record<RiskBand, string> = { low: "Low", medium: "Medium", high: "High" }

/** Badge colour of a band: red for high, orange for medium, green for low. */
export function riskColour(band: RiskBand): "red" | "orange" | "green" {
  return band === "high" ? "red" : band === "medium" ? "orange" : "green"
}

/** "Jane Doe", else the email, else the id. */
export function customerName(c: { first_name: string | null; last_name: string | null; email: string | null }, id: string): string {
  const name = [c.first_name, c.last_name].filter(Boolean).join(" ")
  return name || c.email || id
}
