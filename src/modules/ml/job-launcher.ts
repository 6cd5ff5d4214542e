/**
 * How the Medusa side starts work: on the BullMQ queue when the plugin has Redis, or
 * inline in this process without it (development), through the same engine functions
 * the job handlers call.
 */
import { PAYLOAD_VERSION, trainPayloadSchema, type HistorySource, type TrainPayloadInput, type TrainingSettingsInput } from "../../queue/payloads"
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

export type Trigger = "admin" | "schedule" | "event"

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
      if (jobQueue) await jobQueue.enqueueTrain(this.payload(trigger), { debounceMs: this.debounceMs })
      return { runId: null }
    }
    const { run, active } = await store.startTrainingRun(trigger)
    if (active) throw new TrainingInProgressError(run)
    const payload = this.payload(trigger, run.id)
    if (jobQueue) await jobQueue.enqueueTrain(payload)
    else this.trainInline(payload)
    return { runId: run.id }
  }

  /** Rescores these customers soon with the champion's models. */
  async requestRescore(customerIds: string[]): Promise<void> {
    if (customerIds.length === 0) return
    const { jobQueue } = this.runtime
    if (jobQueue) return jobQueue.requestRescore(customerIds, STORE_SOURCE, this.debounceMs)
    this.background(rescoreCustomers(this.runtime.store, this.loader(), { source: STORE_SOURCE, customerIds }))
  }

  async purgeCustomers(customerIds: string[]): Promise<void> {
    if (customerIds.length === 0) return
    const { jobQueue, store } = this.runtime
    if (jobQueue) await jobQueue.enqueuePurgeCustomers(customerIds)
    else await store.purgeCustomers(customerIds)
  }

  async purgeProducts(productIds: string[]): Promise<void> {
    if (productIds.length === 0) return
    const { jobQueue, store } = this.runtime
    if (jobQueue) await jobQueue.enqueuePurgeProducts(productIds)
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
