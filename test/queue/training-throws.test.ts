/**
 * A `train` job that fails halfway, through a BullMQ worker on the real Redis and
 * Postgres, after a first training made champions. Either way the champions, their
 * predictions and their lists are byte-for-byte what they were, no version is added
 * (nor left promoted), the run is "failed" with the error, and the job is failed:
 * - the models throw in their thread once the history is read: the store reader handed
 *   over recent orders whose amounts it could not read (NaN), and the value models (the
 *   first models a training fits) refuse them; an input error, so the job fails at once, unretried;
 * - the write fails halfway through its transaction: a trigger makes the database refuse
 *   the recommendation lists (as a full disk would), after the customer-scores version and
 *   its predictions were written in the same transaction; a database error, so BullMQ
 *   retries it until the attempts run out.
 */
import { writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import path from "node:path"
import type { Job } from "bullmq"
import { simulateStore, writeOrdersCsv } from "../../src/core/simulate"
import { historyLoader, type HistoryLoader } from "../../src/engine/history-source"
import { runTraining } from "../../src/engine/run-training"
import { JOB_DEFAULTS } from "../../src/queue/job-queue"
import { createJobHandlers } from "../../src/engine/job-handlers"
import { PAYLOAD_VERSION, trainPayloadSchema, type HistorySource, type TrainPayloadInput } from "../../src/queue/payloads"
import { openScratchStore, type OpenedStore } from "../store/store-harness"
import { JobQueue, obliterate, REDIS_URL, uniquePrefix, waitFor } from "./harness"

jest.setTimeout(420_000)

const DAY = 86_400_000
const STORE = { customers: 400, days: 400, seed: 21 }

function ordersFile(name: string): HistorySource {
  const file = path.join(tmpdir(), `medusa-ml-throws-${process.pid}-${name}.csv`)
  const chunks: string[] = []
  writeOrdersCsv(simulateStore(STORE).lines, (chunk) => chunks.push(chunk))
  writeFileSync(file, chunks.join(""))
  return { kind: "orders-file", path: file, format: "generic", map: {} }
}

const payload = (source: HistorySource): TrainPayloadInput => ({ version: PAYLOAD_VERSION, trigger: "schedule", source, settings: { trials: 3 } })

describe("a training that fails halfway", () => {
  const prefix = uniquePrefix("throws")
  const source = ordersFile("store")
  let opened: OpenedStore
  let queue: JobQueue
  /** While set, the store reader loses the amounts of some recent order lines. */
  let amountsUnreadable = false
  /** Stages each job reported, by job id. */
  const stages = new Map<string, string[]>()
  /** The stored rows of every version and of the champions' predictions and lists, as the database returns them. */
  let before: string

  const loadHistory: HistoryLoader = async (source, options) => {
    const loaded = await historyLoader()(source, options)
    if (!amountsUnreadable) return loaded
    const { lines, lastAt } = loaded.history
    // every 20th line of the last 30 days: an amount the reader could not convert
    const recent = (at: number) => at > lastAt - 30 * DAY
    const damaged = lines.map((line, i) => (recent(line.orderedAt) && i % 20 === 0 ? { ...line, unitPrice: Number.NaN } : line))
    return { ...loaded, history: { ...loaded.history, lines: damaged } }
  }

  async function storedRows(): Promise<string> {
    const { dataSource } = opened.store.source
    const versions = await dataSource.query(`SELECT * FROM ml_model_version ORDER BY id`)
    const champions = `SELECT id FROM ml_model_version WHERE status = 'champion'`
    const predictions = await dataSource.query(`SELECT * FROM ml_customer_prediction WHERE model_version_id IN (${champions}) ORDER BY id`)
    const lists = await dataSource.query(`SELECT * FROM ml_recommendation WHERE model_version_id IN (${champions}) ORDER BY id`)
    return JSON.stringify({ versions, predictions, lists })
  }

  const finished = (job: Job, timeoutMs: number) =>
    waitFor(
      `job ${job.id} to finish`,
      async () => {
        const state = await queue.queue.getJobState(job.id!)
        return state === "completed" || state === "failed" ? state : undefined
      },
      timeoutMs,
      200
    )

  beforeAll(async () => {
    opened = await openScratchStore("postgres")
    await runTraining(trainPayloadSchema.parse(payload(source)), { store: opened.store, loadHistory })
    before = await storedRows()
    const versions = await opened.store.modelVersions()
    expect(versions.map((v) => [v.task, v.status]).sort()).toEqual([
      ["customer-scores", "champion"],
      ["recommendations", "champion"],
    ])
    queue = new JobQueue({ redisUrl: REDIS_URL, prefix, consume: true, handlers: createJobHandlers({ store: opened.store, loadHistory }) })
    queue.worker!.on("progress", (job, progress) => {
      const stage = (progress as { stage?: string }).stage
      const seen = stages.get(job.id!) ?? []
      if (stage && seen[seen.length - 1] !== stage) seen.push(stage)
      stages.set(job.id!, seen)
    })
    queue.start()
  })

  afterAll(async () => {
    await queue?.close()
    await obliterate(prefix)
    await opened?.dispose()
  })

  it("leaves the champions untouched when the models throw in their thread, and fails the run once, with the error", async () => {
    amountsUnreadable = true
    try {
      const job = await queue.enqueueTrain(payload(source))
      expect(await finished(job, 200_000)).toBe("failed")
      const failed = (await queue.queue.getJob(job.id!))!
      // it threw halfway: the history was read, the value models threw before any classifier
      const reported = stages.get(job.id!)!
      expect(reported).toContain("reading")
      expect(reported).not.toContain("purchase")
      expect(reported[reported.length - 1]).toBe("value")
      expect(failed.failedReason).toMatch(/must be a finite number, got NaN/)
      // an input error is not retried
      expect(failed.attemptsMade).toBe(1)
      const run = await opened.store.trainingRun(failed.data.runId)
      expect(run).toMatchObject({ status: "failed", stage: "value", error: failed.failedReason })
      expect(run!.finishedAt).not.toBeNull()
      expect(await storedRows()).toBe(before)
    } finally {
      amountsUnreadable = false
    }
  })

  it("leaves the champions untouched when the write fails halfway, and fails the run with the error once the retries run out", async () => {
    // the database refuses to store recommendation lists: a trigger raises on insert,
    // after the customer-scores version and its predictions were written in the same transaction
    const { dataSource } = opened.store.source
    await dataSource.query(
      "CREATE FUNCTION ml_test_refuse_lists() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'could not extend file: no space left on device'; END $$"
    )
    await dataSource.query("CREATE TRIGGER ml_test_refuse_lists BEFORE INSERT ON ml_recommendation FOR EACH STATEMENT EXECUTE FUNCTION ml_test_refuse_lists()")
    try {
      const job = await queue.enqueueTrain(payload(ordersFile("refused-lists")))
      expect(await finished(job, 360_000)).toBe("failed")
      const failed = (await queue.queue.getJob(job.id!))!
      expect(failed.failedReason).toMatch(/no space left on device/)
      // a database error is retried, until the attempts run out
      expect(failed.attemptsMade).toBe(JOB_DEFAULTS.attempts)
      // each attempt trained to the end before it wrote
      expect(stages.get(job.id!)).toContain("writing")
      const run = await opened.store.trainingRun(failed.data.runId)
      expect(run).toMatchObject({ status: "failed", error: failed.failedReason })
      expect(run!.finishedAt).not.toBeNull()
      expect(await storedRows()).toBe(before)
    } finally {
      await dataSource.query("DROP TRIGGER IF EXISTS ml_test_refuse_lists ON ml_recommendation")
      await dataSource.query("DROP FUNCTION IF EXISTS ml_test_refuse_lists()")
    }
  })
})
