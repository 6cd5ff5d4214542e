/**
 * What each job does, for any process that consumes the queue (a Medusa worker, a
 * standalone `medusa-ml worker`). Each handler validates its payload (a bad one fails
 * at once, without retry, naming the field), delegates to the engine, and turns the
 * engine's "give up" errors into UnrecoverableError so BullMQ does not retry them.
 */
import { UnrecoverableError, type Job } from "bullmq"
import type { z } from "zod"
import { withoutErased } from "../engine/erased-history"
import type { HistoryLoader } from "../engine/history-source"
import { rescoreCustomers } from "../engine/rescore"
import { isGiveUp, runTraining } from "../engine/run-training"
import { claimTraining } from "../engine/training-claim"
import type { MlStore } from "../store/ml-store"
import { CHECK_READINESS_JOB, checkReadinessHandler } from "./check-readiness-job"
import { historyPerFlow } from "./history-per-flow"
import type { JobHandler, JobQueue } from "./job-queue"
import {
  InvalidPayloadError,
  JOB_NAMES,
  parsePayload,
  purgeCustomerPayloadSchema,
  purgeProductPayloadSchema,
  scoreAllPayloadSchema,
  scoreCustomersPayloadSchema,
  trainPayloadSchema,
  TRIGGERS,
} from "./payloads"

export interface ProcessorDeps {
  store: MlStore
  loadHistory: HistoryLoader
  /** After the champion's predictions changed (a promotion, a finished rescoring flow), e.g. to sync customer groups. */
  onScoresChanged?: () => Promise<void>
}

/** A flow's history snapshot is let go after this long without one of its chunks. */
const FLOW_SNAPSHOT_IDLE_MS = 5 * 60_000

export function createJobHandlers(given: ProcessorDeps): Record<string, JobHandler> {
  // every read leaves out the customers erased by then; their rows are also refused at write time
  const deps = { ...given, loadHistory: withoutErased(given.store, given.loadHistory) }
  const snapshots = historyPerFlow(deps.loadHistory, { idleMs: FLOW_SNAPSHOT_IDLE_MS })
  return {
    [JOB_NAMES.train]: (job, queue) => train(job, queue, deps),
    [JOB_NAMES.scoreCustomers]: (job, queue) => scoreCustomers(job, queue, deps.store, snapshots.forFlow(job.parent?.id)),
    [JOB_NAMES.scoreAll]: async (job) => {
      const payload = validated(job, scoreAllPayloadSchema)
      await deps.onScoresChanged?.()
      return { chunks: payload.chunks, customers: payload.customers }
    },
    [JOB_NAMES.purgeCustomer]: async (job) => {
      const { customerIds } = validated(job, purgeCustomerPayloadSchema)
      return deps.store.purgeCustomers(customerIds)
    },
    [JOB_NAMES.purgeProduct]: async (job) => {
      const { productIds } = validated(job, purgeProductPayloadSchema)
      return deps.store.purgeProducts(productIds)
    },
    [CHECK_READINESS_JOB]: checkReadinessHandler(deps),
  }
}

async function train(job: Job, queue: JobQueue, deps: ProcessorDeps) {
  let payload
  try {
    payload = parsePayload(job.name, trainPayloadSchema, job.data)
  } catch (error) {
    if (error instanceof InvalidPayloadError) await recordRejectedPayload(deps.store, job.data, error)
    throw unrecoverable(error)
  }
  const rememberRunId = async (runId: string) => {
    if (job.data.runId !== runId) await job.updateData({ ...job.data, runId })
  }
  const claim = await claimTraining(deps.store, payload, rememberRunId)
  if ("coalescedInto" in claim) return claim
  payload = claim.payload
  try {
    const outcome = await runTraining(payload, {
      store: deps.store,
      loadHistory: deps.loadHistory,
      onProgress: (stage, progress) => void job.updateProgress({ stage, progress }).catch(() => undefined),
      rememberRunId,
      finalAttempt: job.attemptsMade + 1 >= (job.opts.attempts ?? 1),
    })
    const { customerScores } = outcome.output.decisions
    // the champion stays: bring its predictions up to the new as-of, in chunks any worker may take
    if (customerScores && !customerScores.promote) {
      await queue.enqueueScoreFlow(outcome.output.scores.map((s) => s.customerId), payload.source, outcome.asOf)
    } else await deps.onScoresChanged?.()
    return { runId: outcome.run.id, versions: outcome.versions.map((v) => ({ id: v.id, task: v.task, status: v.status })) }
  } catch (error) {
    throw isGiveUp(error) ? unrecoverable(error) : error
  }
}

/**
 * A chunk of a flow (`job.parent`) reads the flow's snapshot and rescores its customers.
 * A batch after order events reads afresh and takes the waiting customers batch after
 * batch, until none are left (events that arrive meanwhile included).
 */
async function scoreCustomers(job: Job, queue: JobQueue, store: MlStore, loadHistory: HistoryLoader) {
  const payload = validated(job, scoreCustomersPayloadSchema)
  try {
    if (payload.customerIds) return { rescored: await rescoreCustomers(store, loadHistory, { ...payload, customerIds: payload.customerIds }) }
    let rescored = 0
    let batches = 0
    for (let customerIds = await queue.takePending(); customerIds.length > 0; customerIds = await queue.takePending()) {
      rescored += await rescoreCustomers(store, loadHistory, { ...payload, customerIds })
      batches += 1
    }
    return { rescored, batches }
  } catch (error) {
    throw isGiveUp(error) ? unrecoverable(error) : error
  }
}

function validated<S extends z.ZodType>(job: Job, schema: S): z.output<S> {
  try {
    return parsePayload(job.name, schema, job.data)
  } catch (error) {
    throw unrecoverable(error)
  }
}

function unrecoverable(error: unknown): UnrecoverableError {
  return new UnrecoverableError(error instanceof Error ? error.message : String(error))
}

/** A `train` payload that cannot run still leaves a run saying why (on the run it names, if any). */
async function recordRejectedPayload(store: MlStore, data: unknown, error: InvalidPayloadError): Promise<void> {
  const raw = (typeof data === "object" && data !== null ? data : {}) as Record<string, unknown>
  const trigger = TRIGGERS.find((t) => t === raw.trigger) ?? "event"
  const named = typeof raw.runId === "string" && raw.runId.length <= 40 ? await store.trainingRun(raw.runId) : null
  const run = named ?? (await store.createTrainingRun(trigger))
  await store.updateTrainingRun(run.id, { status: "failed", finishedAt: new Date(), error: error.message })
}
