/**
 * Rescoring with the champion's models on the real Redis and Postgres: a flow's chunks are
 * shared by two workers and replace every customer's predictions; customers asked for after
 * their orders are taken in one debounced batch; under a steady stream of orders (one every
 * 5 s for three minutes, the plugin's default debounce) the rescoring still runs within the
 * maximum wait, and drains the waiting customers batch after batch.
 */
import { historyLoader } from "../../src/engine/history-source"
import { runTraining } from "../../src/engine/run-training"
import { CUSTOMER_SCORES_TASK } from "../../src/engine/save-customer-scores"
import { eventDebounce, parsePluginOptions } from "../../src/config/plugin-options"
import { createJobHandlers } from "../../src/engine/job-handlers"
import { JOB_NAMES, PAYLOAD_VERSION, trainPayloadSchema, type HistorySource } from "../../src/queue/payloads"
import { openScratchStore, type OpenedStore } from "../store/store-harness"
import { JobQueue, obliterate, REDIS_URL, simulatedOrdersFile, uniquePrefix, waitFor } from "./harness"

jest.setTimeout(240_000)

const source: HistorySource = { kind: "orders-file", path: simulatedOrdersFile({ customers: 400, days: 400, seed: 5 }), format: "generic", map: {} }
const DAY = 86_400_000

describe("rescoring jobs", () => {
  const prefix = uniquePrefix("score")
  let opened: OpenedStore
  const consumers: JobQueue[] = []
  /** Chunks each consumer ran, by consumer. */
  const chunksRun = [0, 0]

  beforeAll(async () => {
    opened = await openScratchStore("postgres")
    await runTraining(trainPayloadSchema.parse({ version: PAYLOAD_VERSION, trigger: "cli", source, settings: { trials: 3 } }), {
      store: opened.store,
      loadHistory: historyLoader(),
    })
    for (const index of [0, 1]) {
      const handlers = createJobHandlers({ store: opened.store, loadHistory: historyLoader() })
      const scoreChunk = handlers[JOB_NAMES.scoreCustomers]
      handlers[JOB_NAMES.scoreCustomers] = async (data, context) => {
        if ((data as { customerIds?: string[] }).customerIds) chunksRun[index] += 1
        return scoreChunk(data, context)
      }
      const consumer = new JobQueue({ redisUrl: REDIS_URL, prefix, consume: true, handlers })
      consumer.start()
      consumers.push(consumer)
    }
  })

  afterAll(async () => {
    for (const consumer of consumers) await consumer.close()
    await obliterate(prefix)
    await opened?.dispose()
  })

  async function championRows() {
    const champion = await opened.store.champion(CUSTOMER_SCORES_TASK)
    return opened.store.predictionsOf(champion!.id)
  }

  it("fans a rescore out in chunks that both workers take, and replaces every prediction", async () => {
    const before = await championRows()
    const customerIds = before.map((p) => p.customerId)
    const champion = await opened.store.champion(CUSTOMER_SCORES_TASK)
    // a week later: every customer's recency has moved on
    const asOf = champion!.dataCutoff!.getTime() + 7 * DAY
    const parentId = await consumers[0].enqueueScoreFlow(customerIds, source, asOf, 25)
    await waitFor(
      "the flow's parent to complete",
      async () => ((await consumers[0].queue.getJobState(parentId)) === "completed" ? true : undefined),
      200_000
    )
    expect(chunksRun[0] + chunksRun[1]).toBe(Math.ceil(customerIds.length / 25))
    expect(chunksRun[0]).toBeGreaterThan(0)
    expect(chunksRun[1]).toBeGreaterThan(0)
    const after = await championRows()
    expect(after.map((p) => p.customerId).sort()).toEqual([...customerIds].sort())
    for (const row of after) expect(row.scoredAt.getTime()).toBeGreaterThan(before[0].scoredAt.getTime())
    // a week without orders raises nobody's purchase probability... on average it falls
    const mean = (rows: typeof before) => rows.reduce((sum, p) => sum + p.purchaseProbability, 0) / rows.length
    expect(mean(after)).toBeLessThan(mean(before))
  })

  it("takes customers asked for after their orders in one debounced batch", async () => {
    const rows = await championRows()
    const asked = rows.slice(0, 3).map((p) => p.customerId)
    const others = rows.slice(3)
    const started = Date.now()
    for (let i = 0; i < 10; i++) await consumers[0].requestRescore([asked[i % 3]], source, { debounceMs: 1_000, maxWaitMs: 60_000 })
    const batches = await consumers[0].queue.getJobs(["delayed", "waiting"])
    expect(batches.filter((job) => job.name === JOB_NAMES.scoreCustomers)).toHaveLength(1)
    await waitFor("the batch to be taken", async () => ((await consumers[0].pendingCount()) === 0 ? true : undefined), 60_000)
    await waitFor(
      "the asked-for customers to be rescored",
      async () => {
        const now = await championRows()
        const fresh = now.filter((p) => p.scoredAt.getTime() >= started)
        return fresh.length === 3 ? fresh : undefined
      },
      60_000
    )
    const now = await championRows()
    const fresh = new Set(now.filter((p) => p.scoredAt.getTime() >= started).map((p) => p.customerId))
    expect(fresh).toEqual(new Set(asked))
    expect(now.filter((p) => !fresh.has(p.customerId)).map((p) => p.scoredAt)).toEqual(others.map((p) => p.scoredAt))
  })

  it("with the plugin's default debounce and orders every 5 s for three minutes: the first customer is rescored before the stream ends, and every waiting customer when it has", async () => {
    // a queue of its own, taking 7 customers per batch
    const streamPrefix = uniquePrefix("stream")
    const consumer = new JobQueue({
      redisUrl: REDIS_URL,
      prefix: streamPrefix,
      consume: true,
      handlers: createJobHandlers({ store: opened.store, loadHistory: historyLoader() }),
      pendingBatch: 7,
    })
    consumer.start()
    try {
      const ids = (await championRows()).map((p) => p.customerId)
      // what the order subscriber asks for, with the options a merchant gets by default
      const debounce = eventDebounce(parsePluginOptions({}))
      expect(debounce).toEqual({ debounceMs: 30_000, maxWaitMs: 120_000 })
      const lastAsked = new Map<string, number>()
      const started = Date.now()
      for (let i = 0; Date.now() - started < 180_000; i++) {
        lastAsked.set(ids[i], Date.now())
        await consumer.requestRescore([ids[i]], source, debounce)
        await new Promise((resolve) => setTimeout(resolve, Math.max(0, started + (i + 1) * 5_000 - Date.now())))
      }
      const ended = Date.now()
      const firstCustomer = ids[0]
      const rowsAtEnd = new Map((await championRows()).map((p) => [p.customerId, p.scoredAt.getTime()]))
      // the first order's customer was rescored while orders were still coming
      expect(rowsAtEnd.get(firstCustomer)!).toBeGreaterThanOrEqual(lastAsked.get(firstCustomer)!)
      expect(rowsAtEnd.get(firstCustomer)!).toBeLessThan(ended)
      await waitFor(
        "every waiting customer to be taken",
        async () => {
          const open = await consumer.queue.getJobCounts("waiting", "delayed", "active")
          return (await consumer.pendingCount()) === 0 && open.waiting + open.delayed + open.active === 0 ? true : undefined
        },
        debounce.debounceMs + 60_000
      )
      const batches = (await consumer.queue.getJobs(["completed"])).filter((job) => job.name === JOB_NAMES.scoreCustomers)
      const first = batches.reduce((a, b) => (a.processedOn! < b.processedOn! ? a : b))
      console.log(`${lastAsked.size} orders over ${ended - started} ms: ${batches.length} rescoring jobs, the first started ${first.processedOn! - started} ms in and took ${(first.returnvalue as { batches: number }).batches} batches`)
      // within the maximum wait of the first order (and the scheduler's slack on a busy machine)
      expect(first.processedOn! - started).toBeLessThanOrEqual(debounce.maxWaitMs + 5_000)
      // a job took several batches of 7 in a row
      expect(Math.max(...batches.map((job) => (job.returnvalue as { batches: number }).batches))).toBeGreaterThan(1)
      // every customer asked for was rescored after their last request
      const rows = new Map((await championRows()).map((p) => [p.customerId, p.scoredAt.getTime()]))
      for (const [id, at] of lastAsked) expect({ id, fresh: rows.get(id)! >= at }).toEqual({ id, fresh: true })
    } finally {
      await consumer.close()
      await obliterate(streamPrefix)
    }
  }, 360_000)
})
