/**
 * npm run bench:training — the cost of `medusa-ml train` against the size of the store.
 *
 * For each size (order lines; default 10k, 100k and 1M) a seeded simulated store
 * (simulateStore, 365 days, the default 200-product catalogue) is written as a generic CSV
 * into a temporary folder, with the number of customers chosen from a pilot store so that
 * the line count comes out near the size; the exact counts are printed. Then the real
 * command, `node bin/medusa-ml.js train`, trains on it in its own process with a fresh
 * SQLite database, one size at a time. Wall time and peak RSS are those the command
 * measures itself (the report's `resources`); where /usr/bin/time exists it also gives the
 * child's CPU seconds (user + sys), and its peak RSS when the command fails. Growth factors
 * are ratios from each size to the next within the same run. The temporary folder is
 * removed at the end. The machine may be shared: the 1-minute load average before and after
 * each run is printed beside the figures.
 *
 * Options: --sizes 10000,100000 (a subset), --trials N (passed to train; default: train's),
 * --timeout-minutes M per training run (default 240).
 */
import { spawn } from "node:child_process"
import { createWriteStream, existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs"
import { once } from "node:events"
import os from "node:os"
import path from "node:path"
import { simulateStore, writeOrdersCsv } from "../src/core/simulate"

const BIN = path.resolve(__dirname, "../bin/medusa-ml.js")
const GNU_TIME = "/usr/bin/time"
const DAYS = 365
const SEED = 42
const PILOT_CUSTOMERS = 2_000
const DEFAULT_SIZES = [10_000, 100_000, 1_000_000]

/** The process group of the training run in progress, killed with this process on Ctrl-C. */
let runningGroup: number | undefined

interface BenchOptions {
  sizes: number[]
  trials?: number
  timeoutMinutes: number
}

interface StoreCounts {
  lines: number
  orders: number
  customers: number
  products: number
}

interface TrainingRun {
  size: number
  store: StoreCounts
  ok: boolean
  /** How the run ended when it failed: exit code or signal, and the last lines of stderr. */
  failure?: string
  /** From the train report (measured by the command itself). */
  wallMs?: number
  peakRssMb?: number
  /** From /usr/bin/time, when present: the child's CPU seconds, elapsed seconds and peak RSS. */
  cpuSeconds?: number
  timeElapsedSeconds?: number
  timePeakRssMb?: number
  loadBefore: number
  loadAfter: number
}

function parseOptions(argv: readonly string[]): BenchOptions {
  const options: BenchOptions = { sizes: DEFAULT_SIZES, timeoutMinutes: 240 }
  for (let at = 0; at < argv.length; at += 2) {
    const [name, value] = [argv[at], argv[at + 1]]
    if (value === undefined) throw new Error(`${name}: a value is missing`)
    if (name === "--sizes") options.sizes = value.split(",").map((part) => wholeNumber(part, name, 100))
    else if (name === "--trials") options.trials = wholeNumber(value, name, 3)
    else if (name === "--timeout-minutes") options.timeoutMinutes = wholeNumber(value, name, 1)
    else throw new Error(`unknown option ${name} (expected --sizes, --trials or --timeout-minutes)`)
  }
  return options
}

function wholeNumber(text: string, name: string, min: number): number {
  const value = Number(text.trim())
  if (!Number.isInteger(value) || value < min) throw new Error(`${name}: expected a whole number >= ${min}, got "${text}"`)
  return value
}

/** Order lines per customer of the simulated store over DAYS, read off a pilot store. */
function linesPerCustomer(): number {
  return simulateStore({ customers: PILOT_CUSTOMERS, days: DAYS, seed: SEED }).lines.length / PILOT_CUSTOMERS
}

/** Lines of a store may differ from the target by this share before its customers are recounted. */
const SIZE_TOLERANCE = 0.03

/**
 * Simulates a store of about `size` lines (customers from the pilot's lines per customer,
 * corrected up to twice by the lines the store came out with) and writes it as a generic
 * CSV; returns its exact counts.
 */
async function writeStore(size: number, perCustomer: number, file: string): Promise<StoreCounts> {
  let customers = Math.max(1, Math.round(size / perCustomer))
  let { lines } = simulateStore({ customers, days: DAYS, seed: SEED })
  for (let correction = 0; correction < 2 && Math.abs(lines.length / size - 1) > SIZE_TOLERANCE; correction++) {
    customers = Math.max(1, Math.round((customers * size) / lines.length))
    lines = simulateStore({ customers, days: DAYS, seed: SEED }).lines
  }
  const out = createWriteStream(file)
  writeOrdersCsv(lines, (chunk) => out.write(chunk))
  out.end()
  await once(out, "finish")
  return {
    lines: lines.length,
    orders: new Set(lines.map((line) => line.orderId)).size,
    customers: new Set(lines.map((line) => line.customerId)).size,
    products: new Set(lines.map((line) => line.productId)).size,
  }
}

interface ChildExit {
  code: number | null
  signal: NodeJS.Signals | null
  stderr: string
  timedOut: boolean
}

/** Runs `command args` in its own process group, killing the whole group after `timeoutMs`. */
function runChild(command: string, args: string[], timeoutMs: number): Promise<ChildExit> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { detached: true, env: { ...process.env, NODE_OPTIONS: "" } })
    runningGroup = child.pid
    let stderr = ""
    let timedOut = false
    child.stdout.resume()
    child.stderr.on("data", (chunk) => (stderr = (stderr + chunk).slice(-20_000)))
    const timer = setTimeout(() => {
      timedOut = true
      if (child.pid !== undefined) stopRun(child.pid)
    }, timeoutMs)
    child.on("error", reject)
    child.on("exit", (code, signal) => {
      clearTimeout(timer)
      runningGroup = undefined
      resolve({ code, signal, stderr, timedOut })
    })
  })
}

/**
 * Kills the training process; when it runs under /usr/bin/time, only that process first (its
 * pid read from /proc), so that time still writes the peak RSS it reached. Then the group.
 */
function stopRun(group: number): void {
  const children = `/proc/${group}/task/${group}/children`
  const pids = existsSync(children) ? readFileSync(children, "utf8").trim().split(/\s+/).filter(Boolean) : []
  for (const pid of pids) killQuietly(Number(pid))
  setTimeout(() => killQuietly(-group), pids.length > 0 ? 2_000 : 0)
}

/** SIGKILL to a pid (or a group, negative), when it has not already exited. */
function killQuietly(pid: number): void {
  try {
    process.kill(pid, "SIGKILL")
  } catch {
    // already gone
  }
}

/** GNU time's -f line "%e %U %S %M": elapsed s, user s, sys s, peak RSS KB. */
function readGnuTime(file: string): Pick<TrainingRun, "cpuSeconds" | "timeElapsedSeconds" | "timePeakRssMb"> {
  if (!existsSync(file)) return {}
  const last = readFileSync(file, "utf8").trim().split("\n").pop() ?? ""
  const [elapsed, user, sys, rssKb] = last.split(" ").map(Number)
  if (![elapsed, user, sys, rssKb].every(Number.isFinite)) return {}
  return { timeElapsedSeconds: elapsed, cpuSeconds: user + sys, timePeakRssMb: rssKb / 1024 }
}

async function train(size: number, store: StoreCounts, csv: string, work: string, options: BenchOptions): Promise<TrainingRun> {
  const report = path.join(work, `report-${size}.json`)
  const timing = path.join(work, `time-${size}.txt`)
  const trainArgs = [BIN, "train", "--orders", csv, "--format", "generic", "--db", `sqlite:${path.join(work, `ml-${size}.db`)}`, "--report", report]
  if (options.trials !== undefined) trainArgs.push("--trials", String(options.trials))
  const withTime = existsSync(GNU_TIME)
  const [command, args] = withTime
    ? [GNU_TIME, ["-f", "%e %U %S %M", "-o", timing, process.execPath, ...trainArgs]]
    : [process.execPath, trainArgs]
  const loadBefore = os.loadavg()[0]
  const exit = await runChild(command, args, options.timeoutMinutes * 60_000)
  const measured = { size, store, loadBefore, loadAfter: os.loadavg()[0], ...(withTime ? readGnuTime(timing) : {}) }
  if (exit.code === 0 && existsSync(report)) {
    const { resources } = JSON.parse(readFileSync(report, "utf8")) as { resources: { wallMs: number; peakRssMb: number } }
    return { ...measured, ok: true, wallMs: resources.wallMs, peakRssMb: resources.peakRssMb }
  }
  const how = exit.timedOut ? `killed after ${options.timeoutMinutes} min` : `exit ${exit.code ?? exit.signal}`
  const tail = exit.stderr.trim().split("\n").slice(-5).join(" / ")
  return { ...measured, ok: false, failure: `${how}: ${tail}` }
}

const ratio = (later: number | undefined, earlier: number | undefined): string =>
  later === undefined || earlier === undefined ? "" : `${(later / earlier).toFixed(2)}x`
const fixed = (value: number | undefined, digits: number): string => (value === undefined ? "" : value.toFixed(digits))
const count = (value: number): string => value.toLocaleString("en")

function printTable(runs: readonly TrainingRun[]): void {
  console.log("| lines | orders | customers | products | wall s | peak RSS MB | CPU s | growth from previous: lines / wall / RSS / CPU |")
  console.log("|---|---|---|---|---|---|---|---|")
  runs.forEach((run, at) => {
    const before = runs[at - 1]
    const growth = before
      ? `${ratio(run.store.lines, before.store.lines)} / ${ratio(run.wallMs, before.wallMs)} / ${ratio(run.peakRssMb, before.peakRssMb)} / ${ratio(run.cpuSeconds, before.cpuSeconds)}`
      : ""
    const { lines, orders, customers, products } = run.store
    const wall = run.ok ? fixed(run.wallMs === undefined ? undefined : run.wallMs / 1000, 1) : "failed"
    const rss = run.ok ? fixed(run.peakRssMb, 0) : run.timePeakRssMb === undefined ? "" : `${fixed(run.timePeakRssMb, 0)} when it ended`
    console.log(
      `| ${count(lines)} | ${count(orders)} | ${count(customers)} | ${products} | ${wall} | ${rss} | ${fixed(run.cpuSeconds, 1)} | ${growth} |`,
    )
  })
  for (const run of runs) {
    const time = run.timeElapsedSeconds === undefined ? "" : `; /usr/bin/time: ${run.timeElapsedSeconds.toFixed(1)} s elapsed, ${fixed(run.timePeakRssMb, 0)} MB peak RSS`
    console.log(`${count(run.store.lines)} lines: 1-min load average ${run.loadBefore.toFixed(2)} before, ${run.loadAfter.toFixed(2)} after${time}`)
    if (!run.ok) console.log(`${count(run.store.lines)} lines FAILED (${run.failure})`)
  }
}

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2))
  const work = mkdtempSync(path.join(os.tmpdir(), "medusa-ml-training-"))
  const cleanUp = (): void => rmSync(work, { recursive: true, force: true })
  process.once("SIGINT", () => {
    if (runningGroup !== undefined) process.kill(-runningGroup, "SIGKILL")
    cleanUp()
    process.exit(130)
  })
  try {
    const perCustomer = linesPerCustomer()
    console.log(
      `simulated stores: ${DAYS} days, seed ${SEED}, ${perCustomer.toFixed(2)} lines per customer in a ${count(PILOT_CUSTOMERS)}-customer pilot; ` +
        `train ${options.trials === undefined ? "with its default trials" : `--trials ${options.trials}`}; ` +
        `${os.cpus().length} cores, ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB, node ${process.version}`,
    )
    const runs: TrainingRun[] = []
    for (const size of [...options.sizes].sort((a, b) => a - b)) {
      const csv = path.join(work, `orders-${size}.csv`)
      const store = await writeStore(size, perCustomer, csv)
      console.log(`training on ${count(store.lines)} lines (${count(store.customers)} customers)…`)
      const run = await train(size, store, csv, work, options)
      runs.push(run)
      rmSync(csv, { force: true })
      console.log(
        run.ok
          ? `  ${fixed((run.wallMs ?? 0) / 1000, 1)} s wall, ${fixed(run.peakRssMb, 0)} MB peak RSS, ${fixed(run.cpuSeconds, 1)} CPU s`
          : `  failed: ${run.failure}`,
      )
    }
    console.log("")
    printTable(runs)
    if (runs.some((run) => !run.ok)) process.exitCode = 1
  } finally {
    cleanUp()
  }
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error)
  process.exit(1)
})
