import { hostname } from "node:os"
import type { Command } from "commander"
import { pluginOptionsSchema } from "../../config/plugin-options"
import { redactUrl } from "../../config/redact"
import { historyLoader } from "../../engine/history-source"
import { JobQueue, ML_QUEUE_NAME } from "../../queue/job-queue"
import { createJobHandlers } from "../../engine/job-handlers"
import { parseWholeNumber } from "../arguments"
import { UsageError, type CliIo } from "../io"
import { openStore } from "../with-store"
import { DEFAULT_DB } from "./train"

interface WorkerArgs {
  redis: string
  db: string
  prefix: string
  concurrency: string
  lockSeconds: string
  name: string
}

/**
 * `medusa-ml worker`: consume the plugin's queue outside Medusa, on orders-file jobs:
 * the same handlers a Medusa worker runs. Stops cleanly on SIGINT or SIGTERM, letting
 * the running job finish.
 */
export function registerWorker(program: Command, io: CliIo): void {
  program
    .command("worker")
    .description("run the plugin's BullMQ jobs (train, score-customers, purge-*) from Redis until stopped")
    .requiredOption("--redis <url>", "Redis of the queue, redis://…")
    .option("--db <url>", "where results are stored: sqlite:PATH or postgres://…", DEFAULT_DB)
    .option("--prefix <prefix>", "the queue's key prefix in Redis", "medusa-ml")
    .option("--concurrency <n>", "jobs run at once", "1")
    .option("--lock-seconds <n>", "how long a job stays locked to this worker without a renewal (a killed worker's job is taken over after it)", "30")
    .option("--name <name>", "recorded on every job this worker runs (the job's processedBy)", `${hostname()}:${process.pid}`)
    .action((args: WorkerArgs) => runWorker(args, io))
}

async function runWorker(args: WorkerArgs, io: CliIo): Promise<void> {
  const options = pluginOptionsSchema.pick({ redisUrl: true, queuePrefix: true }).safeParse({ redisUrl: args.redis, queuePrefix: args.prefix })
  if (!options.success) {
    const issue = options.error.issues[0]
    throw new UsageError(`${issue.path[0] === "redisUrl" ? "--redis" : "--prefix"}: ${issue.message}`)
  }
  const concurrency = parseWholeNumber(args.concurrency, "--concurrency", 1, 16)
  const lockSeconds = parseWholeNumber(args.lockSeconds, "--lock-seconds", 2, 3600)
  const store = await openStore(args.db, { migrate: true })
  const queue = new JobQueue({
    redisUrl: args.redis,
    prefix: args.prefix,
    consume: true,
    concurrency,
    lockDurationMs: lockSeconds * 1000,
    workerName: args.name,
    handlers: createJobHandlers({ store, loadHistory: historyLoader() }),
    onWorkerError: (error) => io.err(`medusa-ml worker: ${redactUrl(error.message)}\n`),
  })
  queue.worker?.on("failed", (job, error) => io.err(`medusa-ml worker: job ${job?.name} ${job?.id} failed: ${redactUrl(error.message)}\n`))
  queue.worker?.on("completed", (job) => io.out(`job ${job.name} ${job.id} completed\n`))
  queue.start()
  io.out(`medusa-ml worker: consuming ${ML_QUEUE_NAME} under prefix ${args.prefix} on ${redactUrl(args.redis)}; results in ${redactUrl(args.db)}\n`)
  await new Promise<void>((resolve) => {
    const stop = () => resolve()
    process.once("SIGINT", stop)
    process.once("SIGTERM", stop)
  })
  io.out("medusa-ml worker: stopping after the running job\n")
  try {
    await queue.close()
  } finally {
    await store.close()
  }
}
