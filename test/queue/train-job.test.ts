/**
 * The `train` job on the real Redis and Postgres: the same payload inline and through
 * BullMQ gives the same predictions; a burst of requests gives one job; a bad payload
 * and a store below the readiness thresholds fail once, without retry, and say why on
 * the stored run.
 */
import type { Job } from "bullmq"
import { historyLoader } from "../../src/engine/history-source"
import { runTraining } from "../../src/engine/run-training"
import { CUSTOMER_SCORES_TASK } from "../../src/engine/save-customer-scores"
import type { CustomerPrediction } from "../../src/models"
import { createJobHandlers } from "../../src/queue/processors"
import { PAYLOAD_VERSION, trainPayloadSchema, type TrainPayloadInput } from "../../src/queue/payloads"
import type { MlStore } from "../../src/store/ml-store"
import { openScratchStore, type OpenedStore } from "../store/store-harness"
import { JobQueue, obliterate, REDIS_URL, simulatedOrdersFile, uniquePrefix, waitFor } from "./harness"

jest.setTimeout(240_000)

const orders = simulatedOrdersFile({ customers: 400, days: 400, seed: 7 })
const tiny = simulatedOrdersFile({ customers: 20, days: 400, seed: 7 })
const payload = (file: string, extra: Partial<TrainPayloadInput> = {}): TrainPayloadInput => ({
  version: PAYLOAD_VERSION,
  trigger: "event",
  source: { kind: "orders-file", path: file, format: "generic", map: {} },
  settings: { trials: 3 },
  ...extra,
})

/** A prediction without what differs between two writes of the same scores (ids, version, time). */
const comparable = (p: CustomerPrediction) => ({ ...p, id: undefined, modelVersionId: undefined, scoredAt: undefined })

async function championPredictions(store: MlStore) {
  const champion = await store.champion(CUSTOMER_SCORES_TASK)
  if (!champion) throw new Error("no champion")
  return (await store.predictionsOf(champion.id)).map(comparable)
}

describe("train job", () => {
  const prefix = uniquePrefix("train")
  let inlineStore: OpenedStore
  let queuedStore: OpenedStore
  let queue: JobQueue

  beforeAll(async () => {
    inlineStore = await openScratchStore("postgres")
    queuedStore = await openScratchStore("postgres")
    queue = new JobQueue({
      redisUrl: REDIS_URL,
      prefix,
      consume: true,
      handlers: createJobHandlers({ store: queuedStore.store, loadHistory: historyLoader() }),
    })
    queue.start()
  })

  afterAll(async () => {
    await queue?.close()
    await obliterate(prefix)
    await inlineStore?.dispose()
    await queuedStore?.dispose()
  })

  const finished = (job: Job) =>
    waitFor(
      `job ${job.id} to finish`,
      async () => {
        const state = await queue.queue.getJobState(job.id!)
        return state === "completed" || state === "failed" ? state : undefined
      },
      200_000
    )

  it("gives the same predictions inline and through BullMQ", async () => {
    await runTraining(trainPayloadSchema.parse(payload(orders)), { store: inlineStore.store, loadHistory: historyLoader() })
    const job = await queue.enqueueTrain(payload(orders))
    expect(await finished(job)).toBe("completed")
    const inline = await championPredictions(inlineStore.store)
    const queued = await championPredictions(queuedStore.store)
    expect(inline.length).toBeGreaterThan(300)
    expect(queued).toEqual(inline)
    // the run reports the job's progress to the end
    const done = await queue.queue.getJob(job.id!)
    const run = await queuedStore.store.trainingRun(done!.data.runId)
    expect(run).toMatchObject({ status: "succeeded", stage: "done", progress: 1, trigger: "event" })
  })

  it("coalesces 50 requests within a second into one train job", async () => {
    const burstPrefix = uniquePrefix("burst")
    // a producer only (no worker), so the waiting job can be counted
    const producer = new JobQueue({ redisUrl: REDIS_URL, prefix: burstPrefix, consume: false, handlers: {} })
    try {
      const started = Date.now()
      for (let i = 0; i < 50; i++) await producer.enqueueTrain(payload(orders, { settings: { trials: 3, seed: i } }), { debounce: { debounceMs: 5_000, maxWaitMs: 60_000 } })
      expect(Date.now() - started).toBeLessThan(1_000)
      const jobs = await producer.queue.getJobs(["delayed", "waiting", "active", "completed", "failed"])
      expect(jobs.map((j) => j.name)).toEqual(["train"])
      // the one left is the last request
      expect(jobs[0].data.settings.seed).toBe(49)
    } finally {
      await producer.close()
      await obliterate(burstPrefix)
    }
  })

  it("fails a bad payload once, without retry, naming the field on the stored run", async () => {
    const run = await queuedStore.store.createTrainingRun("admin")
    const job = await queue.enqueueTrain({ ...payload(orders, { runId: run.id }), settings: { trials: 1000 } })
    expect(await finished(job)).toBe("failed")
    const failed = await queue.queue.getJob(job.id!)
    expect(failed!.attemptsMade).toBe(1)
    expect(failed!.failedReason).toMatch(/settings\.trials/)
    const stored = await queuedStore.store.trainingRun(run.id)
    expect(stored).toMatchObject({ status: "failed" })
    expect(stored!.error).toMatch(/invalid train payload: settings\.trials: must be at most 200/)
  })

  it("ends a store below the readiness thresholds as 'not enough data', listing what is missing, once", async () => {
    const job = await queue.enqueueTrain(payload(tiny))
    expect(await finished(job)).toBe("failed")
    const failed = await queue.queue.getJob(job.id!)
    expect(failed!.attemptsMade).toBe(1)
    const run = await queuedStore.store.trainingRun(failed!.data.runId)
    expect(run!.status).toBe("not_enough_data")
    expect(run!.error).toMatch(/customers with orders/)
    expect(run!.error).toMatch(/customers with two or more orders/)
  })
})
