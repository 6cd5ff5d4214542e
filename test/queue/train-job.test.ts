/**
 * The `train` job on the real Redis and Postgres (inline and BullMQ runs of every job
 * are compared in runners-agree.test.ts): a burst of requests gives one job; a bad payload
 * and a store below the readiness thresholds fail once, without retry, and say why on
 * the stored run.
 */
import type { Job } from "bullmq"
import { historyLoader } from "../../src/engine/history-source"
import { createJobHandlers } from "../../src/engine/job-handlers"
import { PAYLOAD_VERSION, type TrainPayloadInput } from "../../src/queue/payloads"
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

describe("train job", () => {
  const prefix = uniquePrefix("train")
  let queuedStore: OpenedStore
  let queue: JobQueue

  beforeAll(async () => {
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

  it("coalesces 50 requests within one debounce window into one train job", async () => {
    const burstPrefix = uniquePrefix("burst")
    // a producer only (no worker), so the waiting job can be counted
    const producer = new JobQueue({ redisUrl: REDIS_URL, prefix: burstPrefix, consume: false, handlers: {} })
    try {
      const started = Date.now()
      for (let i = 0; i < 50; i++) await producer.enqueueTrain(payload(orders, { settings: { trials: 3, seed: i } }), { debounce: { debounceMs: 5_000, maxWaitMs: 60_000 } })
      // every request came within one debounce window of the first, so they must coalesce
      expect(Date.now() - started).toBeLessThan(5_000)
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
