/**
 * One log line per thing an operator needs from the job worker: when it starts and
 * stops, and each job's start and outcome (kind, id, trigger, run, attempt, duration).
 * Lines carry ids only, never a payload (a `score-customers` job holds customer ids),
 * and a failure's reason is cut short and has any URL's password hidden.
 */
import type { Job, Worker } from "bullmq"
import { redactUrl } from "../config/redact"
import { JOB_NAMES } from "./payloads"

/** The logger the lines go to: Medusa's (or the console). */
export interface JobLog {
  info(message: string): void
  warn(message: string): void
  error(message: string): void
}

/** What a line says about a job: ids and counts, nothing of its payload. */
export interface JobFacts {
  /** The job's name: `train`, `score-customers`, ... */
  kind: string
  id?: string
  /** What asked for a training (`job.data.trigger`); `train` jobs only. */
  trigger?: string
  /** The training run the job reports on (`job.data.runId`), once it has one. */
  runId?: string
  /** The flow a `score-customers` chunk belongs to. */
  parentId?: string
  /** This attempt's number, from 1. */
  attempt: number
  /** Attempts the job may make in all (`job.opts.attempts`). */
  attempts: number
}

export type JobEvent =
  | { kind: "worker-started"; queue: string; concurrency: number; workerName?: string }
  | { kind: "worker-stopping" }
  | { kind: "worker-stopped" }
  | { kind: "active"; job: JobFacts }
  | { kind: "completed"; job: JobFacts; durationMs: number }
  | { kind: "failed"; job: JobFacts; durationMs: number; reason: string; willRetry: boolean }
  | { kind: "stalled"; jobId: string }

export interface LogLine {
  level: keyof JobLog
  message: string
}

/** A failure's reason is cut to this many characters: enough for a message, never a dump. */
export const REASON_MAX_CHARS = 200

/** How the engine's NotEnoughDataError begins (src/core/errors.ts); the queue sees its message only. */
const NOT_ENOUGH_DATA = /^not enough data\b/

/** Ids from a payload are logged only when they look like ids (no spaces, newlines or lists). */
const ID_SHAPE = /^[\w.:-]{1,64}$/

/** The one line an event gives. */
export function formatJobEvent(event: JobEvent): LogLine {
  switch (event.kind) {
    case "worker-started": {
      const name = event.workerName ? `, name ${event.workerName}` : ""
      return { level: "info", message: `medusa-ml: job worker started (queue ${event.queue}, concurrency ${event.concurrency}${name})` }
    }
    case "worker-stopping":
      return { level: "info", message: "medusa-ml: job worker stopping: taking no new jobs, waiting for the running ones" }
    case "worker-stopped":
      return { level: "info", message: "medusa-ml: job worker stopped" }
    case "active":
      return { level: "info", message: `medusa-ml: job ${describe(event.job)} started (${details(event.job)})` }
    case "completed":
      return { level: "info", message: `medusa-ml: job ${describe(event.job)} completed in ${event.durationMs} ms (${details(event.job)})` }
    case "failed": {
      const retry = event.willRetry ? ", will retry" : ""
      const message = `medusa-ml: job ${describe(event.job)} failed after ${event.durationMs} ms${retry} (${details(event.job)}): ${shortReason(event.reason)}`
      // a retried attempt may still succeed, and a young store's "not enough data" is an
      // expected outcome (as inline); any other job that gave up needs someone to look
      return { level: event.willRetry || NOT_ENOUGH_DATA.test(event.reason) ? "warn" : "error", message }
    }
    case "stalled":
      return {
        level: "warn",
        message: `medusa-ml: job ${event.jobId} stalled (its worker stopped renewing the lock, e.g. the process was killed); it goes back to the queue`,
      }
  }
}

/** The facts of a job, for the attempt it is on (`attemptsMade` counts the attempts already finished). */
export function jobFacts(job: Pick<Job, "name" | "id" | "data" | "opts" | "attemptsMade" | "parent">, attemptsFinished = job.attemptsMade): JobFacts {
  const data = (typeof job.data === "object" && job.data !== null ? job.data : {}) as Record<string, unknown>
  const facts: JobFacts = { kind: job.name, id: job.id, attempt: attemptsFinished + 1, attempts: job.opts?.attempts ?? 1 }
  if (job.name === JOB_NAMES.train && idLike(data.trigger)) facts.trigger = data.trigger
  if (idLike(data.runId)) facts.runId = data.runId
  if (job.parent?.id) facts.parentId = job.parent.id
  return facts
}

/** The reason's first line, passwords hidden, cut to REASON_MAX_CHARS. */
export function shortReason(reason: string): string {
  const line = redactUrl(reason.split("\n", 1)[0] ?? "").trim() || "no reason given"
  return line.length > REASON_MAX_CHARS ? `${line.slice(0, REASON_MAX_CHARS - 1)}…` : line
}

/**
 * Logs the worker's start and stop and each job's start and outcome. BullMQ has no event
 * for a worker starting, so the worker's `run` is wrapped to note it.
 */
export function attachJobLogging(worker: Worker, log: JobLog): void {
  const write = (event: JobEvent) => {
    const line = formatJobEvent(event)
    log[line.level](line.message)
  }
  const run = worker.run.bind(worker)
  worker.run = () => {
    write({ kind: "worker-started", queue: worker.name, concurrency: worker.concurrency, workerName: worker.opts.name })
    return run()
  }
  worker.on("closing", () => write({ kind: "worker-stopping" }))
  worker.on("closed", () => write({ kind: "worker-stopped" }))
  // on "active" the attempt is not counted yet; on "completed" and "failed" it is
  worker.on("active", (job) => write({ kind: "active", job: jobFacts(job) }))
  worker.on("completed", (job) => write({ kind: "completed", job: jobFacts(job, job.attemptsMade - 1), durationMs: durationOf(job) }))
  worker.on("failed", (job, error) => {
    // BullMQ may give no job: a stalled one that failed for good and was removed at once
    if (!job) return log.error(`medusa-ml: a job failed: ${shortReason(error.message)}`)
    // BullMQ sets finishedOn only when a job fails for good; a retried one goes back to wait
    const willRetry = !job.finishedOn
    write({ kind: "failed", job: jobFacts(job, job.attemptsMade - 1), durationMs: durationOf(job), reason: error.message, willRetry })
  })
  worker.on("stalled", (jobId) => write({ kind: "stalled", jobId }))
}

function durationOf(job: Pick<Job, "processedOn" | "finishedOn">): number {
  return job.processedOn ? Math.max(0, (job.finishedOn ?? Date.now()) - job.processedOn) : 0
}

function describe(job: JobFacts): string {
  return job.id ? `${job.kind} ${job.id}` : job.kind
}

function details(job: JobFacts): string {
  const parts = [`attempt ${job.attempt}/${job.attempts}`]
  if (job.trigger) parts.push(`trigger ${job.trigger}`)
  if (job.runId) parts.push(`run ${job.runId}`)
  if (job.parentId) parts.push(`flow ${job.parentId}`)
  return parts.join(", ")
}

function idLike(value: unknown): value is string {
  return typeof value === "string" && ID_SHAPE.test(value)
}
