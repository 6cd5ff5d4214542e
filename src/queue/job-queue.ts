import { Queue, UnrecoverableError, Worker, type Job } from "bullmq"
import type IORedis from "ioredis"
import { createRedisConnection, redisAnswers } from "./connection"

/** The plugin's one queue; jobs are told apart by name. Keys live under the plugin's own prefix. */
export const ML_QUEUE_NAME = "ml-jobs"

/** Runs one job; throwing an UnrecoverableError fails it without retry. */
export type JobHandler = (job: Job) => Promise<unknown>

export interface JobQueueOptions {
  redisUrl: string
  prefix: string
  /** Whether this process consumes jobs (Medusa's "worker" and "shared" modes). */
  consume: boolean
  handlers: Record<string, JobHandler>
  onWorkerError?: (error: Error) => void
}

/**
 * The BullMQ side of the plugin: a queue every process can add to, and (only in
 * worker or shared mode) a worker created stopped, started by `start()` once the
 * application is up, and closed before shutdown.
 */
export class JobQueue {
  readonly queue: Queue
  readonly worker: Worker | null
  private readonly connection: IORedis
  private readonly workerConnection: IORedis | null

  constructor(private readonly options: JobQueueOptions) {
    this.connection = createRedisConnection(options.redisUrl)
    this.queue = new Queue(ML_QUEUE_NAME, { connection: this.connection, prefix: options.prefix })
    // a worker blocks its connection while it waits for jobs: give it its own
    this.workerConnection = options.consume ? createRedisConnection(options.redisUrl) : null
    this.worker = this.workerConnection
      ? new Worker(ML_QUEUE_NAME, (job) => this.dispatch(job), {
          connection: this.workerConnection,
          prefix: options.prefix,
          autorun: false,
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

  async reachable(): Promise<boolean> {
    return redisAnswers(this.connection)
  }

  /** Stops taking new jobs and waits for the running ones. */
  async stopWorker(): Promise<void> {
    await this.worker?.close()
  }

  async close(): Promise<void> {
    try {
      await this.stopWorker()
      await this.queue.close()
    } finally {
      this.connection.disconnect()
      this.workerConnection?.disconnect()
    }
  }

  private async dispatch(job: Job): Promise<unknown> {
    const handler = this.options.handlers[job.name]
    if (!handler) throw new UnrecoverableError(`unknown job "${job.name}"`)
    return handler(job)
  }
}
