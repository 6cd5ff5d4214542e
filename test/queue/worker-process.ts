/**
 * A `medusa-ml worker` child process for the queue tests: started with a name (recorded
 * on every job it takes as BullMQ's processedBy), its output kept line by line, ready once
 * it says it is consuming, stopped with SIGTERM (or killed) at the end of a test.
 */
import { spawn, type ChildProcess } from "node:child_process"
import path from "node:path"
import { waitFor } from "./harness"

const BIN = path.resolve(__dirname, "../../bin/medusa-ml.js")

export interface WorkerProcess {
  name: string
  child: ChildProcess
  /** Every line the worker printed on stdout so far. */
  out: string[]
  /** Every line the worker printed on stderr so far. */
  err: string[]
  /** Ids of the jobs this process reports as completed ("job <name> <id> completed"). */
  completedJobIds(): string[]
  /** Resolves once the worker has said it is consuming the queue. */
  ready(timeoutMs?: number): Promise<void>
  alive(): boolean
  /** SIGTERM (the running job finishes), then SIGKILL after `graceMs`; resolves on exit. */
  stop(graceMs?: number): Promise<void>
}

export interface WorkerProcessOptions {
  name: string
  redisUrl: string
  db: string
  prefix: string
  lockSeconds?: number
  concurrency?: number
}

export function startWorkerProcess(options: WorkerProcessOptions): WorkerProcess {
  const args = [BIN, "worker", "--redis", options.redisUrl, "--db", options.db, "--prefix", options.prefix, "--name", options.name]
  if (options.lockSeconds) args.push("--lock-seconds", String(options.lockSeconds))
  if (options.concurrency) args.push("--concurrency", String(options.concurrency))
  const child = spawn(process.execPath, args, { stdio: ["ignore", "pipe", "pipe"] })
  const out: string[] = []
  const err: string[] = []
  collectLines(child.stdout!, out)
  collectLines(child.stderr!, err)
  const alive = () => child.exitCode === null && child.signalCode === null
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()))
  return {
    name: options.name,
    child,
    out,
    err,
    alive,
    completedJobIds: () => out.map((line) => /^job \S+ (\S+) completed$/.exec(line)?.[1]).filter((id): id is string => id !== undefined),
    ready: (timeoutMs = 60_000) =>
      waitFor(
        `worker ${options.name} to start consuming`,
        async () => {
          if (!alive()) throw new Error(`worker ${options.name} exited: ${err.join("\n")}`)
          return out.some((line) => line.includes("consuming")) ? true : undefined
        },
        timeoutMs,
        100
      ).then(() => undefined),
    stop: async (graceMs = 30_000) => {
      if (!alive()) return
      child.kill("SIGTERM")
      const timer = setTimeout(() => alive() && child.kill("SIGKILL"), graceMs)
      await exited
      clearTimeout(timer)
    },
  }
}

function collectLines(stream: NodeJS.ReadableStream, into: string[]): void {
  let partial = ""
  stream.setEncoding("utf8")
  stream.on("data", (chunk: string) => {
    const lines = (partial + chunk).split("\n")
    partial = lines.pop() ?? ""
    into.push(...lines)
  })
  stream.on("end", () => {
    if (partial) into.push(partial)
  })
}
