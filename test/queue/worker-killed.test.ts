/**
 * A worker process killed in the middle of a training: once a new worker starts, the job
 * completes; readers polling the store during the whole run only ever see whole versions.
 */
import { spawn, type ChildProcess } from "node:child_process"
import path from "node:path"
import { CUSTOMER_SCORES_TASK } from "../../src/engine/save-customer-scores"
import { openMlDataSource } from "../../src/store/data-source"
import { MlStore } from "../../src/store/ml-store"
import { PAYLOAD_VERSION } from "../../src/queue/payloads"
import { JobQueue, obliterate, REDIS_URL, scratchDatabase, simulatedOrdersFile, uniquePrefix, waitFor } from "./harness"

jest.setTimeout(420_000)

const BIN = path.resolve(__dirname, "../../bin/medusa-ml.js")
const LOCK_SECONDS = 4

function startWorker(prefix: string, db: string): ChildProcess {
  const child = spawn(process.execPath, [BIN, "worker", "--redis", REDIS_URL, "--db", db, "--prefix", prefix, "--lock-seconds", String(LOCK_SECONDS)], {
    stdio: ["ignore", "pipe", "pipe"],
  })
  child.stdout?.resume()
  child.stderr?.resume()
  return child
}

const exited = (child: ChildProcess) => new Promise<void>((resolve) => (child.exitCode !== null || child.signalCode !== null ? resolve() : child.once("exit", () => resolve())))

it("completes a training whose worker was killed halfway, and readers never see a partial version", async () => {
  const prefix = uniquePrefix("killed")
  const database = await scratchDatabase("killed")
  const orders = simulatedOrdersFile({ customers: 1500, days: 400, seed: 11 })
  const producer = new JobQueue({ redisUrl: REDIS_URL, prefix, consume: false, handlers: {} })
  const reader = new MlStore(await openMlDataSource({ dialect: "postgres", url: database.url }, { migrate: true }))
  const workers: ChildProcess[] = []
  let polling = true
  /** Predictions of the champion at each read (0 while there is none). */
  const seen: number[] = []
  // a reader that polls the store for the whole run, as the admin would
  const poller = (async () => {
    while (polling) {
      const champion = await reader.champion(CUSTOMER_SCORES_TASK)
      seen.push(champion ? (await reader.predictionsOf(champion.id)).length : 0)
      await new Promise((resolve) => setTimeout(resolve, 100))
    }
  })()
  try {
    const job = await producer.enqueueTrain({
      version: PAYLOAD_VERSION,
      trigger: "schedule",
      source: { kind: "orders-file", path: orders, format: "generic", map: {} },
      settings: { trials: 6 },
    })
    workers.push(startWorker(prefix, database.url))
    // wait until the models are training, then kill the worker without warning
    await waitFor(
      "the training to be under way",
      async () => {
        const progress = (await producer.queue.getJob(job.id!))?.progress as { stage?: string } | undefined
        return progress?.stage === "purchase" ? true : undefined
      },
      120_000,
      100
    )
    workers[0].kill("SIGKILL")
    await exited(workers[0])
    expect(await reader.champion(CUSTOMER_SCORES_TASK)).toBeNull()
    workers.push(startWorker(prefix, database.url))
    const state = await waitFor(
      "the job to finish on the new worker",
      async () => {
        const s = await producer.queue.getJobState(job.id!)
        return s === "completed" || s === "failed" ? s : undefined
      },
      300_000,
      250
    )
    const done = await producer.queue.getJob(job.id!)
    expect({ state, reason: done?.failedReason }).toEqual({ state: "completed", reason: undefined })
    const run = await reader.trainingRun(done!.data.runId)
    expect(run).toMatchObject({ status: "succeeded", progress: 1 })
    // both attempts on the run: the killed worker's, closed as interrupted when the next began
    expect(run!.attempts!.map((a) => [a.attempt, a.outcome])).toEqual([[1, "interrupted"], [2, "succeeded"]])
    const champion = await reader.champion(CUSTOMER_SCORES_TASK)
    const scored = (run!.report as { customersScored: number }).customersScored
    expect((await reader.predictionsOf(champion!.id)).length).toBe(scored)
    await waitFor("a read of the new champion", async () => (seen.includes(scored) ? true : undefined), 10_000)
    polling = false
    await poller
    // every read saw either no champion at all or one with every prediction
    expect(new Set(seen)).toEqual(new Set([0, scored]))
  } finally {
    polling = false
    await poller.catch(() => undefined)
    for (const worker of workers) if (worker.exitCode === null && worker.signalCode === null) worker.kill("SIGKILL")
    await Promise.all(workers.map(exited))
    await producer.close()
    await reader.close()
    await obliterate(prefix)
    await database.drop()
  }
})
