/**
 * npm run bench:young-store — the two young-store acceptance pairs of the label-window
 * ladder on Online Retail (4 and 5 months of history), through `medusa-ml train`, beside
 * the out-of-time logistic-regression baselines measured on the same splits (issue #22).
 */
import { measureOnlineRetail } from "./engine-quality"

const PAIRS: [string, number, number][] = [
  ["2011-04-01", 30, 0.733],
  ["2011-05-01", 60, 0.734],
]

async function main(): Promise<void> {
  console.log("| as of | horizon | customers | scored | ROC-AUC | baseline | PR-AUC | Brier | rung |")
  console.log("|---|---|---|---|---|---|---|---|---|")
  for (const [asOf, horizon, baseline] of PAIRS) {
    const m = await measureOnlineRetail(asOf, horizon)
    console.log(`| ${asOf} | ${horizon} | ${m.customers} | ${m.scored} | ${m.rocAuc.toFixed(3)} | ${baseline} | ${m.prAuc.toFixed(3)} | ${m.brier.toFixed(3)} | ${m.rung} |`)
  }
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error)
  process.exit(1)
})
