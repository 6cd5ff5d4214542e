/**
 * Runs the plugin's jobs in this process, one at a time in the order they were asked
 * for: the runner of a store without Redis and of tests that compare it with BullMQ.
 * The handlers and their results are the queue's; what differs is only where they run:
 * no retries (one attempt), no delay (a rescore request runs as soon as the jobs before
 * it have), and follow-up work (a rescoring flow, the next pending batch) runs after the
 * job that asked for it.
 */
import type { JobContext, JobHandler, JobRunner } from "./job-runner"
import { SCORE_CHUNK } from "./job-runner"
import { JOB_NAMES, PAYLOAD_VERSION, type CheckReadinessPayloadInput, type HistorySource, type JobName, type TrainPayloadInput } from "./payloads"

export interface InlineRunnerOptions {
  /** A job started here failed (the caller is not waiting for it): log it. */
  onError: (error: unknown, job: JobName) => void
  /** Customers per rescoring chunk and per pending batch. @defaultValue SCORE_CHUNK */
  batch?: number
}

export class InlineRunner implements JobRunner {
  readonly kind = "inline" as const
  private readonly pending = new Set<string>()
  /** A pending-rescore job is waiting to start: a new request joins it instead of adding one. */
  private drainWaiting = false
  /** A readiness check waits or runs: a new request is the same check. */
  private checking = false
  private flows = 0
  private tail: Promise<void> = Promise.resolve()

  constructor(
    private readonly handlers: Record<JobName, JobHandler>,
    private readonly options: InlineRunnerOptions
  ) {}

  async reachable(): Promise<boolean> {
    return true
  }

  /** Runs a job after the ones already asked for, and resolves with its result (or its error). */
  run(name: JobName, data: unknown, flowId?: string): Promise<unknown> {
    const result = this.tail.then(() => this.handlers[name](data, this.context(flowId)))
    this.tail = result.then(
      () => undefined,
      () => undefined
    )
    return result
  }

  /** Resolves once every job asked for so far, and what they asked for, has run. */
  async idle(): Promise<void> {
    for (let seen: Promise<void> | null = null; seen !== this.tail; ) {
      seen = this.tail
      await seen
    }
  }

  async enqueueTrain(payload: TrainPayloadInput): Promise<void> {
    this.later(JOB_NAMES.train, payload)
  }

  async requestRescore(customerIds: string[], source: HistorySource): Promise<void> {
    if (customerIds.length === 0) return
    for (const id of customerIds) this.pending.add(id)
    if (this.drainWaiting) return
    this.drainWaiting = true
    this.later(JOB_NAMES.scoreCustomers, { version: PAYLOAD_VERSION, source }, undefined, () => {
      this.drainWaiting = false
    })
  }

  async enqueueScoreFlow(customerIds: string[], source: HistorySource, asOf?: number): Promise<void> {
    const chunk = this.options.batch ?? SCORE_CHUNK
    const flowId = `inline-flow-${++this.flows}`
    let chunks = 0
    for (let start = 0; start < customerIds.length; start += chunk, chunks++) {
      this.later(JOB_NAMES.scoreCustomers, { version: PAYLOAD_VERSION, source, customerIds: customerIds.slice(start, start + chunk), asOf }, flowId)
    }
    this.later(JOB_NAMES.scoreAll, { version: PAYLOAD_VERSION, chunks, customers: customerIds.length })
  }

  async requestReadinessCheck(payload: CheckReadinessPayloadInput): Promise<void> {
    if (this.checking) return
    this.checking = true
    this.later(JOB_NAMES.checkReadiness, payload, undefined, undefined, () => {
      this.checking = false
    })
  }

  /** Asks for a job without waiting for it; a failure goes to `onError`. `onStart` runs as it starts, `onEnd` once it ended. */
  private later(name: JobName, data: unknown, flowId?: string, onStart?: () => void, onEnd?: () => void): void {
    this.tail = this.tail
      .then(() => {
        onStart?.()
        return this.handlers[name](data, this.context(flowId))
      })
      .then(
        () => undefined,
        (error) => this.options.onError(error, name)
      )
      .finally(onEnd)
  }

  private context(flowId: string | undefined): JobContext {
    return {
      attempt: 1,
      attempts: 1,
      flowId,
      reportProgress: () => undefined,
      rememberRunId: async () => undefined,
      followUp: {
        rescoreAll: (customerIds, source, asOf) => this.enqueueScoreFlow(customerIds, source, asOf),
        takePending: async () => this.takePending(),
      },
    }
  }

  private takePending(): string[] {
    const batch: string[] = []
    for (const id of this.pending) {
      if (batch.length === (this.options.batch ?? SCORE_CHUNK)) break
      batch.push(id)
    }
    for (const id of batch) this.pending.delete(id)
    return batch
  }
}
