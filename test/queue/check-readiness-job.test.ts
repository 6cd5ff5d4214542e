/**
 * The `check-readiness` job on the real Redis and Postgres: requests while a check waits
 * or runs give one job, the worker reads the history and stores the check that GET
 * /admin/ml/readiness answers, and a bad payload fails at once without retry.
 */
import { historyLoader } from "../../src/engine/history-source"
import { readinessFromRow } from "../../src/engine/readiness-check"
import { createJobHandlers } from "../../src/engine/job-handlers"
import { JOB_NAMES, PAYLOAD_VERSION, type CheckReadinessPayloadInput } from "../../src/engine/payloads"
import { openScratchStore, type OpenedStore } from "../store/store-harness"
import { JobQueue, obliterate, REDIS_URL, simulatedOrdersFile, uniquePrefix, waitFor } from "./harness"

jest.setTimeout(120_000)

describe("the check-readiness job", () => {
  const prefix = uniquePrefix("readiness")
  const queues: { opened?: OpenedStore; producer?: JobQueue; consumer?: JobQueue } = {}

  beforeAll(async () => {
    const opened = (queues.opened = await openScratchStore("postgres"))
    queues.producer = new JobQueue({ redisUrl: REDIS_URL, prefix, consume: false, handlers: {} })
    queues.consumer = new JobQueue({ redisUrl: REDIS_URL, prefix, consume: true, handlers: createJobHandlers({ store: opened.store, loadHistory: historyLoader() }) })
  })

  afterAll(async () => {
    await queues.consumer?.close()
    await queues.producer?.close()
    await obliterate(prefix)
    await queues.opened?.dispose()
  })

  it("coalesces the requests made while one waits, and stores the check the worker makes", async () => {
    const { opened, producer, consumer } = queues as Required<typeof queues>
    const path = simulatedOrdersFile({ customers: 120, days: 200, seed: 3 })
    const payload: CheckReadinessPayloadInput = { version: PAYLOAD_VERSION, source: { kind: "orders-file", path, format: "generic" }, settings: { horizonDays: 60 } }
    for (let i = 0; i < 3; i++) await producer.requestReadinessCheck(payload)
    const jobs = await producer.queue.getJobs(["waiting", "delayed", "prioritized"])
    expect(jobs.map((j) => j.name)).toEqual([JOB_NAMES.checkReadiness])
    expect(await opened.store.readinessCheck()).toBeNull()

    consumer.start()
    const done = await waitFor("the check to complete", async () => ((await jobs[0].isCompleted()) ? true : undefined), 60_000)
    expect(done).toBe(true)
    const stored = readinessFromRow(await opened.store.readinessCheck())!
    expect(stored.readiness.figures.customersWithOrders).toBeGreaterThan(50)
    expect(stored.windows).toEqual({ horizonDays: 60, churnWindowDays: 60 })
    expect(stored.thresholds.minCustomersWithOrders).toBe(50)

    // the check ended: the next request queues a new one
    await producer.requestReadinessCheck(payload)
    const [next] = await producer.queue.getJobs(["waiting", "delayed", "prioritized", "active"])
    expect(next.id).not.toBe(jobs[0].id)
    await waitFor("the next check", async () => ((await next.isCompleted()) ? true : undefined), 60_000)
    expect(readinessFromRow(await opened.store.readinessCheck())!.checkedAt.getTime()).toBeGreaterThan(stored.checkedAt.getTime())
  })

  it("fails a bad payload at once, without retry", async () => {
    const producer = queues.producer!
    const job = await producer.queue.add(JOB_NAMES.checkReadiness, { version: PAYLOAD_VERSION, source: { kind: "store" }, settings: { horizonDays: 0 } })
    await waitFor("the job to fail", async () => ((await job.isFailed()) ? true : undefined), 30_000)
    const failed = (await producer.queue.getJob(job.id!))!
    expect(failed.attemptsMade).toBe(1)
    expect(failed.failedReason).toMatch(/^invalid check-readiness payload: settings\.horizonDays/)
  })
})
