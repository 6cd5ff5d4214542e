/**
 * npm run bench:engine — the engine's figures on the real datasets beside the
 * baselines of ../shared/datasets/README.md (scikit-learn 1.2.1, same protocol).
 * `--small-stores` prints only the "Small stores" table (about two minutes on 2 cores);
 * `--dates` only the table of (as-of, horizon) pairs beside the baseline (engine-dates.ts).
 */
import { measureCdnow, measureOnlineRetail } from "./engine-quality"
import { datesTable, measureDates } from "./engine-dates"
import { measureSmallStores, smallStoresTable } from "./small-stores"

async function printSmallStores(): Promise<void> {
  console.log("Small stores: random subsets of Online Retail customers, as of 2011-09-10, 90 days, seeds 1-5 (ROC-AUC)")
  console.log("ours: the train pipeline on the subset; baseline: logistic regression on log1p RFM trained on the subset at 2011-06-12")
  for (const line of smallStoresTable(await measureSmallStores())) console.log(line)
}

async function printDates(): Promise<void> {
  console.log("Online Retail, purchase propensity at many (as-of, horizon) pairs (ROC-AUC); customers: those with a clean line before as-of")
  console.log("ours: medusa-ml train as of the date with that horizon; baseline: logistic regression on log1p RFM, trained at as-of - horizon")
  for (const line of datesTable(await measureDates())) console.log(line)
}

const f3 = (v: number) => v.toFixed(3)

async function main(): Promise<void> {
  if (process.argv.includes("--small-stores")) return printSmallStores()
  if (process.argv.includes("--dates")) return printDates()
  const main = await measureOnlineRetail("2011-09-10", 90)
  console.log("Online Retail, as of 2011-09-10, 90 days (3,368 customers with a clean line before it)")
  console.log("| model | ROC-AUC | PR-AUC | Brier |")
  console.log("|---|---|---|---|")
  console.log(`| medusa-ml (${JSON.stringify(main.chosen)}) | ${f3(main.rocAuc)} | ${f3(main.prAuc)} | ${f3(main.brier)} |`)
  console.log("| baseline: logistic regression on log1p RFM (scikit-learn) | 0.741 | 0.809 | 0.207 |")
  console.log("| baseline: HistGradientBoosting on raw RFM (scikit-learn) | 0.717 | 0.791 | 0.231 |")
  console.log("")
  console.log("90-day spend (expected_spend)")
  console.log(`| medusa-ml | Spearman ${f3(main.spendSpearman)} | MAE ${main.spendMae.toFixed(0)} | top-10% share ${f3(main.spendTop10Share)} |`)
  console.log("| baseline: HistGradientBoosting on log1p | Spearman 0.489 | MAE 631 | top-10% share 0.52-0.54 |")
  console.log("")
  console.log(`train on the full file: ${(main.trainWallMs / 1000).toFixed(1)} s wall, ${main.trainPeakRssMb} MB peak RSS`)
  for (const asOf of ["2011-07-15", "2011-08-10"]) {
    const other = await measureOnlineRetail(asOf, 90)
    console.log(`other date ${asOf}: ROC-AUC ${f3(other.rocAuc)} PR-AUC ${f3(other.prAuc)} Brier ${f3(other.brier)} spend Spearman ${f3(other.spendSpearman)} MAE ${other.spendMae.toFixed(0)}`)
  }
  const cdnow = await measureCdnow()
  const { r, alpha, a, b, logLikelihood } = cdnow.bgnbd
  const { p, q, gamma } = cdnow.gammaGamma
  console.log("")
  console.log("CDNOW sample, calibration through 1997-09-30 (weeks)")
  console.log(`BG/NBD      medusa-ml r=${f3(r)} alpha=${f3(alpha)} a=${f3(a)} b=${f3(b)} LL=${logLikelihood.toFixed(1)}   paper r=0.243 alpha=4.414 a=0.793 b=2.426 LL=-9582.4`)
  console.log(`Gamma-Gamma medusa-ml p=${f3(p)} q=${f3(q)} gamma=${f3(gamma)}   paper p=6.25 q=3.74 gamma=15.44`)
  console.log("")
  await printSmallStores()
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error)
  process.exit(1)
})
