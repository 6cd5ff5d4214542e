/**
 * The `check-readiness` job: reads the history and stores the readiness check that GET
 * /admin/ml/readiness answers, so no HTTP request reads the whole order history.
 */
import { UnrecoverableError, type Job } from "bullmq"
import { checkStoreReadiness } from "../engine/readiness-check"
import type { HistoryLoader } from "../engine/history-source"
import { isGiveUp } from "../engine/run-training"
import type { MlStore } from "../store/ml-store"
import type { JobHandler, JobQueue } from "./job-queue"
import { checkReadinessPayloadSchema, JOB_NAMES, parsePayload, type CheckReadinessPayloadInput } from "./payloads"

export { checkReadinessPayloadSchema, type CheckReadinessPayload, type CheckReadinessPayloadInput } from "./payloads"

export const CHECK_READINESS_JOB = JOB_NAMES.checkReadiness

/** The deduplication id of the one check that may wait or run at a time. */
const CHECK_READINESS_ID = "check-readiness"

export interface CheckReadinessDeps {
  store: MlStore
  /** Reads the history (without the erased customers, as every job does). */
  loadHistory: HistoryLoader
}

/** The job's handler: a bad payload or a source that cannot be read fails at once, without retry. */
export function checkReadinessHandler(deps: CheckReadinessDeps): JobHandler {
  return async (job) => {
    let payload
    try {
      payload = parsePayload(job.name, checkReadinessPayloadSchema, job.data)
    } catch (error) {
      throw unrecoverable(error)
    }
    try {
      const check = await checkStoreReadiness(deps.store, deps.loadHistory, payload)
      return { checkedAt: check.checkedAt.toISOString(), ready: check.readiness.ready }
    } catch (error) {
      throw isGiveUp(error) ? unrecoverable(error) : error
    }
  }
}

function unrecoverable(error: unknown): UnrecoverableError {
  return new UnrecoverableError(error instanceof Error ? error.message : String(error))
}

/**
 * Queues a check unless one is already waiting or running (BullMQ deduplication until it
 * ends): any number of requests meanwhile give one job.
 */
export async function enqueueReadinessCheck(jobQueue: JobQueue, payload: CheckReadinessPayloadInput): Promise<Job> {
  return jobQueue.queue.add(CHECK_READINESS_JOB, payload, { deduplication: { id: CHECK_READINESS_ID } })
}
