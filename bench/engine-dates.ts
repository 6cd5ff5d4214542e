/**
 * `npm run bench:engine -- --dates`: the purchase propensity at many (as-of, horizon) pairs
 * of Online Retail, so no figure rests on one date. Ours: `medusa-ml train` on the file as
 * of the date with that horizon, its exported purchase probabilities scored on the next
 * `horizon` days (engine-quality.ts). Baseline: the README's out-of-time logistic regression
 * on log1p RFM with the same label window, trained at as-of - horizon and scored at as-of.
 */
import { createReadStream } from "node:fs"
import { readOrders } from "../src/core/data"
import { DAY_MS } from "../src/core/time"
import { datasetFile } from "./datasets"
import { measureOnlineRetail } from "./engine-quality"
import { outOfTimeBaseline } from "./small-stores"

/** History from 90 to 370 days before as-of (the file starts 2010-12-01), horizons 14 to 180 days. */
export const ONLINE_RETAIL_PAIRS: [string, number][] = [
  ["2011-03-01", 30],
  ["2011-04-01", 30],
  ["2011-05-01", 60],
  ["2011-06-01", 180],
  ["2011-07-15", 90],
  ["2011-08-10", 60],
  ["2011-09-10", 90],
  ["2011-10-15", 14],
  ["2011-11-01", 30],
]

export interface DatesRow {
  asOf: string
  horizonDays: number
  customers: number
  ours: number
  baseline: number
  rung: string | null
}

export async function measureDates(pairs = ONLINE_RETAIL_PAIRS): Promise<DatesRow[]> {
  const { history } = await readOrders(createReadStream(datasetFile("online-retail/online_retail.csv")), { format: "online-retail" })
  const rows: DatesRow[] = []
  for (const [asOf, horizonDays] of pairs) {
    const ours = await measureOnlineRetail(asOf, horizonDays)
    const at = Date.parse(asOf)
    const baseline = outOfTimeBaseline(history, at - horizonDays * DAY_MS, at, horizonDays)
    rows.push({ asOf, horizonDays, customers: ours.customers, ours: ours.rocAuc, baseline: baseline.rocAuc, rung: ours.rung })
    console.error(`${asOf} h${horizonDays}: ours ${ours.rocAuc.toFixed(3)}, baseline ${baseline.rocAuc.toFixed(3)}`)
  }
  return rows
}

export function datesTable(rows: DatesRow[]): string[] {
  const f3 = (v: number) => v.toFixed(3)
  const lines = ["| as-of | horizon (days) | customers | ours | baseline | ours - baseline | rung |", "|---|---|---|---|---|---|---|"]
  for (const r of rows) {
    const gap = r.ours - r.baseline
    lines.push(`| ${r.asOf} | ${r.horizonDays} | ${r.customers} | ${f3(r.ours)} | ${f3(r.baseline)} | ${gap >= 0 ? "+" : ""}${f3(gap)} | ${r.rung ?? ""} |`)
  }
  const mean = (pick: (r: DatesRow) => number) => rows.reduce((s, r) => s + pick(r), 0) / rows.length
  const meanGap = mean((r) => r.ours) - mean((r) => r.baseline)
  lines.push(`| mean | | | ${f3(mean((r) => r.ours))} | ${f3(mean((r) => r.baseline))} | ${meanGap >= 0 ? "+" : ""}${f3(meanGap)} | |`)
  return lines
}
