/**
 * How the Medusa side starts work: on the BullMQ queue when the plugin has Redis, or
 * inline in this process without it (development), through the same engine functions
 * the job handlers call.
 */
import type { Trigger as TrainTrigger } from "../../engine/names"
import { PAYLOAD_VERSION, trainPayloadSchema, type HistorySource, type TrainPayloadInput, type TrainingSettingsInput } from "../../queue/payloads"
import { MedusaError } from "@medusajs/framework/utils"
import { redactUrl } from "../../config/redact"
import { NotEnoughDataError } from "../../core/errors"
import { historyLoader } from "../../engine/history-source"
import { rescoreCustomers } from "../../engine/rescore"
import { runTraining } from "../../engine/run-training"
import type { TrainingRun } from "../../models"
import type { MlRuntime } from "./runtime"
import { syncGroupsLogged } from "./customer-groups"
import { storeHistoryReader } from "./store-source"

export const STORE_SOURCE: HistorySource = { kind: "store" }

/** A run is already queued or running: a second one would only repeat it. */
export class TrainingInProgressError extends Error {
  constructor(readonly run: TrainingRun) {
    super(`a training is already ${run.status} (run ${run.id})`)
    this.name = "TrainingInProgressError"
  }
}

/**
 * The job queue could not take the work (Redis unreachable, or refusing the plugin's
 * password). It carries the reason's words only: a Redis client's error keeps the
 * command it failed on, and for a refused password that is AUTH with the password, which
 * Medusa's logger would print (in development it prints error objects whole).
 */
export class JobQueueError extends MedusaError {
  constructor(message: string) {
    super(MedusaError.Types.UNEXPECTED_STATE, redactUrl(message))
  }
}

/** The queue's Redis does not answer: a training asked for now could not be queued. */
export class QueueUnreachableError extends JobQueueError {
  constructor() {
    super("the job queue's Redis is not reachable; no training was queued. Try again once it is back.")
  }
}

/** Runs a request to the queue; a failure is rethrown as a JobQueueError. */
async function onQueue<T>(what: string, request: () => Promise<T>): Promise<T> {
  try {
    return await request()
  } catch (error) {
    throw new JobQueueError(`could not queue ${what}: ${error instanceof Error ? error.message : String(error)}`)
  }
}

/** What can start a training inside Medusa (the CLI trains on its own). */
export type Trigger = Exclude<TrainTrigger, "cli">

export class JobLauncher {
  /** The inline training under way, so an inline store never trains twice at once. */
  private inlineTraining: Promise<unknown> | null = null

  constructor(private readonly runtime: MlRuntime) {}

  private get debounceMs(): number {
    return this.runtime.options.eventDebounceSeconds * 1000
  }

  /** The settings every training of this store uses, from the plugin's options. */
  settings(): TrainingSettingsInput {
    const o = this.runtime.options
    return {
      horizonDays: o.horizonDays,
      churnWindowDays: o.churnWindowDays,
      clvHorizonDays: o.clvHorizonDays,
      seed: o.seed,
      listSize: o.recommendations.limit,
      readiness: o.readiness,
    }
  }

  /**
   * Starts a training of the store's data. "admin" and "schedule" get a run at once (the
   * id to follow) and refuse while another is queued or running; "event" requests are
   * debounced into one job, and inline (without Redis) they are left to the nightly run.
   */
  async requestTraining(trigger: Trigger): Promise<{ runId: string | null }> {
    const { store, jobQueue } = this.runtime
    if (trigger === "event") {
      if (jobQueue) await onQueue("the training", () => jobQueue.enqueueTrain(this.payload(trigger), { debounceMs: this.debounceMs }))
      return { runId: null }
    }
    // without Redis a job would wait in the client until it is back, and the caller (an admin's request) with it
    if (jobQueue && !(await jobQueue.reachable())) throw new QueueUnreachableError()
    const { run, active } = await store.startTrainingRun(trigger)
    if (active) throw new TrainingInProgressError(run)
    const payload = this.payload(trigger, run.id)
    if (jobQueue) await this.enqueueOrFailRun(payload, run.id)
    else this.trainInline(payload)
    return { runId: run.id }
  }

  /** A run whose job could not be queued is failed, so it does not block the next trainings as "queued". */
  private async enqueueOrFailRun(payload: TrainPayloadInput, runId: string): Promise<void> {
    const jobQueue = this.runtime.jobQueue!
    try {
      await onQueue("the training", () => jobQueue.enqueueTrain(payload))
    } catch (error) {
      await this.runtime.store.updateTrainingRun(runId, { status: "failed", finishedAt: new Date(), error: (error as Error).message })
      throw error
    }
  }

  /** Rescores these customers soon with the champion's models. */
  async requestRescore(customerIds: string[]): Promise<void> {
    if (customerIds.length === 0) return
    const { jobQueue } = this.runtime
    if (jobQueue) return onQueue("the rescoring", () => jobQueue.requestRescore(customerIds, STORE_SOURCE, this.debounceMs))
    this.background(rescoreCustomers(this.runtime.store, this.loader(), { source: STORE_SOURCE, customerIds }))
  }

  async purgeCustomers(customerIds: string[]): Promise<void> {
    if (customerIds.length === 0) return
    const { jobQueue, store } = this.runtime
    if (jobQueue) await onQueue("the purge of customers", () => jobQueue.enqueuePurgeCustomers(customerIds))
    else await store.purgeCustomers(customerIds)
  }

  async purgeProducts(productIds: string[]): Promise<void> {
    if (productIds.length === 0) return
    const { jobQueue, store } = this.runtime
    if (jobQueue) await onQueue("the purge of products", () => jobQueue.enqueuePurgeProducts(productIds))
    else await store.purgeProducts(productIds)
  }

  /** Reads the store's orders as a training would. */
  loader() {
    return historyLoader(storeHistoryReader(this.runtime.options))
  }

  private payload(trigger: Trigger, runId?: string): TrainPayloadInput {
    return { version: PAYLOAD_VERSION, trigger, runId, source: STORE_SOURCE, settings: this.settings() }
  }

  private trainInline(payload: TrainPayloadInput): void {
    const run = (this.inlineTraining ?? Promise.resolve()).then(async () => {
      const outcome = await runTraining(trainPayloadSchema.parse(payload), { store: this.runtime.store, loadHistory: this.loader() })
      if (outcome.output.decisions.customerScores.promote) await syncGroupsLogged(this.runtime, this.runtime.log)
      else await rescoreCustomers(this.runtime.store, this.loader(), { source: STORE_SOURCE, customerIds: outcome.output.scores.map((s) => s.customerId), asOf: outcome.asOf })
    })
    this.inlineTraining = run.catch(() => undefined)
    this.background(run)
  }

  /** Inline work runs after the caller returns; a failure is logged (the run records it too). */
  private background(work: Promise<unknown>): void {
    work.catch((error: Error) =>
      // "not enough data" is an expected outcome of a young store, not a fault
      error instanceof NotEnoughDataError ? this.runtime.log.warn(`medusa-ml: ${error.message}`) : this.runtime.log.error(`medusa-ml: ${error.message}`)
    )
  }
}
