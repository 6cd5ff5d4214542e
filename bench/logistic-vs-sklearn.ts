/**
 * npm run bench:logistic — our logistic regression against scikit-learn's lbfgs on the
 * same feature matrix (Online Retail, training rows of as-of 2011-09-10, scaled by our
 * scaler), fit time as a ratio measured in the same run, and both models' out-of-time
 * figures. Needs Debian's python3-sklearn (/usr/bin/python3); says so when it is missing.
 */
import { execFileSync } from "node:child_process"
import { createReadStream, existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import path from "node:path"
import { readOrders } from "../src/core/data"
import { buildFeatureRows, buildStackedSet, chooseCutoffs, FEATURE_COUNT, heavyTailedFeatureIndices, purchaseLabels } from "../src/core/features"
import { LogisticRegression } from "../src/core/learners/logistic-regression"
import { StandardScaler } from "../src/core/learners/standard-scaler"
import { createMatrix } from "../src/core/linalg/matrix"
import { brier, prAuc, rocAuc } from "../src/core/metrics/classification"
import { datasetFile } from "./datasets"

const PYTHON = "/usr/bin/python3"
const REPEATS = 7

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.floor(sorted.length / 2)]
}

async function main(): Promise<void> {
  const { history } = await readOrders(createReadStream(datasetFile("online-retail/online_retail.csv")), { format: "online-retail" })
  const asOf = Date.parse("2011-09-10")
  const cutoffs = chooseCutoffs(history, asOf, { horizonDays: 90 })
  const stacked = buildStackedSet(history, cutoffs, { horizonDays: 90, labelWindowDays: 90 })
  const scaler = new StandardScaler({ log1pColumns: heavyTailedFeatureIndices() }).fit(stacked.training.X)
  const X = scaler.transform(stacked.training.X)
  const test = buildFeatureRows(history, asOf, { horizonDays: 90 })
  const Xtest = scaler.transform(createMatrix(test.customerIds.length, FEATURE_COUNT, test.values))
  const yTest = purchaseLabels(history, test.customerIds, asOf, 90)

  const ours: number[] = []
  let model = new LogisticRegression({ l2: 1 })
  for (let i = 0; i < REPEATS; i++) {
    model = new LogisticRegression({ l2: 1 })
    const start = performance.now()
    model.fit(X, stacked.training.y)
    ours.push(performance.now() - start)
  }
  const p = model.predictProba(Xtest)
  const figures = (probs: ArrayLike<number>) =>
    `ROC-AUC ${rocAuc(yTest, probs).toFixed(4)}  PR-AUC ${prAuc(yTest, probs).toFixed(4)}  Brier ${brier(yTest, probs).toFixed(4)}`
  console.log(`matrix: ${X.rows} training rows x ${X.cols} features; test: ${Xtest.rows} customers at 2011-09-10`)
  console.log(`medusa-ml logistic regression (Newton, l2 = 1): median fit ${median(ours).toFixed(1)} ms over ${REPEATS}; ${figures(p)}`)

  if (!existsSync(PYTHON) || !hasSklearn()) {
    console.log(`scikit-learn: not available (${PYTHON} with python3-sklearn; apt-get install python3-sklearn) - no ratio printed`)
    return
  }
  const folder = mkdtempSync(path.join(tmpdir(), "medusa-ml-sklearn-"))
  try {
    writeFileSync(path.join(folder, "X.f64"), Buffer.from(X.data.buffer))
    writeFileSync(path.join(folder, "y.u8"), Buffer.from(stacked.training.y.buffer))
    writeFileSync(path.join(folder, "Xtest.f64"), Buffer.from(Xtest.data.buffer))
    writeFileSync(path.join(folder, "shape.json"), JSON.stringify({ rows: X.rows, cols: X.cols, testRows: Xtest.rows }))
    const out = execFileSync(PYTHON, [path.join(__dirname, "sklearn_logistic.py"), folder, String(REPEATS), "1"], { encoding: "utf8" })
    const sk = JSON.parse(out)
    console.log(`scikit-learn LogisticRegression (lbfgs, C = 1): median fit ${sk.medianFitMs.toFixed(1)} ms over ${REPEATS}; ${figures(sk.probabilities)}`)
    console.log(`fit-time ratio medusa-ml / scikit-learn: ${(median(ours) / sk.medianFitMs).toFixed(2)} (below 1 = ours is faster)`)
  } finally {
    rmSync(folder, { recursive: true, force: true })
  }
}

function hasSklearn(): boolean {
  try {
    execFileSync(PYTHON, ["-c", "import sklearn"], { stdio: "ignore" })
    return true
  } catch {
    return false
  }
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error)
  process.exit(1)
})
