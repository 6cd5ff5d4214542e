/**
 * The one interface between the plugin's jobs and what runs them. The handlers
 * (`job-handlers.ts`) are the same everywhere; a runner only decides where a job runs:
 * on the BullMQ queue, which any worker process may take from (`src/queue`), or in this
 * process (`inline-runner.ts`: the CLI, a store without Redis). Handlers receive the
 * narrow context below, never the runner itself.
 */
import type { CheckReadinessPayloadInput, HistorySource, TrainPayloadInput } from "./payloads"

/** How a burst of requests coalesces: one job `debounceMs` after the last, but never later than `maxWaitMs` after the first. */
export interface Debounce {
  debounceMs: number
  maxWaitMs: number
}

/** Customers per `score-customers` chunk of a flow, and per batch taken after order events. */
export const SCORE_CHUNK = 2_000

/** Work a job may ask for after its own: the runner decides where and when it runs. */
export interface FollowUpWork {
  /** Rescores these customers with the champion at `asOf`, in chunks (any worker may take one). */
  rescoreAll(customerIds: string[], source: HistorySource, asOf?: number): Promise<void>
  /** Takes up to one batch of the customers waiting for a rescore after order events (each is taken once). */
  takePending(): Promise<string[]>
}

/** What a handler knows of the job it runs. */
export interface JobContext {
  /** This attempt, from 1. */
  attempt: number
  /** Attempts the job has in all; the last one records a failure for good. */
  attempts: number
  /** Why the attempt before this one failed, when the runner knows (a retry). */
  previousFailure?: string
  /** The flow this job is a chunk of: the chunks of one flow share one read of the store. */
  flowId?: string
  /** Stage and overall fraction of a training, as they change. */
  reportProgress(stage: string, progress: number): void
  /** Keeps the run id with the job, so a retry continues the same run. */
  rememberRunId(runId: string): Promise<void>
  followUp: FollowUpWork
}

/**
 * Runs one job from its raw payload. It throws an error `isFinal` recognises when a
 * retry would fail the same way (a bad payload, not enough data).
 */
export type JobHandler = (data: unknown, context: JobContext) => Promise<unknown>

/** Where the plugin's work starts: the same handlers and stored results on either runner. */
export interface JobRunner {
  readonly kind: "bullmq" | "inline"
  /** Whether work handed over now would start (the queue's Redis answers). */
  reachable(): Promise<boolean>
  /** A training; with `debounce`, a burst of requests gives one. */
  enqueueTrain(payload: TrainPayloadInput, options?: { debounce?: Debounce }): Promise<unknown>
  /** These customers are rescored soon, in one batch with the others waiting. */
  requestRescore(customerIds: string[], source: HistorySource, debounce?: Debounce): Promise<void>
  /** Every one of these customers is rescored at `asOf`, chunk by chunk, then `score-all` ends the flow. */
  enqueueScoreFlow(customerIds: string[], source: HistorySource, asOf?: number): Promise<unknown>
  /** A readiness check, unless one already waits or runs: requests meanwhile give one check. */
  requestReadinessCheck(payload: CheckReadinessPayloadInput): Promise<void>
}
