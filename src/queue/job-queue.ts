import { FlowProducer, Queue, UnrecoverableError, Worker, type Job, type JobsOptions } from "bullmq"
import type IORedis from "ioredis"
import { DEFAULT_EVENT_MAX_WAIT_SECONDS } from "../config/plugin-options"
import { isFinal } from "../engine/job-handlers"
import { SCORE_CHUNK, type Debounce, type JobContext, type JobHandler, type JobRunner } from "../engine/job-runner"
import { createRedisConnection, redisAnswers } from "./connection"
import { JOB_NAMES, PAYLOAD_VERSION, type CheckReadinessPayloadInput, type HistorySource, type TrainPayloadInput } from "./payloads"

export { SCORE_CHUNK, type Debounce } from "../engine/job-runner"

/** The plugin's one queue; jobs are told apart by name. Keys live under the plugin's own prefix. */
export const ML_QUEUE_NAME = "ml-jobs"

export interface JobQueueOptions {
  redisUrl: string
  prefix: string
  /** Whether this process consumes jobs (Medusa's "worker" and "shared" modes). */
  consume: boolean
  /** The engine's handlers by job name (`createJobHandlers`); a producer-only queue may pass none. */
  handlers: Partial<Record<string, JobHandler>>
  onWorkerError?: (error: Error) => void
  /**
   * How long a worker holds a job before another may take it over, if the first one
   * stops renewing its lock (a killed process). @defaultValue 30000
   */
  lockDurationMs?: number
  /** Jobs this process runs at once. @defaultValue 1 */
  concurrency?: number
  /** Recorded on every job this worker takes (BullMQ's `job.processedBy`): which process ran it. */
  workerName?: string
  /** Customers per chunk of a rescoring flow, and per batch taken from the pending set. @defaultValue 2000 (SCORE_CHUNK) */
  pendingBatch?: number
}

/** Attempts and backoff of every job: transient errors (a lost connection) retry, 5 s, 10 s, 20 s apart. */
export const JOB_DEFAULTS: JobsOptions = {
  attempts: 4,
  backoff: { type: "exponential", delay: 5_000 },
  removeOnComplete: { count: 500 },
  removeOnFail: { count: 2_000 },
}

/** The plugin options' defaults: events within 30 s of each other give one `train` (or one rescore batch), at most 2 minutes after the first. */
export const DEFAULT_DEBOUNCE: Debounce = { debounceMs: 30_000, maxWaitMs: DEFAULT_EVENT_MAX_WAIT_SECONDS * 1000 }

/** The deduplication id of the one readiness check that may wait or run at a time. */
const READINESS_CHECK_ID = "check-readiness"

/** The deduplication id of the one job that takes the customers waiting after order events. */
const PENDING_RESCORE_ID = "score-pending"

/**
 * The BullMQ side of the plugin: a queue every process can add to, and (only in
 * worker or shared mode) a worker created stopped, started by `start()` once the
 * application is up, and closed before shutdown.
 */
export class JobQueue implements JobRunner {
  readonly kind = "bullmq" as const
  readonly queue: Queue
  readonly worker: Worker | null
  private readonly flows: FlowProducer
  private readonly connection: IORedis
  private readonly workerConnection: IORedis | null

  constructor(private readonly options: JobQueueOptions) {
    this.connection = createRedisConnection(options.redisUrl)
    this.queue = new Queue(ML_QUEUE_NAME, { connection: this.connection, prefix: options.prefix, defaultJobOptions: JOB_DEFAULTS })
    this.flows = new FlowProducer({ connection: this.connection, prefix: options.prefix })
    // a worker blocks its connection while it waits for jobs: give it its own
    this.workerConnection = options.consume ? createRedisConnection(options.redisUrl) : null
    this.worker = this.workerConnection
      ? new Worker(ML_QUEUE_NAME, (job) => this.dispatch(job), {
          connection: this.workerConnection,
          prefix: options.prefix,
          autorun: false,
          name: options.workerName,
          concurrency: options.concurrency ?? 1,
          lockDuration: options.lockDurationMs ?? 30_000,
          stalledInterval: Math.max(1_000, Math.floor((options.lockDurationMs ?? 30_000) / 2)),
        })
      : null
    if (this.worker && options.onWorkerError) this.worker.on("error", options.onWorkerError)
  }

  /** Starts consuming. `run()` resolves only when the worker closes, so it is not awaited. */
  start(): void {
    if (!this.worker) return
    this.worker.run().catch((error: Error) => this.options.onWorkerError?.(error))
  }

  get consuming(): boolean {
    return this.worker?.isRunning() ?? false
  }

  get prefix(): string {
    return this.options.prefix
  }

  async reachable(): Promise<boolean> {
    return redisAnswers(this.connection)
  }

  /**
   * Adds a `train` job. With `debounce`, a burst of calls gives one job: each call
   * replaces the waiting one and pushes its start back, up to the maximum wait.
   */
  async enqueueTrain(payload: TrainPayloadInput, options: { debounce?: Debounce } = {}): Promise<Job> {
    if (!options.debounce) return this.queue.add(JOB_NAMES.train, payload)
    return this.addDebounced(JOB_NAMES.train, payload, JOB_NAMES.train, options.debounce)
  }

  /**
   * Asks for these customers to be rescored soon: their ids wait in a set, and one
   * debounced `score-customers` job takes them, batch after batch until none are left.
   */
  async requestRescore(customerIds: string[], source: HistorySource, debounce: Debounce = DEFAULT_DEBOUNCE): Promise<void> {
    if (customerIds.length === 0) return
    await this.connection.sadd(this.pendingKey, ...customerIds)
    await this.addDebounced(JOB_NAMES.scoreCustomers, { version: PAYLOAD_VERSION, source }, PENDING_RESCORE_ID, debounce)
  }

  /**
   * BullMQ deduplication in debounce mode (replace + extend), with a maximum wait: the
   * first request of a burst notes when it came (a key that expires after the maximum
   * wait, and is dropped when the job starts), and each later one sets the delay to the
   * debounce or to what is left of the maximum wait, whichever is shorter. Replace alone
   * would push the job back for as long as requests keep coming. A request while the
   * job runs is kept and run after it (`keepLastIfActive`), so none is lost.
   */
  private async addDebounced(name: string, data: object, id: string, { debounceMs, maxWaitMs }: Debounce): Promise<Job> {
    const firstKey = this.firstRequestKey(id)
    const now = Date.now()
    await this.connection.set(firstKey, String(now), "PX", maxWaitMs, "NX")
    const first = Number((await this.connection.get(firstKey)) ?? now)
    const delay = Math.max(0, Math.min(debounceMs, first + maxWaitMs - now))
    return this.queue.add(name, data, { delay, deduplication: { id, ttl: debounceMs, extend: true, replace: true, keepLastIfActive: true } })
  }

  /** Takes up to `count` waiting customer ids (each is taken once). */
  async takePending(count = this.options.pendingBatch ?? SCORE_CHUNK): Promise<string[]> {
    return (await this.connection.spop(this.pendingKey, count)) ?? []
  }

  async pendingCount(): Promise<number> {
    return this.connection.scard(this.pendingKey)
  }

  /**
   * Rescores many customers as a flow: one `score-customers` child per chunk, which any
   * worker may take, under a parent that completes when all of them have.
   */
  async enqueueScoreFlow(customerIds: string[], source: HistorySource, asOf?: number, chunk = this.options.pendingBatch ?? SCORE_CHUNK): Promise<string> {
    const children = []
    for (let start = 0; start < customerIds.length; start += chunk) {
      children.push({
        name: JOB_NAMES.scoreCustomers,
        queueName: ML_QUEUE_NAME,
        data: { version: PAYLOAD_VERSION, source, customerIds: customerIds.slice(start, start + chunk), asOf },
        opts: JOB_DEFAULTS,
      })
    }
    const flow = await this.flows.add({
      name: JOB_NAMES.scoreAll,
      queueName: ML_QUEUE_NAME,
      data: { version: PAYLOAD_VERSION, chunks: children.length, customers: customerIds.length },
      opts: JOB_DEFAULTS,
      children,
    })
    return flow.job.id ?? ""
  }

  /** A readiness check, unless one waits or runs (BullMQ deduplication until it ends): requests meanwhile give one job. */
  async requestReadinessCheck(payload: CheckReadinessPayloadInput): Promise<void> {
    await this.queue.add(JOB_NAMES.checkReadiness, payload, { deduplication: { id: READINESS_CHECK_ID } })
  }

  async enqueuePurgeCustomers(customerIds: string[]): Promise<Job> {
    return this.queue.add(JOB_NAMES.purgeCustomer, { version: PAYLOAD_VERSION, customerIds })
  }

  async enqueuePurgeProducts(productIds: string[]): Promise<Job> {
    return this.queue.add(JOB_NAMES.purgeProduct, { version: PAYLOAD_VERSION, productIds })
  }

  /** Stops taking new jobs and waits for the running ones. */
  async stopWorker(): Promise<void> {
    await this.worker?.close()
  }

  async close(): Promise<void> {
    try {
      await this.stopWorker()
      await this.flows.close()
      await this.queue.close()
    } finally {
      this.connection.disconnect()
      this.workerConnection?.disconnect()
    }
  }

  private get pendingKey(): string {
    return `${this.options.prefix}:${ML_QUEUE_NAME}:pending-rescore`
  }

  private firstRequestKey(deduplicationId: string): string {
    return `${this.options.prefix}:${ML_QUEUE_NAME}:first-request:${deduplicationId}`
  }

  private async dispatch(job: Job): Promise<unknown> {
    const handler = this.options.handlers[job.name]
    if (!handler) throw new UnrecoverableError(`unknown job "${job.name}"`)
    // a debounced job that starts ends its burst: the next request starts a new maximum wait
    const deduplicationId = job.opts.deduplication?.id
    if (deduplicationId) await this.connection.del(this.firstRequestKey(deduplicationId))
    try {
      return await handler(job.data, this.contextOf(job))
    } catch (error) {
      // a retry would fail the same way: fail the job now, without retry
      throw isFinal(error) ? new UnrecoverableError(error instanceof Error ? error.message : String(error)) : error
    }
  }

  private contextOf(job: Job): JobContext {
    return {
      attempt: job.attemptsMade + 1,
      attempts: job.opts.attempts ?? 1,
      // a retried job keeps its last error; when a worker ever stopped on it (a start without
      // a failure), which attempt that error belongs to is unknown, so none is passed on
      previousFailure: job.attemptsMade > 0 && job.attemptsStarted - 1 === job.attemptsMade ? job.failedReason || undefined : undefined,
      flowId: job.parent?.id,
      reportProgress: (stage, progress) => void job.updateProgress({ stage, progress }).catch(() => undefined),
      rememberRunId: async (runId) => {
        if (job.data.runId !== runId) await job.updateData({ ...job.data, runId })
      },
      followUp: {
        rescoreAll: async (customerIds, source, asOf) => void (await this.enqueueScoreFlow(customerIds, source, asOf)),
        takePending: () => this.takePending(),
      },
    }
  }
}
