import { writeFileSync } from "node:fs"
import type { Command } from "commander"
import { ORDER_FORMATS, type OrderFormat } from "../../core/data"
import { InvalidInputError } from "../../core/errors"
import { withoutErased } from "../../engine/erased-history"
import { historyLoader, type HistoryLoader } from "../../engine/history-source"
import { afterTraining } from "../../engine/after-training"
import { rescoreCustomers } from "../../engine/rescore"
import { runTraining } from "../../engine/run-training"
import { JOB_NAMES, parsePayload, PAYLOAD_VERSION, trainPayloadSchema } from "../../engine/payloads"
import { TRAINING_BOUNDS } from "../../config/training-bounds"
import { checkReadableFile, checkWritableFile, parseColumnMap, parseDay, parseDb, parseWholeNumber } from "../arguments"
import { UsageError, type CliIo } from "../io"
import { createProgress } from "../progress"
import { openStore } from "../with-store"
import { printTrainingSummary } from "./train-summary"
import { skippedLists } from "../../engine/skipped-parts"

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
const NUMBER_DEFAULTS = Object.fromEntries(Object.entries(TRAINING_BOUNDS).map(([name, bound]) => [name, String(bound.default)])) as Record<
  keyof typeof TRAINING_BOUNDS,
  string
>

/** A numeric flag's value within the setting's bounds. */
const setting = (value: string, flag: string, name: keyof typeof TRAINING_BOUNDS) =>
  parseWholeNumber(value, flag, TRAINING_BOUNDS[name].min, TRAINING_BOUNDS[name].max)

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
    .option("--churn-window-days <n>", "no order within this many days = churned (default: the horizon)")
    .option("--clv-horizon-days <n>", "days of future value in the lifetime value", NUMBER_DEFAULTS.clvHorizonDays)
    .option("--db <url>", "where to store the results: sqlite:PATH or postgres://…", DEFAULT_DB)
    .option("--seed <n>", "seed of every random choice", NUMBER_DEFAULTS.seed)
    .option("--trials <n>", "candidate models tried per task", NUMBER_DEFAULTS.trials)
    .option("--list-size <n>", "products stored per recommendation list", NUMBER_DEFAULTS.listSize)
    .option("--report <file>", "write the full training report as JSON")
    .action((args: TrainArgs) => runTrain(args, io))
}

export async function runTrain(given: TrainArgs, io: CliIo): Promise<void> {
  const { churnWindowDays: _, ...numberDefaults } = NUMBER_DEFAULTS
  const args = { ...numberDefaults, ...given }
  const format = parseFormat(args.format)
  const settings = {
    horizonDays: setting(args.horizonDays, "--horizon-days", "horizonDays"),
    // the churn window follows the horizon unless given
    churnWindowDays: args.churnWindowDays === undefined ? undefined : setting(args.churnWindowDays, "--churn-window-days", "churnWindowDays"),
    clvHorizonDays: setting(args.clvHorizonDays, "--clv-horizon-days", "clvHorizonDays"),
    seed: setting(args.seed, "--seed", "seed"),
    trials: setting(args.trials, "--trials", "trials"),
    listSize: setting(args.listSize, "--list-size", "listSize"),
  }
  const asOf = args.asOf === undefined ? undefined : parseDay(args.asOf, "--as-of")
  const map = parseColumnMap(args.map)
  parseDb(args.db)
  checkReadableFile(args.orders, "--orders")
  if (args.report) checkWritableFile(args.report, "--report")

  const started = performance.now()
  // the same payload a `train` job carries; the CLI runs it inline
  const payload = parsePayload(JOB_NAMES.train, trainPayloadSchema, {
    version: PAYLOAD_VERSION,
    trigger: "cli",
    source: { kind: "orders-file", path: args.orders, format, map },
    asOf,
    settings,
  })
  const progress = createProgress()
  const store = await openStore(args.db, { migrate: true })
  try {
    let stage = ""
    const loadHistory = withoutErased(store, withoutRows(historyLoader()))
    const outcome = await runTraining(payload, {
      store,
      loadHistory,
      onProgress: (next, overall) => {
        if (next !== stage) progress.start((stage = next), 100)
        progress.update(overall * 100)
      },
    })
    // the engine's one rule of what follows: a champion that stayed is rescored at the new as-of
    await afterTraining(outcome, payload.source, {
      rescoreAll: async (customerIds, source, at) => void (await rescoreCustomers(store, loadHistory, { source, customerIds, asOf: at })),
    })
    progress.stop()
    const report = {
      ...outcome.output.report,
      data: outcome.data,
      skipped: outcome.output.skipped,
      recommendations: outcome.output.recommendationsReport ?? skippedLists(outcome.output.skipped),
      promotion: outcome.output.decisions,
      // measured by this process: the whole command, from reading to the stored results
      resources: { wallMs: Math.round(performance.now() - started), peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024) },
    }
    if (args.report) writeFileSync(args.report, JSON.stringify(report, null, 2))
    printTrainingSummary(io, {
      report: outcome.output.report,
      data: outcome.data,
      scores: outcome.output.scores,
      versions: outcome.versions,
      decisions: outcome.output.decisions,
      skipped: outcome.output.skipped,
      db: args.db,
      reportPath: args.report,
    })
  } finally {
    progress.stop()
    await store.close()
  }
}

/** The CLI names the file in a reading error, and an empty file as a usage problem. */
function withoutRows(load: HistoryLoader): HistoryLoader {
  return async (source, options) => {
    const loaded = await load(source, options).catch((error: unknown) => {
      // a file that cannot be read as its format: the one line names the file, then what and where
      if (error instanceof InvalidInputError && source.kind === "orders-file") {
        throw new InvalidInputError(`--orders ${source.path}: ${error.message}`, error.field)
      }
      throw error
    })
    if (loaded.history.lines.length === 0 && source.kind === "orders-file") {
      throw new UsageError(`--orders: no usable order lines in ${source.path}${options.asOf ? " before --as-of" : ""}`)
    }
    return loaded
  }
}

function parseFormat(value: string): OrderFormat {
  const format = ORDER_FORMATS.find((f) => f === value)
  if (!format) throw new UsageError(`--format: expected one of ${ORDER_FORMATS.join(", ")}, got "${value}"`)
  return format
}
