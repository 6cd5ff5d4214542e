/**
 * The churn list as CSV: one header line, then one line per row, fields quoted when
 * they hold a comma, a quote or a line break (RFC 4180). Text a spreadsheet would run
 * as a formula (starting with =, +, -, @, a tab or a carriage return) is prefixed with
 * a single quote, since names and emails are typed in by shoppers.
 */
import { csvLine } from "../../../../core/data/csv-fields"
import type { ChurnRowJson } from "../responses"

export const CHURN_CSV_COLUMNS = [
  "customer_id",
  "email",
  "first_name",
  "last_name",
  "segment",
  "risk_band",
  "churn_risk",
  "purchase_probability",
  "p_alive",
  "expected_orders",
  "expected_spend",
  "predicted_clv",
  "reasons",
  "scored_at",
  "model_version_id",
] as const

/** Between the reasons of one row (the reasons' own text may hold ";"). */
export const REASON_SEPARATOR = " | "

export function churnCsvHeader(): string {
  return csvLine(CHURN_CSV_COLUMNS)
}

export function churnCsvLine(row: ChurnRowJson): string {
  return csvLine(
    CHURN_CSV_COLUMNS.map((column) => {
      if (column === "reasons") return safeText(row.reasons.map((r) => r.text).join(REASON_SEPARATOR))
      const value = row[column]
      return typeof value === "string" ? safeText(value) : value
    })
  )
}

/** Text that a spreadsheet shows as text, never evaluates. */
export function safeText(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text
}
