import { createReadStream, statSync, writeFileSync } from "node:fs"
import type { Command } from "commander"
import { readOrders, ORDER_FORMATS, type OrderFormat, type ReadSummary } from "../../core/data"
import { NotEnoughDataError } from "../../core/errors"
import { DAY_MS } from "../../core/time"
import { trainCustomerModels } from "../../core/pipeline/train-customer-models"
import { checkReadiness } from "../../core/pipeline/readiness"
import { trainRecommendations } from "../../core/pipeline/train-recommendations"
import { parsePluginOptions } from "../../config/plugin-options"
import { customerScoresVersion } from "../../engine/save-customer-scores"
import { recommendationsVersion } from "../../engine/save-recommendations"
import { toJsonObject } from "../../engine/json"
import { openMlDataSource } from "../../store/data-source"
import { MlStore } from "../../store/ml-store"
import { checkReadableFile, checkWritableFile, parseColumnMap, parseDay, parseDb, parseWholeNumber } from "../arguments"
import { UsageError, type CliIo } from "../io"
import { createProgress } from "../progress"
import { printTrainingSummary } from "./train-summary"

export const DEFAULT_DB = "sqlite:./medusa-ml.db"

export interface TrainArgs {
  orders: string
  format: string
  map: string[]
  asOf?: string
  horizonDays?: string
  churnWindowDays?: string
  clvHorizonDays?: string
  db: string
  seed?: string
  trials?: string
  listSize?: string
  report?: string
}

/** Defaults of the numeric options, as commander shows them in --help. */
const NUMBER_DEFAULTS = { horizonDays: "90", churnWindowDays: "90", clvHorizonDays: "365", seed: "42", trials: "24", listSize: "20" }

/** `medusa-ml train`: read an orders file, train and score, store the result, write a report. */
export function registerTrain(program: Command, io: CliIo): void {
  program
    .command("train")
    .description("train the customer models on an orders file and store the predictions")
    .requiredOption("--orders <file>", "orders file (CSV, or CDNOW text)")
    .requiredOption("--format <format>", `layout of the file: ${ORDER_FORMATS.join(", ")}`)
    .option("--map <column=field...>", "generic format: which column holds a field, e.g. --map Invoice=order_id", [])
    .option("--as-of <date>", "YYYY-MM-DD: use lines before this day, predict from it (default: the day after the last line)")
    .option("--horizon-days <n>", "days ahead for purchase probability, expected orders and spend", NUMBER_DEFAULTS.horizonDays)
    .option("--churn-window-days <n>", "no order within this many days = churned", NUMBER_DEFAULTS.churnWindowDays)
    .option("--clv-horizon-days <n>", "days of future value in the lifetime value", NUMBER_DEFAULTS.clvHorizonDays)
    .option("--db <url>", "where to store the results: sqlite:PATH or postgres://…", DEFAULT_DB)
    .option("--seed <n>", "seed of every random choice", NUMBER_DEFAULTS.seed)
    .option("--trials <n>", "candidate models tried per task", NUMBER_DEFAULTS.trials)
    .option("--list-size <n>", "products stored per recommendation list", NUMBER_DEFAULTS.listSize)
    .option("--report <file>", "write the full training report as JSON")
    .action((args: TrainArgs) => runTrain(args, io))
}

export async function runTrain(given: TrainArgs, io: CliIo): Promise<void> {
  const args = { ...NUMBER_DEFAULTS, ...given }
  const format = parseFormat(args.format)
  const horizonDays = parseWholeNumber(args.horizonDays, "--horizon-days", 7, 730)
  const churnWindowDays = parseWholeNumber(args.churnWindowDays, "--churn-window-days", 7, 730)
  const clvHorizonDays = parseWholeNumber(args.clvHorizonDays, "--clv-horizon-days", 30, 3650)
  const seed = parseWholeNumber(args.seed, "--seed", 0, 2 ** 31 - 1)
  const trials = parseWholeNumber(args.trials, "--trials", 3, 200)
  const listSize = parseWholeNumber(args.listSize, "--list-size", 1, 100)
  const asOfArg = args.asOf === undefined ? undefined : parseDay(args.asOf, "--as-of")
  const map = parseColumnMap(args.map)
  const location = parseDb(args.db)
  checkReadableFile(args.orders, "--orders")
  if (args.report) checkWritableFile(args.report, "--report")

  const started = performance.now()
  const progress = createProgress()
  progress.start("reading", statSync(args.orders).size)
  const { history, summary } = await readOrders(createReadStream(args.orders), {
    format,
    map,
    asOf: asOfArg,
    onProgress: (bytes) => progress.update(bytes),
  })
  progress.stop()
  if (history.lines.length === 0) throw new UsageError(`--orders: no usable order lines in ${args.orders}${asOfArg ? " before --as-of" : ""}`)
  // default as-of: the day after the last line, at 00:00 UTC
  const asOf = asOfArg ?? Math.floor(history.lastAt / DAY_MS) * DAY_MS + DAY_MS

  const store = new MlStore(await openMlDataSource(location, { migrate: true }))
  try {
    const run = await store.createTrainingRun("cli")
    try {
      await store.updateTrainingRun(run.id, { status: "running", startedAt: new Date(), stage: "training" })
      // the same thresholds a store gets by default (the plugin's `readiness` options)
      const readiness = checkReadiness(history, asOf, parsePluginOptions({}).readiness)
      if (!readiness.ready) throw new NotEnoughDataError(readiness.missing)
      const result = await trainCustomerModels(history, {
        asOf,
        horizonDays,
        churnWindowDays,
        clvHorizonDays,
        seed,
        trials,
        onProgress: (stage, fraction) => (fraction === 0 ? progress.start(stage, 100) : progress.update(fraction * 100)),
      })
      const recommendations =
        history.products.size >= 2
          ? trainRecommendations(history, {
              asOf,
              seed,
              limit: listSize,
              onProgress: (fraction) => (fraction === 0 ? progress.start("recommend", 100) : progress.update(fraction * 100)),
            })
          : null
      progress.stop()
      const report = {
        data: { ...dataSummary(summary, args.orders, format), readiness: readiness.figures },
        ...result.report,
        recommendations: recommendations?.report ?? { skipped: "the orders name fewer than two products" },
        resources: { wallMs: 0, peakRssMb: 0 },
      }
      // customer scores and lists replace their champions together, or not at all
      const saveOptions = { asOf, trainingRunId: run.id, promote: true }
      const [version] = await store.saveModelVersions([
        customerScoresVersion(result, saveOptions),
        ...(recommendations ? [recommendationsVersion(recommendations, saveOptions)] : []),
      ])
      // measured by this process: the whole command, from reading to the stored results
      report.resources = { wallMs: Math.round(performance.now() - started), peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024) }
      if (args.report) writeFileSync(args.report, JSON.stringify(report, null, 2))
      await store.updateTrainingRun(run.id, {
        status: "succeeded",
        stage: "done",
        progress: 1,
        finishedAt: new Date(),
        timings: result.report.timings,
        report: toJsonObject(report),
      })
      printTrainingSummary(io, { report, scores: result.scores, versionId: version.id, db: args.db, reportPath: args.report })
    } catch (error) {
      // the run says why; the previous champion stays as it was
      await store.updateTrainingRun(run.id, {
        status: error instanceof NotEnoughDataError ? "not_enough_data" : "failed",
        finishedAt: new Date(),
        error: error instanceof Error ? error.message : String(error),
      })
      throw error
    }
  } finally {
    progress.stop()
    await store.close()
  }
}

function parseFormat(value: string): OrderFormat {
  const format = ORDER_FORMATS.find((f) => f === value)
  if (!format) throw new UsageError(`--format: expected one of ${ORDER_FORMATS.join(", ")}, got "${value}"`)
  return format
}

function dataSummary(summary: ReadSummary, file: string, format: OrderFormat) {
  const dropped = Object.fromEntries(Object.entries(summary.dropped).filter(([, d]) => d.count > 0))
  return {
    file,
    format,
    linesRead: summary.linesRead,
    linesKept: summary.linesKept,
    afterAsOf: summary.afterAsOf,
    dropped,
    customers: summary.customers,
    orders: summary.orders,
    products: summary.products,
    firstLine: new Date(summary.firstAt).toISOString(),
    lastLine: new Date(summary.lastAt).toISOString(),
  }
}
