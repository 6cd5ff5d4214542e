/**
 * npm run bench:recommend — the recommenders on Online Retail beside the baselines of
 * ../shared/datasets/README.md (scikit-learn 1.2.1, same protocols) and the same baselines
 * computed by our code on the same split; the time and memory of building every recommender
 * on the full file; and how the build grows from a simulated store to one 10x its size.
 */
import type { RankingSummary } from "../src/core/recommend"
import {
  measureRecommendationsOnlineRetail,
  README_BASELINES,
  type ReadmeFigures,
  type RecommendationQualityFigures,
} from "./recommend-quality"
import { measureBuildInChild, measureRecommendScaling, median, type BuildMeasurement } from "./recommend-scaling"

const BARS = { onlineRetailSeconds: 20, onlineRetailExtraMb: 1024, timeGrowth: 12 }
const REPEATS = { onlineRetailTuned: 3, onlineRetailDefaults: 5, scalingRounds: 3, scaling: 5 }

const METRICS = ["precision", "recall", "ndcg", "hitRate", "mrr", "coverage"] as const
const HEADER = ["| model | precision | recall | NDCG | hit rate | MRR | coverage |", "|---|---|---|---|---|---|---|"]

const f3 = (value: number): string => value.toFixed(3)
const format = (metric: (typeof METRICS)[number], value: number | undefined): string =>
  value === undefined ? "" : metric === "coverage" ? `${(100 * value).toFixed(1)}%` : f3(value)
const ours = (name: string, summary: RankingSummary): string =>
  `| ${name} | ${METRICS.map((metric) => format(metric, summary[metric])).join(" | ")} |`
const readme = (name: string, figures: ReadmeFigures): string =>
  `| ${name}, README | ${METRICS.map((metric) => format(metric, figures[metric])).join(" | ")} |`
const met = (ok: boolean): string => (ok ? "met" : "MISSED")
const seconds = (ms: number): string => `${(ms / 1000).toFixed(2)} s`
const mb = (value: number): string => `${value.toFixed(0)} MB`

function printQuality(figures: RecommendationQualityFigures): void {
  const { cases, newItems, repeats, baskets, tuning } = figures
  console.log(`Online Retail, fit before ${figures.cutoff}, judged on the next ${figures.windowDays} days, @${figures.k}`)
  console.log(
    `catalogue ${cases.catalogueSize} products; ${cases.newItems} / ${cases.repeatsAllowed} customers, ${cases.baskets} baskets`,
  )
  console.log("")
  console.log("New items (the customer's past products excluded)")
  console.log(
    [
      ...HEADER,
      ours("medusa-ml for you (tuned)", newItems.ours),
      ours("item-item cosine, our code", newItems.cosine),
      readme("item-item cosine", README_BASELINES.newItems.cosine),
      ours("popularity, our code", newItems.popularity),
      readme("popularity", README_BASELINES.newItems.popularity),
    ].join("\n"),
  )
  console.log("")
  console.log("Repeats allowed (everything bought in the window)")
  console.log(
    [
      ...HEADER,
      ours("medusa-ml for you (tuned)", repeats.ours),
      ours("buy-again by invoices, our code", repeats.buyAgain),
      readme("buy-again by invoices", README_BASELINES.repeats.buyAgain),
      ours("item-item cosine, our code", repeats.cosine),
      readme("item-item cosine", README_BASELINES.repeats.cosine),
      ours("popularity, our code", repeats.popularity),
      readme("popularity", README_BASELINES.repeats.popularity),
    ].join("\n"),
  )
  console.log("(our buy-again: ties between equal invoice counts go to the product sold first, then popular products fill up)")
  console.log("")
  console.log("Frequently bought together (the last product of each window order hidden)")
  console.log(
    [
      ...HEADER,
      ours("medusa-ml bought together (tuned)", baskets.ours),
      ours("invoice-level cosine, our code", baskets.invoiceCosine),
      readme("invoice-level cosine", README_BASELINES.baskets.invoiceCosine),
      ours("customer-level cosine, our code", baskets.cosine),
      readme("customer-level cosine", README_BASELINES.baskets.cosine),
      ours("popularity, our code", baskets.popularity),
      readme("popularity", README_BASELINES.baskets.popularity),
    ].join("\n"),
  )
  console.log("")
  const { validation, validationCases: v } = tuning
  console.log(
    `tuning validation (${v.newItems} / ${v.repeatsAllowed} customers, ${v.baskets} baskets in the 90 days before the cutoff): ` +
      `bought together hit rate ${f3(validation.boughtTogetherHitRate ?? Number.NaN)}, ` +
      `new items NDCG ${f3(validation.newItemsNdcg ?? Number.NaN)}, repeats NDCG ${f3(validation.repeatsNdcg ?? Number.NaN)}`,
  )
  console.log(`chosen bought together: ${JSON.stringify(tuning.chosen.boughtTogether)}`)
  console.log(`chosen for you: ${JSON.stringify(tuning.chosen.forYou)}`)
  const serialized = tuning.serializedMb
  console.log(
    `serialized: bought together ${serialized.boughtTogether.toFixed(1)} MB, for you ${serialized.forYou.toFixed(1)} MB`,
  )
  const s = figures.seconds
  console.log(
    `wall time on the split, in this process: read ${s.read.toFixed(1)} s; building: tuned recommenders ${s.tuned.toFixed(1)} s ` +
      `(of which the refit ${s.refit.toFixed(2)} s), popularity ${s.popularity.toFixed(2)} s, cosine ${s.cosine.toFixed(2)} s, ` +
      `invoice-level cosine ${s.invoiceCosine.toFixed(2)} s; evaluating everything ${s.evaluation.toFixed(1)} s`,
  )
}

function buildLine(name: string, build: BuildMeasurement): string {
  const runs = build.fitMs.map((fit, at) => seconds(fit + build.listsMs[at])).join(", ")
  return (
    `${name}: median ${seconds(build.medianBuildMs)} over ${build.fitMs.length} builds (${runs}); ` +
    `${build.lists} lists; extra peak RSS ${mb(build.extraPeakRssMb)} ` +
    `(peak ${mb(build.peakRssMb)}, ${mb(build.rssAfterLoadMb)} after loading)`
  )
}

async function printOnlineRetailBuild(): Promise<void> {
  const tuned = await measureBuildInChild({ data: "online-retail", mode: "tuned" }, REPEATS.onlineRetailTuned)
  const defaults = await measureBuildInChild({ data: "online-retail", mode: "defaults" }, REPEATS.onlineRetailDefaults)
  const { lines, orders, customers, products } = tuned.data
  console.log("")
  console.log(
    `Building every recommender on the full Online Retail file (${lines} lines, ${orders} orders, ` +
      `${customers} customers, ${products} products), each in its own process`,
  )
  console.log(buildLine("as medusa-ml train does (3 searches x 12 trials, refit, lists of 20)", tuned))
  console.log(buildLine("default params, no tuning (fit and lists of 20)", defaults))
  const buildSeconds = tuned.medianBuildMs / 1000
  console.log(
    `bars: build <= ${BARS.onlineRetailSeconds} s ${met(buildSeconds <= BARS.onlineRetailSeconds)}, ` +
      `extra peak RSS <= 1 GB ${met(tuned.extraPeakRssMb <= BARS.onlineRetailExtraMb)}`,
  )
}

async function printScaling(): Promise<void> {
  const { small, large, timeGrowth, rssGrowth } = await measureRecommendScaling(REPEATS.scalingRounds, REPEATS.scaling)
  console.log("")
  console.log(
    `Build with default params (fit and lists of 20) on simulated stores of 365 days: ${REPEATS.scalingRounds} rounds of one process ` +
      `per store, ${REPEATS.scaling} builds each; medians over all builds, largest extra peak RSS of the processes`,
  )
  console.log("| store | customers | products | orders | lines | median build | median fit | median lists | extra peak RSS |")
  console.log("|---|---|---|---|---|---|---|---|---|")
  for (const [name, build] of [["simulated", small], ["10x", large]] as const) {
    const { customers, products, orders, lines } = build.data
    const fit = median(build.fitMs)
    const lists = median(build.listsMs)
    console.log(
      `| ${name} | ${customers} | ${products} | ${orders} | ${lines} | ${seconds(build.medianBuildMs)} | ` +
        `${seconds(fit)} | ${seconds(lists)} | ${mb(build.extraPeakRssMb)} |`,
    )
  }
  console.log(
    `growth: build time ${timeGrowth.toFixed(1)}x (bar <= ${BARS.timeGrowth}x ${met(timeGrowth <= BARS.timeGrowth)}), ` +
      `extra peak RSS ${rssGrowth.toFixed(1)}x, for ${(large.data.orders / small.data.orders).toFixed(1)}x the orders`,
  )
}

/** `--scaling-only`: just the growth from the simulated store to the 10x one (no dataset needed). */
async function main(): Promise<void> {
  if (!process.argv.includes("--scaling-only")) {
    printQuality(await measureRecommendationsOnlineRetail())
    await printOnlineRetailBuild()
  }
  await printScaling()
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error)
  process.exit(1)
})
