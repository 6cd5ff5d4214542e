/**
 * Two `medusa-ml worker` processes on one queue (same prefix, same Postgres): a train,
 * then a rescoring flow of many chunks mixed with a batch of purge-customer jobs. Every
 * job runs exactly once, in one process or the other (each job records which, and each
 * process says which it completed); the flow's chunks are shared between the two; the
 * champion ends with exactly one prediction per rescored customer and none of the purged.
 */
import type { Job } from "bullmq"
import { CUSTOMER_SCORES_TASK } from "../../src/engine/save-customer-scores"
import { JOB_NAMES, PAYLOAD_VERSION, type HistorySource } from "../../src/queue/payloads"
import { openMlDataSource } from "../../src/store/data-source"
import { MlStore } from "../../src/store/ml-store"
import { JobQueue, obliterate, REDIS_URL, scratchDatabase, simulatedOrdersFile, uniquePrefix, waitFor } from "./harness"
import { startWorkerProcess, type WorkerProcess } from "./worker-process"

jest.setTimeout(600_000)

const DAY = 86_400_000
const CHUNK = 20
/** Every PURGE_EVERY-th customer is purged, two customers per purge job. */
const PURGE_EVERY = 16
const PER_PURGE_JOB = 2

it("runs every job exactly once across two worker processes, and shares the scoring chunks", async () => {
  const prefix = uniquePrefix("twoproc")
  const database = await scratchDatabase("twoproc")
  const source: HistorySource = { kind: "orders-file", path: simulatedOrdersFile({ customers: 500, days: 400, seed: 17 }), format: "generic", map: {} }
  // the tables exist before either worker starts (each would otherwise migrate at once)
  const store = new MlStore(await openMlDataSource({ dialect: "postgres", url: database.url }, { migrate: true }))
  const producer = new JobQueue({ redisUrl: REDIS_URL, prefix, consume: false, handlers: {} })
  const queue = producer.queue
  const workers: WorkerProcess[] = []
  const finished = (id: string, what: string, timeoutMs = 300_000) =>
    waitFor(
      what,
      async () => {
        const state = await queue.getJobState(id)
        return state === "completed" || state === "failed" ? state : undefined
      },
      timeoutMs,
      200
    )
  try {
    for (const name of ["worker-a", "worker-b"]) workers.push(startWorkerProcess({ name, redisUrl: REDIS_URL, db: database.url, prefix }))
    await Promise.all(workers.map((worker) => worker.ready()))

    // a train first: the store's first champion
    const train = await producer.enqueueTrain({ version: PAYLOAD_VERSION, trigger: "schedule", source, settings: { trials: 3 } })
    expect(await finished(train.id!, "the train job")).toBe("completed")
    const champion = (await store.champion(CUSTOMER_SCORES_TASK))!
    const trained = await store.predictionsOf(champion.id)
    const customers = trained.map((p) => p.customerId)
    const purged = customers.filter((_, i) => i % PURGE_EVERY === 0)
    const rescored = customers.filter((_, i) => i % PURGE_EVERY !== 0)

    // then a rescoring flow of many chunks, with purge jobs among them
    const parentId = await producer.enqueueScoreFlow(rescored, source, champion.dataCutoff!.getTime() + 7 * DAY, CHUNK)
    const purgeJobs: Job[] = []
    for (let i = 0; i < purged.length; i += PER_PURGE_JOB) purgeJobs.push(await producer.enqueuePurgeCustomers(purged.slice(i, i + PER_PURGE_JOB)))
    expect(await finished(parentId, "the rescoring flow")).toBe("completed")
    for (const job of purgeJobs) expect(await finished(job.id!, `purge job ${job.id}`, 60_000)).toBe("completed")

    const chunkCount = Math.ceil(rescored.length / CHUNK)
    expect(chunkCount).toBeGreaterThanOrEqual(20)
    expect(await queue.getJobs(["failed", "delayed", "waiting", "active", "waiting-children"])).toEqual([])
    const jobs = await queue.getJobs(["completed"])
    const byName = (name: string) => jobs.filter((job) => job.name === name)
    expect(byName(JOB_NAMES.train).map((job) => job.id)).toEqual([train.id])
    expect(byName(JOB_NAMES.scoreAll).map((job) => job.id)).toEqual([parentId])
    expect(byName(JOB_NAMES.scoreCustomers)).toHaveLength(chunkCount)
    expect(byName(JOB_NAMES.purgeCustomer).map((job) => job.id).sort()).toEqual(purgeJobs.map((job) => job.id).sort())
    expect(jobs).toHaveLength(chunkCount + purgeJobs.length + 2)

    // every job was taken once, by one process, which reported it completed once
    for (const job of jobs) expect({ id: job.id, attemptsStarted: job.attemptsStarted, attemptsMade: job.attemptsMade }).toEqual({ id: job.id, attemptsStarted: 1, attemptsMade: 1 })
    const reported = workers.map((worker) => worker.completedJobIds())
    for (const ids of reported) expect(new Set(ids).size).toBe(ids.length)
    expect(reported[0].filter((id) => reported[1].includes(id))).toEqual([])
    expect([...reported[0], ...reported[1]].sort()).toEqual(jobs.map((job) => job.id!).sort())
    for (const job of jobs) {
      const runner = workers.find((worker) => worker.name === job.processedBy)
      expect({ id: job.id, reportedBy: runner?.completedJobIds().includes(job.id!) }).toEqual({ id: job.id, reportedBy: true })
    }

    // the chunks were shared
    const chunksRun = workers.map((worker) => byName(JOB_NAMES.scoreCustomers).filter((job) => job.processedBy === worker.name).length)
    console.log(`${chunkCount} chunks: ${workers.map((w, i) => `${w.name} ran ${chunksRun[i]}`).join(", ")}`)
    expect(chunksRun[0]).toBeGreaterThan(0)
    expect(chunksRun[1]).toBeGreaterThan(0)
    for (const chunk of byName(JOB_NAMES.scoreCustomers)) expect((chunk.returnvalue as { rescored: number }).rescored).toBe(chunk.data.customerIds.length)

    // every rescored customer has exactly one prediction, a new one; the purged have none
    expect((await store.champion(CUSTOMER_SCORES_TASK))!.id).toBe(champion.id)
    const after = await store.predictionsOf(champion.id)
    expect(after.map((p) => p.customerId).sort()).toEqual([...rescored].sort())
    const trainedAt = new Map(trained.map((p) => [p.customerId, p.scoredAt.getTime()]))
    for (const row of after) expect(row.scoredAt.getTime()).toBeGreaterThan(trainedAt.get(row.customerId)!)
    expect(workers.every((worker) => worker.alive())).toBe(true)
    for (const worker of workers) expect(worker.err).toEqual([])
  } finally {
    await Promise.all(workers.map((worker) => worker.stop()))
    await producer.close()
    await obliterate(prefix)
    await store.close()
    await database.drop()
  }
})
