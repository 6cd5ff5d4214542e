/**
 * What each job does, whichever runner runs it (a BullMQ worker in a Medusa worker or a
 * standalone `medusa-ml worker`, or this process inline). Each handler validates its
 * payload (a bad one fails at once, naming the field) and delegates to the engine;
 * `isFinal` tells a runner which errors a retry would only repeat.
 */
import type { MlStore } from "../store/ml-store"
import { afterTraining } from "./after-training"
import { withoutErased } from "./erased-history"
import { historyPerFlow } from "./history-per-flow"
import type { HistoryLoader } from "./history-source"
import type { JobContext, JobHandler } from "./job-runner"
import {
  checkReadinessPayloadSchema,
  InvalidPayloadError,
  JOB_NAMES,
  parsePayload,
  purgeCustomerPayloadSchema,
  purgeProductPayloadSchema,
  scoreAllPayloadSchema,
  scoreCustomersPayloadSchema,
  trainPayloadSchema,
  TRIGGERS,
  type JobName,
} from "./payloads"
import { checkStoreReadiness } from "./readiness-check"
import { rescoreCustomers } from "./rescore"
import { isGiveUp, runTraining } from "./run-training"
import { claimTraining } from "./training-claim"

export interface JobHandlerDeps {
  store: MlStore
  loadHistory: HistoryLoader
  /** After the champion's predictions changed (a promotion, a finished rescoring flow), e.g. to sync customer groups. */
  onScoresChanged?: () => Promise<void>
}

/** A flow's history snapshot is let go after this long without one of its chunks. */
const FLOW_SNAPSHOT_IDLE_MS = 5 * 60_000

/** Whether a retry would fail the same way: a bad payload, not enough data, unusable input. */
export function isFinal(error: unknown): boolean {
  return error instanceof InvalidPayloadError || isGiveUp(error)
}

export function createJobHandlers(given: JobHandlerDeps): Record<JobName, JobHandler> {
  // every read leaves out the customers erased by then; their rows are also refused at write time
  const deps = { ...given, loadHistory: withoutErased(given.store, given.loadHistory) }
  const snapshots = historyPerFlow(deps.loadHistory, { idleMs: FLOW_SNAPSHOT_IDLE_MS })
  return {
    [JOB_NAMES.train]: (data, context) => train(data, context, deps),
    [JOB_NAMES.scoreCustomers]: (data, context) => scoreCustomers(data, context, deps.store, snapshots.forFlow(context.flowId)),
    [JOB_NAMES.scoreAll]: async (data) => {
      const payload = parsePayload(JOB_NAMES.scoreAll, scoreAllPayloadSchema, data)
      await deps.onScoresChanged?.()
      return { chunks: payload.chunks, customers: payload.customers }
    },
    [JOB_NAMES.purgeCustomer]: async (data) => {
      const { customerIds } = parsePayload(JOB_NAMES.purgeCustomer, purgeCustomerPayloadSchema, data)
      return deps.store.purgeCustomers(customerIds)
    },
    [JOB_NAMES.purgeProduct]: async (data) => {
      const { productIds } = parsePayload(JOB_NAMES.purgeProduct, purgeProductPayloadSchema, data)
      return deps.store.purgeProducts(productIds)
    },
    // the check GET /admin/ml/readiness answers, read here so no request reads the history
    [JOB_NAMES.checkReadiness]: async (data) => {
      const payload = parsePayload(JOB_NAMES.checkReadiness, checkReadinessPayloadSchema, data)
      const check = await checkStoreReadiness(deps.store, deps.loadHistory, payload)
      return { checkedAt: check.checkedAt.toISOString(), ready: check.readiness.ready }
    },
  }
}

async function train(data: unknown, context: JobContext, deps: JobHandlerDeps) {
  let payload
  try {
    payload = parsePayload(JOB_NAMES.train, trainPayloadSchema, data)
  } catch (error) {
    if (error instanceof InvalidPayloadError) await recordRejectedPayload(deps.store, data, error)
    throw error
  }
  const claim = await claimTraining(deps.store, payload, context.rememberRunId)
  if ("coalescedInto" in claim) return claim
  payload = claim.payload
  const outcome = await runTraining(payload, {
    store: deps.store,
    loadHistory: deps.loadHistory,
    onProgress: context.reportProgress,
    rememberRunId: context.rememberRunId,
    finalAttempt: context.attempt >= context.attempts,
    previousFailure: context.previousFailure,
  })
  const followed = await afterTraining(outcome, payload.source, { rescoreAll: context.followUp.rescoreAll, onScoresChanged: deps.onScoresChanged })
  return { runId: outcome.run.id, versions: outcome.versions.map((v) => ({ id: v.id, task: v.task, status: v.status })), followed }
}

/**
 * A chunk of a flow rescores its own customers against the flow's snapshot. A batch
 * after order events reads afresh and takes the waiting customers batch after batch,
 * until none are left (events that arrive meanwhile included).
 */
async function scoreCustomers(data: unknown, context: JobContext, store: MlStore, loadHistory: HistoryLoader) {
  const payload = parsePayload(JOB_NAMES.scoreCustomers, scoreCustomersPayloadSchema, data)
  if (payload.customerIds) return { rescored: await rescoreCustomers(store, loadHistory, { ...payload, customerIds: payload.customerIds }) }
  let rescored = 0
  let batches = 0
  for (let customerIds = await context.followUp.takePending(); customerIds.length > 0; customerIds = await context.followUp.takePending()) {
    rescored += await rescoreCustomers(store, loadHistory, { ...payload, customerIds })
    batches += 1
  }
  return { rescored, batches }
}

/** A `train` payload that cannot run still leaves a run saying why (on the run it names, if any). */
async function recordRejectedPayload(store: MlStore, data: unknown, error: InvalidPayloadError): Promise<void> {
  const raw = (typeof data === "object" && data !== null ? data : {}) as Record<string, unknown>
  const trigger = TRIGGERS.find((t) => t === raw.trigger) ?? "event"
  const named = typeof raw.runId === "string" && raw.runId.length <= 40 ? await store.trainingRun(raw.runId) : null
  const run = named ?? (await store.createTrainingRun(trigger))
  await store.updateTrainingRun(run.id, { status: "failed", finishedAt: new Date(), error: error.message })
}
