/**
 * Build time and memory of the recommenders, each data set measured in its own node process so
 * that its peak RSS is its own. A build is the fit of the bought-together and for-you
 * recommenders on every line followed by the stored lists of trainRecommendations (similar,
 * bought together, customer, customer_new, popular): with the default params ("defaults",
 * tuning excluded) or as `medusa-ml train` does it, tuning included ("tuned").
 * In the child: extra peak RSS = maxRSS at the end − RSS right after loading the data (after a
 * garbage collection); maxRSS also covers the loading, so it is an upper bound of the build's.
 * The child is this file run directly: node --expose-gc -r ts-node/register/transpile-only
 * bench/recommend-scaling.ts '<target JSON>' <repeats>.
 */
import { spawn } from "node:child_process"
import { createReadStream } from "node:fs"
import path from "node:path"
import { buildOrderHistory, readOrders, type OrderHistory } from "../src/core/data"
import { trainRecommendations } from "../src/core/pipeline/train-recommendations"
import { ForYouRecommender, indexHistory, ItemToItemRecommender, type RecommendationList } from "../src/core/recommend"
import { simulateStore } from "../src/core/simulate"
import { datasetFile } from "./datasets"
import { DAY_MS } from "../src/core/time"

/** Products per stored list: the default of `medusa-ml train --list-size`. */
const LIST_SIZE = 20
/** The seed `medusa-ml train` uses by default. */
const TRAIN_SEED = 42
const REPO = path.resolve(__dirname, "..")

export type BuildMode = "defaults" | "tuned"
export type BuildTarget =
  | { data: "simulated"; customers: number; products: number; days: number; seed: number; mode: BuildMode }
  | { data: "online-retail"; mode: BuildMode }

export interface BuildMeasurement {
  target: BuildTarget
  data: { lines: number; orders: number; customers: number; products: number }
  /** Wall ms of each build: fitting (tuning included in "tuned" mode) and the stored lists. */
  fitMs: number[]
  listsMs: number[]
  /** Median of fitMs + listsMs over the repeats. */
  medianBuildMs: number
  /** Lists stored by the last build. */
  lists: number
  rssAfterLoadMb: number
  peakRssMb: number
  extraPeakRssMb: number
}

/** One build: wall ms of the fit (tuning included in "tuned" mode) and of the lists, and the lists kept. */
export interface BuildTimes {
  fitMs: number
  listsMs: number
  lists: number
}

export interface ScalingFigures {
  small: BuildMeasurement
  large: BuildMeasurement
  /** large / small median build time. */
  timeGrowth: number
  /** large / small extra peak RSS. */
  rssGrowth: number
}

/** The simulated store and the one with 10x its customers (so about 10x the orders) and products, same days. */
export const SCALING_STORES = {
  small: { customers: 3_000, products: 300, days: 365, seed: 7 },
  large: { customers: 30_000, products: 3_000, days: 365, seed: 7 },
} as const

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  const middle = sorted.length >> 1
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
}

const kept = (lists: RecommendationList[]): number => lists.filter((list) => list.items.length > 0).length

/** Fits both recommenders with their default params and computes every stored list, as trainRecommendations does. */
export function buildWithDefaults(history: OrderHistory, asOf: number, limit: number): BuildTimes {
  const started = performance.now()
  const indexed = indexHistory(history)
  const boughtTogether = new ItemToItemRecommender({ kind: "bought_together" }).fit(indexed, { asOf })
  const forYou = new ForYouRecommender().fit(indexed, { asOf })
  const fitted = performance.now()
  const customers = forYou.topNForCustomersBothWays(indexed, limit, { asOf })
  const lists =
    kept(boughtTogether.topNForAllProducts(limit)) +
    kept(forYou.similar().topNForAllProducts(limit)) +
    kept(customers.withPurchased) +
    kept(customers.newOnly) +
    kept([{ sourceId: "*", items: boughtTogether.popularity().popular(limit) }])
  return { fitMs: fitted - started, listsMs: performance.now() - fitted, lists }
}

async function loadTarget(target: BuildTarget): Promise<{ history: OrderHistory; asOf: number }> {
  if (target.data === "simulated") {
    const { customers, products, days, seed } = target
    const store = simulateStore({ customers, products, days, seed })
    return { history: buildOrderHistory(store.lines), asOf: store.period.end }
  }
  const file = datasetFile("online-retail/online_retail.csv")
  const { history } = await readOrders(createReadStream(file), { format: "online-retail" })
  // as `medusa-ml train` without --as-of: the day after the last line, at 00:00 UTC
  return { history, asOf: Math.floor(history.lastAt / DAY_MS) * DAY_MS + DAY_MS }
}

function buildOnce(mode: BuildMode, history: OrderHistory, asOf: number): BuildTimes {
  if (mode === "defaults") return buildWithDefaults(history, asOf, LIST_SIZE)
  const { lists, report } = trainRecommendations(history, { asOf, seed: TRAIN_SEED, limit: LIST_SIZE })
  return { fitMs: report.timings.tuning, listsMs: report.timings.lists, lists: lists.length }
}

/** The child's work: load, then build `repeats` times with a garbage collection between builds. */
async function measureHere(target: BuildTarget, repeats: number): Promise<BuildMeasurement> {
  const { history, asOf } = await loadTarget(target)
  globalThis.gc?.()
  const rssAfterLoadMb = process.memoryUsage().rss / 2 ** 20
  const fitMs: number[] = []
  const listsMs: number[] = []
  let lists = 0
  for (let repeat = 0; repeat < repeats; repeat++) {
    const build = buildOnce(target.mode, history, asOf)
    fitMs.push(build.fitMs)
    listsMs.push(build.listsMs)
    lists = build.lists
    globalThis.gc?.()
  }
  // maxRSS is in kilobytes
  const peakRssMb = process.resourceUsage().maxRSS / 1024
  const indexed = indexHistory(history)
  return {
    target,
    data: {
      lines: history.lines.length,
      orders: indexed.orderTime.length,
      customers: indexed.customerIds.length,
      products: indexed.productIds.length,
    },
    fitMs,
    listsMs,
    medianBuildMs: median(fitMs.map((fit, at) => fit + listsMs[at])),
    lists,
    rssAfterLoadMb,
    peakRssMb,
    extraPeakRssMb: peakRssMb - rssAfterLoadMb,
  }
}

/** Runs the measurement of `target` in a fresh node process (this file as its entry) and returns its figures. */
export function measureBuildInChild(target: BuildTarget, repeats: number): Promise<BuildMeasurement> {
  const register = require.resolve("ts-node/register/transpile-only")
  const args = ["--expose-gc", "-r", register, __filename, JSON.stringify(target), String(repeats)]
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { cwd: REPO, env: { ...process.env, NODE_OPTIONS: "" } })
    let stdout = ""
    let stderr = ""
    child.stdout.on("data", (chunk) => (stdout += chunk))
    child.stderr.on("data", (chunk) => (stderr += chunk))
    child.on("error", reject)
    child.on("exit", (code) => {
      const last = stdout.trim().split("\n").pop() ?? ""
      if (code !== 0 || !last.startsWith("{")) {
        reject(new Error(`the build measurement of ${JSON.stringify(target)} failed (exit ${code}): ${stderr.trim()}`))
      } else {
        resolve(JSON.parse(last))
      }
    })
  })
}

/**
 * Several children of one target taken together: every build's times (median over all of
 * them) and the largest extra peak RSS of any child.
 */
function combine(children: readonly BuildMeasurement[]): BuildMeasurement {
  const fitMs = children.flatMap((child) => child.fitMs)
  const listsMs = children.flatMap((child) => child.listsMs)
  const largest = children.reduce((most, child) => (child.extraPeakRssMb > most.extraPeakRssMb ? child : most))
  return { ...largest, fitMs, listsMs, medianBuildMs: median(fitMs.map((fit, at) => fit + listsMs[at])) }
}

/**
 * Default-params builds on the small and the large simulated store: `rounds` rounds of one child
 * per store, small then large (so that a change in the machine's load falls on both), each
 * child building `repeats` times.
 */
export async function measureRecommendScaling(rounds = 3, repeats = 5): Promise<ScalingFigures> {
  const children: { small: BuildMeasurement[]; large: BuildMeasurement[] } = { small: [], large: [] }
  for (let round = 0; round < rounds; round++) {
    for (const size of ["small", "large"] as const) {
      const target: BuildTarget = { data: "simulated", ...SCALING_STORES[size], mode: "defaults" }
      children[size].push(await measureBuildInChild(target, repeats))
    }
  }
  const small = combine(children.small)
  const large = combine(children.large)
  return {
    small,
    large,
    timeGrowth: large.medianBuildMs / small.medianBuildMs,
    rssGrowth: large.extraPeakRssMb / small.extraPeakRssMb,
  }
}

if (require.main === module) {
  const [target, repeats] = process.argv.slice(2)
  measureHere(JSON.parse(target), Number(repeats))
    .then((figures) => console.log(JSON.stringify(figures)))
    .catch((error) => {
      console.error(error instanceof Error ? error.stack : error)
      process.exit(1)
    })
}
