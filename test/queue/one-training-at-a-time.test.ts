/**
 * At most one training per store at a time, across processes and triggers: two
 * `medusa-ml worker` processes each take an event's train request at the same moment,
 * while an admin-style request (a run claimed, then its job queued, as
 * `POST /admin/ml/train` does) arrives too. Exactly one training runs; the other two
 * requests are recorded as "coalesced" runs naming it.
 */
import type { Job } from "bullmq"
import { PAYLOAD_VERSION, type HistorySource, type TrainPayloadInput } from "../../src/queue/payloads"
import { openMlDataSource } from "../../src/store/data-source"
import { MlStore } from "../../src/store/ml-store"
import { JobQueue, obliterate, REDIS_URL, scratchDatabase, simulatedOrdersFile, uniquePrefix, waitFor } from "./harness"
import { startWorkerProcess, type WorkerProcess } from "./worker-process"

jest.setTimeout(600_000)

it("runs exactly one of two event requests in two processes and an admin request at the same moment", async () => {
  const prefix = uniquePrefix("onetrain")
  const database = await scratchDatabase("onetrain")
  const source: HistorySource = { kind: "orders-file", path: simulatedOrdersFile({ customers: 400, days: 400, seed: 23 }), format: "generic", map: {} }
  const store = new MlStore(await openMlDataSource({ dialect: "postgres", url: database.url }, { migrate: true }))
  const producer = new JobQueue({ redisUrl: REDIS_URL, prefix, consume: false, handlers: {} })
  const workers: WorkerProcess[] = []
  const payload = (trigger: TrainPayloadInput["trigger"], runId?: string): TrainPayloadInput => ({ version: PAYLOAD_VERSION, trigger, runId, source, settings: { trials: 3 } })
  try {
    for (const name of ["worker-a", "worker-b"]) workers.push(startWorkerProcess({ name, redisUrl: REDIS_URL, db: database.url, prefix }))
    await Promise.all(workers.map((worker) => worker.ready()))

    // all three at once: two event jobs (one for each idle worker) and an admin request
    const admin = async (): Promise<Job | null> => {
      const { run, active } = await store.startTrainingRun("admin")
      return active ? null : producer.enqueueTrain(payload("admin", run.id))
    }
    const [first, second, adminJob] = await Promise.all([producer.enqueueTrain(payload("event")), producer.enqueueTrain(payload("event")), admin()])
    const jobs = [first, second, ...(adminJob ? [adminJob] : [])]
    for (const job of jobs) {
      const state = await waitFor(`job ${job.id}`, async () => {
        const now = await producer.queue.getJobState(job.id!)
        return now === "completed" || now === "failed" ? now : undefined
      }, 300_000, 200)
      expect({ id: job.id, state, reason: (await producer.queue.getJob(job.id!))!.failedReason }).toEqual({ id: job.id, state: "completed", reason: undefined })
    }

    const runs = await store.trainingRuns(10)
    const trained = runs.filter((run) => run.status !== "coalesced")
    expect(trained.map((run) => run.status)).toEqual(["succeeded"])
    const coalesced = runs.filter((run) => run.status === "coalesced")
    expect(coalesced).toHaveLength(2)
    for (const run of coalesced) expect(run.error).toMatch(new RegExp(`^coalesced into run ${trained[0].id} \\(already (queued|running)\\)$`))
    // the admin request either got the run, or was refused and recorded
    expect(runs.filter((run) => run.trigger === "admin")).toHaveLength(1)
    // one set of versions, from the one run
    const versions = await store.modelVersions()
    expect(new Set(versions.map((v) => v.trainingRunId))).toEqual(new Set([trained[0].id]))
    // the jobs that did not train say into which run they were folded
    const results = await Promise.all(jobs.map(async (job) => (await producer.queue.getJob(job.id!))!.returnvalue as Record<string, unknown>))
    expect(results.filter((r) => r.coalescedInto === trained[0].id)).toHaveLength(jobs.length - 1)
    expect(results.filter((r) => r.runId === trained[0].id && Array.isArray(r.versions))).toHaveLength(1)
  } finally {
    await Promise.all(workers.map((worker) => worker.stop()))
    await producer.close()
    await obliterate(prefix)
    await store.close()
    await database.drop()
  }
})
