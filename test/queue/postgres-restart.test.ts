/**
 * Postgres restarted while a worker process trains, on a server of the test's own:
 * - a restart (`pg_ctl restart -m fast`) while the models train in their thread cuts the
 *   worker's pooled connections, yet the attempt goes on, and its progress writes reach
 *   the restarted server through new connections;
 * - the server then stopped while the attempt is still training, and kept down until the
 *   attempt has failed on its write, makes BullMQ retry the job once the server is back
 *   up: the retry completes on the same run;
 * - a reader polling the store for the whole run (reconnecting through both outages)
 *   only ever sees no champion or a champion with every prediction; exactly one version
 *   of customer scores exists at the end.
 */
import { CUSTOMER_SCORES_TASK } from "../../src/engine/save-customer-scores"
import { PAYLOAD_VERSION } from "../../src/queue/payloads"
import { openMlDataSource } from "../../src/store/data-source"
import { MlStore } from "../../src/store/ml-store"
import { JobQueue, obliterate, REDIS_URL, simulatedOrdersFile, uniquePrefix, waitFor } from "./harness"
import { startPrivatePostgres, type PrivatePostgres } from "./private-postgres"
import { startWorkerProcess, type WorkerProcess } from "./worker-process"

jest.setTimeout(600_000)

type Progress = { stage?: string; progress?: number } | undefined

it("retries a training across a Postgres restart, and readers never see a partial version", async () => {
  const prefix = uniquePrefix("pgrestart")
  const orders = simulatedOrdersFile({ customers: 1500, days: 400, seed: 13 })
  let server: PrivatePostgres | undefined
  let reader: MlStore | undefined
  let producer: JobQueue | undefined
  let worker: WorkerProcess | undefined
  let polling = true
  let poller: Promise<void> = Promise.resolve()
  /** Predictions of the champion at each successful read (0 while there is none). */
  const seen: number[] = []
  let readErrors = 0
  try {
    server = await startPrivatePostgres()
    const db = await server.createDatabase("ml")
    reader = new MlStore(await openMlDataSource({ dialect: "postgres", url: db }, { migrate: true }))
    const store = reader
    // a reader that polls the store for the whole run, as the admin would; a read while
    // the server is down or restarting fails, and the next one reconnects
    poller = (async () => {
      while (polling) {
        try {
          const champion = await store.champion(CUSTOMER_SCORES_TASK)
          seen.push(champion ? (await store.predictionsOf(champion.id)).length : 0)
        } catch {
          readErrors += 1
        }
        await new Promise((resolve) => setTimeout(resolve, 100))
      }
    })()
    producer = new JobQueue({ redisUrl: REDIS_URL, prefix, consume: false, handlers: {} })
    const queue = producer.queue
    worker = startWorkerProcess({ name: "worker-a", redisUrl: REDIS_URL, db, prefix })
    await worker.ready()
    const job = await producer.enqueueTrain({
      version: PAYLOAD_VERSION,
      trigger: "schedule",
      source: { kind: "orders-file", path: orders, format: "generic", map: {} },
      settings: { trials: 6 },
    })
    const stageOf = async () => ((await queue.getJob(job.id!))?.progress as Progress)?.stage

    // 1. a restart while the purchase models train in the worker's thread
    await waitFor("the purchase models to be training", async () => ((await stageOf()) === "purchase" ? true : undefined), 180_000, 100)
    await server.restart()
    const afterRestart = await waitFor(
      "the attempt to move past the purchase models",
      async () => {
        const current = await queue.getJob(job.id!)
        const stage = (current?.progress as Progress)?.stage
        return stage && stage !== "purchase" && stage !== "reading" ? { stage, attemptsStarted: current!.attemptsStarted } : undefined
      },
      300_000,
      100
    )
    // the same attempt went on: nothing was retried
    expect(afterRestart.attemptsStarted).toBe(1)
    expect(await queue.getJobState(job.id!)).toBe("active")
    // and the worker's pool reconnected: its progress writes reach the restarted server
    const runId = (await queue.getJob(job.id!))!.data.runId as string
    await waitFor(
      "the run's stored progress to move past the purchase models",
      async () => {
        const stage = (await store.trainingRun(runId).catch(() => null))?.stage
        return stage && stage !== "purchase" && stage !== "reading" ? true : undefined
      },
      60_000,
      100
    )

    // 2. the server goes down while that attempt is still training, and stays down until the attempt has failed
    const stoppedDuring = await stageOf()
    await server.stop()
    const failedAttempt = await waitFor(
      "the attempt to fail and wait for its retry",
      async () => ((await queue.getJobState(job.id!)) === "delayed" ? await queue.getJob(job.id!) : undefined),
      300_000,
      100
    )
    expect(failedAttempt!.attemptsStarted).toBe(1)
    expect(failedAttempt!.failedReason).toMatch(/ECONNREFUSED|connect/i)
    await server.start()

    const state = await waitFor(
      "the retried job to finish",
      async () => {
        const s = await queue.getJobState(job.id!)
        return s === "completed" || s === "failed" ? s : undefined
      },
      400_000,
      250
    )
    const done = await queue.getJob(job.id!)
    expect({ state, reason: done?.failedReason }).toMatchObject({ state: "completed" })
    // one failed attempt (the outage), one that completed; the worker process lived through both
    expect(done!.attemptsStarted).toBe(2)
    expect(done!.processedBy).toBe("worker-a")
    expect(worker.alive()).toBe(true)
    expect(worker.err.filter((line) => line.includes(`job train ${job.id} failed`))).toHaveLength(1)
    expect(worker.completedJobIds()).toEqual([job.id])

    expect(done!.data.runId).toBe(runId)
    const run = await store.trainingRun(runId)
    expect(run).toMatchObject({ status: "succeeded", progress: 1, error: null })
    const versions = await store.modelVersions(CUSTOMER_SCORES_TASK)
    expect(versions.map((v) => v.status)).toEqual(["champion"])
    expect(versions[0].trainingRunId).toBe(run!.id)
    const scored = (run!.report as { customersScored: number }).customersScored
    expect(scored).toBeGreaterThan(1000)
    expect((await store.predictionsOf(versions[0].id)).length).toBe(scored)

    await waitFor("a read of the new champion", async () => (seen.includes(scored) ? true : undefined), 30_000)
    polling = false
    await poller
    console.log(
      `restarted during "purchase", stopped during "${stoppedDuring}"; attempt 1 failed with: ${failedAttempt!.failedReason}; ` +
        `${seen.length} reads, ${readErrors} failed during the outages`
    )
    // the reader really lived through the outage...
    expect(readErrors).toBeGreaterThan(0)
    // ...and every read saw either no champion at all or one with every prediction
    expect(new Set(seen)).toEqual(new Set([0, scored]))
  } finally {
    polling = false
    await poller.catch(() => undefined)
    await worker?.stop()
    await producer?.close()
    await obliterate(prefix)
    await reader?.close().catch(() => undefined)
    await server?.destroy()
  }
})
