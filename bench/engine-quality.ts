/**
 * Engine quality on the real datasets, as a merchant would run it: the `medusa-ml`
 * command trains on the file (`train`), its predictions are exported (`export
 * predictions`), and the figures are computed against what really happened next.
 * Used by `npm run bench:engine` (prints) and by test/quality (asserts the bars).
 */
import { createReadStream, mkdtempSync, readFileSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import path from "node:path"
import { parse } from "csv-parse/sync"
import { readOrders } from "../src/core/data"
import { brier, prAuc, rocAuc } from "../src/core/metrics/classification"
import { mae, spearman, topShareCaptured } from "../src/core/metrics/regression"
import { datasetFile } from "./datasets"
import { runCli } from "./run-cli"
import { DAY_MS } from "../src/core/time"


export interface PropensityFigures {
  asOf: string
  horizonDays: number
  customers: number
  positiveRate: number
  rocAuc: number
  prAuc: number
  brier: number
  spendSpearman: number
  spendMae: number
  spendTop10Share: number
  trainWallMs: number
  trainPeakRssMb: number
  chosen: unknown
  /** Which rung of the label-window ladder gave the purchase probabilities, in words. */
  rung: string | null
  /** Customers of the population with an exported prediction. */
  scored: number
}

/** Trains on Online Retail as of a date and scores the predictions against the next `horizonDays`. */
export async function measureOnlineRetail(asOfDay: string, horizonDays = 90): Promise<PropensityFigures> {
  const file = datasetFile("online-retail/online_retail.csv")
  const work = mkdtempSync(path.join(tmpdir(), "medusa-ml-bench-"))
  try {
    const db = `sqlite:${path.join(work, "ml.db")}`
    const reportPath = path.join(work, "report.json")
    const csvPath = path.join(work, "predictions.csv")
    const train = await runCli([
      "train", "--orders", file, "--format", "online-retail", "--as-of", asOfDay,
      "--horizon-days", String(horizonDays), "--db", db, "--report", reportPath,
    ])
    if (train.code !== 0) throw new Error(`medusa-ml train failed (${train.code}): ${train.stderr}`)
    const exported = await runCli(["export", "predictions", "--db", db, "--out", csvPath])
    if (exported.code !== 0) throw new Error(`medusa-ml export failed (${exported.code}): ${exported.stderr}`)
    const report = JSON.parse(readFileSync(reportPath, "utf8"))
    const rows: Record<string, string>[] = parse(readFileSync(csvPath), { columns: true })
    const predicted = new Map(rows.map((r) => [r.customer_id, r]))

    // truth: the protocol's population (a clean line before as-of) and what they did next
    const { history } = await readOrders(createReadStream(file), { format: "online-retail" })
    const asOf = Date.parse(asOfDay)
    const end = asOf + horizonDays * DAY_MS
    const population = new Set<string>()
    const spend = new Map<string, number>()
    for (const line of history.lines) {
      if (line.orderedAt < asOf) population.add(line.customerId)
      else if (line.orderedAt < end) spend.set(line.customerId, (spend.get(line.customerId) ?? 0) + line.quantity * line.unitPrice)
    }
    const ids = [...population].sort()
    // a customer of the population missing from the export counts as probability 0
    const value = (id: string, column: string) => Number(predicted.get(id)?.[column] ?? 0)
    const y = Uint8Array.from(ids, (id) => (spend.has(id) ? 1 : 0))
    const p = Float64Array.from(ids, (id) => value(id, "purchase_probability"))
    const actualSpend = Float64Array.from(ids, (id) => spend.get(id) ?? 0)
    const expectedSpend = Float64Array.from(ids, (id) => value(id, "expected_spend"))
    return {
      asOf: asOfDay,
      horizonDays,
      customers: ids.length,
      positiveRate: y.reduce((s, v) => s + v, 0) / y.length,
      rocAuc: rocAuc(y, p),
      prAuc: prAuc(y, p),
      brier: brier(y, p),
      spendSpearman: spearman(actualSpend, expectedSpend),
      spendMae: mae(actualSpend, expectedSpend),
      spendTop10Share: topShareCaptured(actualSpend, expectedSpend, 0.1),
      trainWallMs: report.resources.wallMs,
      trainPeakRssMb: report.resources.peakRssMb,
      chosen: report.purchase?.chosen ?? null,
      rung: report.ladder?.purchase?.text ?? null,
      scored: ids.filter((id) => predicted.has(id)).length,
    }
  } finally {
    rmSync(work, { recursive: true, force: true })
  }
}

export interface CdnowFigures {
  bgnbd: { r: number; alpha: number; a: number; b: number; logLikelihood: number }
  gammaGamma: { p: number; q: number; gamma: number }
}

/** The papers' CDNOW calibration (sample, purchases through 1997-09-30) through `medusa-ml train`. */
export async function measureCdnow(): Promise<CdnowFigures> {
  const file = datasetFile("cdnow/CDNOW_sample.txt")
  const work = mkdtempSync(path.join(tmpdir(), "medusa-ml-bench-"))
  try {
    const reportPath = path.join(work, "report.json")
    const train = await runCli([
      "train", "--orders", file, "--format", "cdnow", "--as-of", "1997-10-01",
      "--db", `sqlite:${path.join(work, "ml.db")}`, "--report", reportPath,
    ])
    if (train.code !== 0) throw new Error(`medusa-ml train failed (${train.code}): ${train.stderr}`)
    const report = JSON.parse(readFileSync(reportPath, "utf8"))
    return { bgnbd: report.bgnbd, gammaGamma: report.gammaGamma }
  } finally {
    rmSync(work, { recursive: true, force: true })
  }
}
