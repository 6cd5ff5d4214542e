/**
 * The "Small stores" protocol of ../shared/datasets/README.md: random subsets of Online
 * Retail customers (numpy default_rng(seed).choice over the sorted ids of the customers with
 * a clean line before 2011-09-10, without replacement), all their lines kept. Ours: the
 * pipeline `medusa-ml train` runs (trainCustomerModels, the same defaults) as of 2011-09-10
 * on the subset alone; the baseline: logistic regression (l2 = 1, scikit-learn's C = 1) on
 * standardised log1p RFM features trained on the subset at 2011-06-12. Both scored by ROC-AUC
 * on the subset's next 90 days.
 */
import { execFileSync } from "node:child_process"
import { createReadStream } from "node:fs"
import path from "node:path"
import { buildOrderHistory, readOrders, type OrderHistory } from "../src/core/data"
import { buildFeatureRows, FEATURE_NAMES, purchaseLabels } from "../src/core/features"
import { LogisticRegression } from "../src/core/learners/logistic-regression"
import { StandardScaler } from "../src/core/learners/standard-scaler"
import { createMatrix, type Matrix } from "../src/core/linalg/matrix"
import { rocAuc } from "../src/core/metrics/classification"
import { trainCustomerModels } from "../src/core/pipeline/train-customer-models"
import { DAY_MS } from "../src/core/time"
import { datasetFile } from "./datasets"

const CUTOFF = Date.parse("2011-09-10")
const BASELINE_CUTOFF = Date.parse("2011-06-12")
const HORIZON_DAYS = 90
const RFM = ["recency_days", "frequency_orders", "monetary_total", "tenure_days", "avg_order_value", "lines_per_order", "distinct_products"]

export interface SmallStoreRow {
  customers: number
  seed: number
  ours: number
  baseline: number
  /** The chosen candidate: feature set and learner. */
  chosen: string
}

function rfmMatrix(history: OrderHistory, cutoff: number, horizonDays: number): { X: Matrix; ids: string[] } {
  const rows = buildFeatureRows(history, cutoff, { horizonDays })
  const all = createMatrix(rows.customerIds.length, FEATURE_NAMES.length, rows.values)
  const columns = RFM.map((name) => (FEATURE_NAMES as readonly string[]).indexOf(name))
  const X = createMatrix(all.rows, columns.length)
  for (let i = 0; i < all.rows; i++) columns.forEach((j, k) => (X.data[i * columns.length + k] = all.data[i * all.cols + j]))
  return { X, ids: rows.customerIds }
}

/** The README's baseline on one subset: train at 2011-06-12, score at 2011-09-10. */
export function baselineRocAuc(history: OrderHistory): number {
  return outOfTimeBaseline(history, BASELINE_CUTOFF, CUTOFF, HORIZON_DAYS).rocAuc
}

/**
 * The baseline of ../shared/datasets/README.md at any date: logistic regression (l2 = 1) on
 * standardised log1p RFM, trained at `trainCutoff` on the labels of the `horizonDays` after
 * it, and scored at `testCutoff` on the customers with a line before it.
 */
export function outOfTimeBaseline(history: OrderHistory, trainCutoff: number, testCutoff: number, horizonDays: number): { rocAuc: number; customers: number } {
  const train = rfmMatrix(history, trainCutoff, horizonDays)
  const test = rfmMatrix(history, testCutoff, horizonDays)
  const scaler = new StandardScaler({ log1pColumns: RFM.map((_, k) => k) }).fit(train.X)
  const model = new LogisticRegression({ l2: 1 })
  model.fit(scaler.transform(train.X), purchaseLabels(history, train.ids, trainCutoff, horizonDays))
  const figure = rocAuc(purchaseLabels(history, test.ids, testCutoff, horizonDays), model.predictProba(scaler.transform(test.X)))
  return { rocAuc: figure, customers: test.ids.length }
}

export async function measureSmallStores(sizes = [150, 400, 1000], seeds = [1, 2, 3, 4, 5]): Promise<SmallStoreRow[]> {
  const { history } = await readOrders(createReadStream(datasetFile("online-retail/online_retail.csv")), { format: "online-retail" })
  const population = [...new Set(history.lines.filter((l) => l.orderedAt < CUTOFF).map((l) => l.customerId))].sort()
  const drawn: Record<string, string[]> = JSON.parse(
    execFileSync("python3", [path.join(__dirname, "draw_subsets.py"), sizes.join(","), seeds.join(",")], { input: population.join("\n") }).toString()
  )
  const rows: SmallStoreRow[] = []
  for (const customers of sizes) {
    for (const seed of seeds) {
      const keep = new Set(drawn[`${customers}:${seed}`])
      // everything up to the end of the scoring window; the model reads only lines before the cutoff
      const subset = buildOrderHistory(history.lines.filter((l) => keep.has(l.customerId) && l.orderedAt < CUTOFF + HORIZON_DAYS * DAY_MS))
      const before = buildOrderHistory(subset.lines.filter((l) => l.orderedAt < CUTOFF))
      const trained = await trainCustomerModels(before, { asOf: CUTOFF, horizonDays: HORIZON_DAYS, churnWindowDays: HORIZON_DAYS, clvHorizonDays: 365, seed: 42 })
      const ids = trained.scores.map((s) => s.customerId)
      const y = purchaseLabels(subset, ids, CUTOFF, HORIZON_DAYS)
      const ours = rocAuc(y, Float64Array.from(trained.scores, (s) => s.purchaseProbability))
      const chosen = trained.report.purchase!.chosen
      rows.push({ customers, seed, ours, baseline: baselineRocAuc(subset), chosen: `${chosen.featureSet}/${chosen.learner}` })
    }
  }
  return rows
}

/** The table: one line per size with the per-seed figures, the means and the goals of issue #22. */
export function smallStoresTable(rows: readonly SmallStoreRow[]): string[] {
  const f3 = (v: number) => v.toFixed(3)
  const lines = ["| customers | ours per seed | baseline per seed | chosen per seed | mean ours | mean baseline | worst seed (ours - baseline) |", "|---|---|---|---|---|---|---|"]
  for (const n of [...new Set(rows.map((r) => r.customers))]) {
    const at = rows.filter((r) => r.customers === n)
    const mean = (pick: (r: SmallStoreRow) => number) => at.reduce((s, r) => s + pick(r), 0) / at.length
    const worst = Math.min(...at.map((r) => r.ours - r.baseline))
    lines.push(
      `| ${n} | ${at.map((r) => f3(r.ours)).join(" / ")} | ${at.map((r) => f3(r.baseline)).join(" / ")} | ${at.map((r) => r.chosen).join(", ")} | ${f3(mean((r) => r.ours))} | ${f3(mean((r) => r.baseline))} | ${worst >= 0 ? "+" : ""}${f3(worst)} |`
    )
  }
  return lines
}
