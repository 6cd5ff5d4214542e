/**
 * How the Medusa side starts work, through the runtime's job runner: the BullMQ queue
 * when the plugin has Redis, this process without it (development). Both run the same
 * handlers, so what follows a training and what a rescore reads is decided once, in
 * the engine.
 */
import type { Trigger as TrainTrigger } from "../../engine/names"
import { PAYLOAD_VERSION, type HistorySource, type TrainPayloadInput, type TrainingSettingsInput } from "../../engine/payloads"
import { MedusaError } from "@medusajs/framework/utils"
import { eventDebounce } from "../../config/plugin-options"
import { redactUrl } from "../../config/redact"
import { withoutErased } from "../../engine/erased-history"
import { historyLoader } from "../../engine/history-source"
import type { Debounce } from "../../engine/job-runner"
import type { TrainingRun } from "../../models"
import type { MlRuntime } from "./runtime"
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
  constructor(private readonly runtime: MlRuntime) {}

  private get debounce(): Debounce {
    return eventDebounce(this.runtime.options)
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
    const { store, runner } = this.runtime
    if (trigger === "event") {
      if (runner.kind === "bullmq") await onQueue("the training", () => runner.enqueueTrain(this.payload(trigger), { debounce: this.debounce }))
      return { runId: null }
    }
    // without Redis a job would wait in the client until it is back, and the caller (an admin's request) with it
    if (!(await runner.reachable())) throw new QueueUnreachableError()
    const { run, active } = await store.startTrainingRun(trigger)
    if (active) throw new TrainingInProgressError(run)
    await this.enqueueOrFailRun(this.payload(trigger, run.id), run.id)
    return { runId: run.id }
  }

  /** A run whose job could not be queued is failed, so it does not block the next trainings as "queued". */
  private async enqueueOrFailRun(payload: TrainPayloadInput, runId: string): Promise<void> {
    try {
      await onQueue("the training", () => this.runtime.runner.enqueueTrain(payload))
    } catch (error) {
      await this.runtime.store.updateTrainingRun(runId, { status: "failed", finishedAt: new Date(), error: (error as Error).message })
      throw error
    }
  }

  /** Rescores these customers soon with the champion's models. */
  async requestRescore(customerIds: string[]): Promise<void> {
    if (customerIds.length === 0) return
    await onQueue("the rescoring", () => this.runtime.runner.requestRescore(customerIds, STORE_SOURCE, this.debounce))
  }

  /**
   * Erases deleted customers at once, in the plugin's own tables (never through the
   * queue: a purge must not wait for Redis, nor be lost with it).
   */
  async purgeCustomers(customerIds: string[]): Promise<void> {
    if (customerIds.length === 0) return
    await this.runtime.store.purgeCustomers(customerIds)
  }

  /** Erases deleted products at once, like customers. */
  async purgeProducts(productIds: string[]): Promise<void> {
    if (productIds.length === 0) return
    await this.runtime.store.purgeProducts(productIds)
  }

  /** Reads the store's orders as a training would, without the erased customers. */
  loader() {
    return withoutErased(this.runtime.store, historyLoader(storeHistoryReader(this.runtime.options)))
  }

  private payload(trigger: Trigger, runId?: string): TrainPayloadInput {
    return { version: PAYLOAD_VERSION, trigger, runId, source: STORE_SOURCE, settings: this.settings() }
  }
}
