/**
 * A transient error retries: the database refuses connections for a while (as when
 * Postgres restarts) just before a training writes its results; the attempt fails, BullMQ
 * retries it after a backoff, and the job completes on the same run once the database is back.
 */
import { DataSource } from "typeorm"
import { historyLoader } from "../../src/engine/history-source"
import { CUSTOMER_SCORES_TASK } from "../../src/engine/save-customer-scores"
import { createJobHandlers } from "../../src/engine/job-handlers"
import { PAYLOAD_VERSION } from "../../src/queue/payloads"
import { openMlDataSource } from "../../src/store/data-source"
import { MlStore } from "../../src/store/ml-store"
import { JobQueue, obliterate, REDIS_URL, scratchDatabase, simulatedOrdersFile, uniquePrefix, waitFor } from "./harness"

jest.setTimeout(300_000)

it("retries a training whose database refused connections for a while, and completes it on the same run", async () => {
  const prefix = uniquePrefix("retry")
  const database = await scratchDatabase("retry")
  const store = new MlStore(await openMlDataSource({ dialect: "postgres", url: database.url }, { migrate: true }))
  const admin = new DataSource({ type: "postgres", url: database.url.replace(/\/[^/]+$/, "/postgres") })
  await admin.initialize()
  const queue = new JobQueue({ redisUrl: REDIS_URL, prefix, consume: true, handlers: createJobHandlers({ store, loadHistory: historyLoader() }) })
  queue.start()
  try {
    const job = await queue.enqueueTrain({
      version: PAYLOAD_VERSION,
      trigger: "schedule",
      source: { kind: "orders-file", path: simulatedOrdersFile({ customers: 400, days: 400, seed: 9 }), format: "generic", map: {} },
      settings: { trials: 3 },
    })
    const runId = await waitFor("the run to start", async () => (await queue.queue.getJob(job.id!))?.data.runId as string | undefined, 60_000, 50)
    await waitFor(
      "the recommenders to be training",
      async () => (((await queue.queue.getJob(job.id!))?.progress as { stage?: string })?.stage === "recommend" ? true : undefined),
      120_000,
      50
    )
    const name = database.url.split("/").pop()
    await admin.query(`ALTER DATABASE "${name}" ALLOW_CONNECTIONS false`)
    await admin.query("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1", [name])
    // the attempt fails and waits for its retry; then the database comes back
    await waitFor("the attempt to fail and wait for a retry", async () => ((await queue.queue.getJobState(job.id!)) === "delayed" ? true : undefined), 120_000, 50)
    await admin.query(`ALTER DATABASE "${name}" ALLOW_CONNECTIONS true`)
    const state = await waitFor(
      "the job to finish",
      async () => {
        const s = await queue.queue.getJobState(job.id!)
        return s === "completed" || s === "failed" ? s : undefined
      },
      240_000
    )
    const done = await queue.queue.getJob(job.id!)
    expect({ state, reason: done!.failedReason }).toMatchObject({ state: "completed" })
    // the first attempt failed and was retried; both attempts reported on one run
    expect(done!.attemptsStarted).toBe(2)
    expect(done!.data.runId).toBe(runId)
    const run = await store.trainingRun(runId)
    expect(run).toMatchObject({ status: "succeeded", error: null })
    // the run keeps both attempts: the one the database refused, and the one that succeeded
    expect(run!.attempts!.map((a) => [a.attempt, a.outcome])).toEqual([[1, "retrying"], [2, "succeeded"]])
    expect(run!.attempts![0].error).toBeTruthy()
    expect(run!.attempts!.every((a) => a.endedAt !== null && a.endedAt >= a.startedAt)).toBe(true)
    expect(await store.champion(CUSTOMER_SCORES_TASK)).not.toBeNull()
  } finally {
    await queue.close()
    await obliterate(prefix)
    await store.close()
    await admin.destroy()
    await database.drop()
  }
})
