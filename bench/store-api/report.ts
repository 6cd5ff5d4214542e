/**
 * The store-API benchmark's figures from its raw measurements: medians over rounds,
 * ratios, the goals of the issue and whether each was met, printed as plain-text
 * tables (and kept for the JSON file).
 */
import type { CheckoutResult } from "./checkout"
import { median, type LoadResult } from "./load"
import type { TrainingLoadResult } from "./training-load"

export interface Round {
  ours: LoadResult
  medusa: LoadResult
  training: TrainingLoadResult
}

export interface SummaryRow {
  figure: string
  value: number
  shown: string
  goal: string
  met: boolean | null
}

export interface Figures {
  load: {
    ours: RouteMedians
    medusa: RouteMedians
    /** Median over rounds of each round's ours/Medusa ratio. */
    p50Ratio: number
    p99Ratio: number
  }
  training: { p99Idle: number; p99Training: number; p99Ratio: number; coverageMedian: number; coverageMin: number; runs: number }
  checkout: CheckoutResult
  summary: SummaryRow[]
}

interface RouteMedians {
  p50: number
  p99: number
  rps: number
  /** Totals over all rounds. */
  errors: number
  non2xx: number
}

function routeMedians(results: LoadResult[]): RouteMedians {
  return {
    p50: median(results.map((r) => r.p50)),
    p99: median(results.map((r) => r.p99)),
    rps: median(results.map((r) => r.rps)),
    errors: results.reduce((n, r) => n + r.errors, 0),
    non2xx: results.reduce((n, r) => n + r.non2xx, 0),
  }
}

export function figures(rounds: Round[], checkout: CheckoutResult): Figures {
  const ours = routeMedians(rounds.map((r) => r.ours))
  const medusa = routeMedians(rounds.map((r) => r.medusa))
  const p50Ratio = median(rounds.map((r) => r.ours.p50 / r.medusa.p50))
  const p99Ratio = median(rounds.map((r) => r.ours.p99 / r.medusa.p99))
  const training = rounds.map((r) => r.training)
  const trainingP99Ratio = median(rounds.map((r) => r.training.p99 / r.ours.p99))
  const coverage = training.map((t) => t.trainingCoverage)
  const oursAll = [...rounds.map((r) => r.ours), ...training]
  const oursFaults = oursAll.reduce((n, r) => n + r.errors + r.non2xx, 0)
  const summary: SummaryRow[] = [
    { figure: "store load: p50 ours / Medusa's", value: p50Ratio, shown: `${p50Ratio.toFixed(2)}x`, goal: "<= 0.70x", met: p50Ratio <= 0.7 },
    { figure: "store load: p99 ours / Medusa's", value: p99Ratio, shown: `${p99Ratio.toFixed(2)}x`, goal: "(none)", met: null },
    { figure: "store load: errors + non-2xx on our route (all runs)", value: oursFaults, shown: String(oursFaults), goal: "0", met: oursFaults === 0 },
    {
      figure: `while training: p99 / idle p99 (training ${(median(coverage) * 100).toFixed(0)}% of window)`,
      value: trainingP99Ratio,
      shown: `${trainingP99Ratio.toFixed(2)}x`,
      goal: "<= 1.50x",
      met: trainingP99Ratio <= 1.5,
    },
    {
      figure: "checkout: median complete, with / without plugin",
      value: checkout.medianRatio,
      shown: `${checkout.medianRatio.toFixed(3)}x`,
      goal: "<= 1.05x",
      met: checkout.medianRatio <= 1.05,
    },
  ]
  return {
    load: { ours, medusa, p50Ratio, p99Ratio },
    training: {
      p99Idle: ours.p99,
      p99Training: median(training.map((t) => t.p99)),
      p99Ratio: trainingP99Ratio,
      coverageMedian: median(coverage),
      coverageMin: Math.min(...coverage),
      runs: training.reduce((n, t) => n + t.runs.length, 0),
    },
    checkout,
    summary,
  }
}

/** Left-aligned first column, right-aligned others. */
export function table(rows: string[][]): string {
  const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => (r[c] ?? "").length)))
  return rows
    .map((r) => r.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]) : cell.padStart(widths[c]))).join("  "))
    .join("\n")
}

const ms = (v: number) => v.toFixed(1)

export function roundsTable(rounds: Round[]): string {
  const rows = [["round / route", "p50 ms", "p99 ms", "mean ms", "req/s", "errors", "non-2xx", "training"]]
  rounds.forEach((r, i) => {
    for (const [label, result] of [["ours, idle", r.ours], ["Medusa's, idle", r.medusa], ["ours, while training", r.training]] as const) {
      const training = "trainingCoverage" in result ? `${(result.trainingCoverage * 100).toFixed(0)}% (${result.runs.length} runs)` : ""
      rows.push([`${i + 1} ${label}`, ms(result.p50), ms(result.p99), ms(result.mean), result.rps.toFixed(0), String(result.errors), String(result.non2xx), training])
    }
  })
  return table(rows)
}

export function mediansTable(f: Figures): string {
  const row = (label: string, m: RouteMedians) => [label, ms(m.p50), ms(m.p99), m.rps.toFixed(0), String(m.errors), String(m.non2xx)]
  return table([
    ["median over rounds", "p50 ms", "p99 ms", "req/s", "errors", "non-2xx"],
    row("GET /store/products/:id/recommendations (ours)", f.load.ours),
    row("GET /store/products/:id (Medusa)", f.load.medusa),
    ["ours / Medusa's (median of per-round ratios)", `${f.load.p50Ratio.toFixed(2)}x`, `${f.load.p99Ratio.toFixed(2)}x`, "", "", ""],
  ])
}

export function trainingTable(f: Figures): string {
  const t = f.training
  return table([
    ["our route", "p99 ms", "training running"],
    ["idle (median)", ms(t.p99Idle), ""],
    ["while training (median)", ms(t.p99Training), `median ${(t.coverageMedian * 100).toFixed(0)}%, min ${(t.coverageMin * 100).toFixed(0)}% of window, ${t.runs} runs`],
    ["ratio (median of per-round ratios)", `${t.p99Ratio.toFixed(2)}x`, ""],
  ])
}

export function checkoutTable(c: CheckoutResult): string {
  return table([
    [`POST /store/carts/:id/complete, ${c.carts} carts each`, "median ms", "mean ms"],
    [`with the plugin (${c.withPlugin.app})`, ms(c.withPlugin.medianMs), ms(c.withPlugin.meanMs)],
    [`without it (${c.withoutPlugin.app})`, ms(c.withoutPlugin.medianMs), ms(c.withoutPlugin.meanMs)],
    ["ratio with / without", `${c.medianRatio.toFixed(3)}x`, `${c.meanRatio.toFixed(3)}x`],
  ])
}

export function summaryTable(rows: SummaryRow[]): string {
  return table([["figure", "value", "goal", "met"], ...rows.map((r) => [r.figure, r.shown, r.goal, r.met === null ? "-" : r.met ? "yes" : "NO"])])
}
