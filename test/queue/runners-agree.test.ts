/**
 * One set of job handlers, two runners: every job kind run inline (a store without
 * Redis) and through BullMQ on the real Redis leaves the same stored results, on two
 * stores on the real Postgres that start the same. The sequence follows a store's life:
 * a first training, a retrain on unchanged data (what follows it is the engine's one
 * after-training rule), a rescore after orders, a rescoring flow at a later as-of, a
 * readiness check, the purges, and a payload that cannot run.
 */
import { createJobHandlers } from "../../src/engine/job-handlers"
import { historyLoader } from "../../src/engine/history-source"
import { InlineRunner } from "../../src/engine/inline-runner"
import { readinessFromRow } from "../../src/engine/readiness-check"
import type { JobRunner } from "../../src/engine/job-runner"
import { CUSTOMER_SCORES_TASK, RECOMMENDATIONS_TASK } from "../../src/engine/names"
import { JOB_NAMES, PAYLOAD_VERSION, type HistorySource, type JobName } from "../../src/engine/payloads"
import type { CustomerPrediction, Recommendation } from "../../src/models"
import type { MlStore } from "../../src/store/ml-store"
import { openScratchStore, type OpenedStore } from "../store/store-harness"
import { JobQueue, obliterate, REDIS_URL, simulatedOrdersFile, uniquePrefix, waitFor } from "./harness"

jest.setTimeout(300_000)

const source: HistorySource = { kind: "orders-file", path: simulatedOrdersFile({ customers: 400, days: 400, seed: 7 }), format: "generic", map: {} }
const trainPayload = { version: PAYLOAD_VERSION, trigger: "event", source, settings: { trials: 3 } }
const DAY = 86_400_000

const comparablePrediction = (p: CustomerPrediction) => ({ ...p, id: undefined, modelVersionId: undefined, scoredAt: undefined })
const comparableEntry = (r: Recommendation) => ({ ...r, id: undefined, modelVersionId: undefined })
const byCustomer = (a: { customerId: string }, b: { customerId: string }) => a.customerId.localeCompare(b.customerId)

/** Ids of versions and runs (in reports and metrics too) differ between two stores. */
const withoutStoredIds = <T>(value: T): T =>
  JSON.parse(JSON.stringify(value, (_key, v) => (typeof v === "string" && /^ml(ver|run)_[0-9a-z]+$/.test(v) ? "(id)" : v)))

/** What a store holds, without what differs between two writes of the same results (ids, times). */
async function stored(store: MlStore) {
  const scores = await store.champion(CUSTOMER_SCORES_TASK)
  const lists = await store.champion(RECOMMENDATIONS_TASK)
  const runs = await store.trainingRuns(50)
  const erased = await store.erased()
  const readiness = readinessFromRow(await store.readinessCheck())
  return withoutStoredIds({
    predictions: scores ? (await store.predictionsOf(scores.id)).map(comparablePrediction).sort(byCustomer) : [],
    lists: lists ? (await store.recommendationsOf(lists.id)).map(comparableEntry) : [],
    versions: (await store.modelVersions()).map((v) => ({ task: v.task, learner: v.learner, status: v.status, metrics: v.metrics })).reverse(),
    runs: runs.map((r) => ({ status: r.status, trigger: r.trigger, error: r.error, promotion: (r.report as { promotion?: unknown } | null)?.promotion })).reverse(),
    erased: { customers: [...erased.customers].sort(), products: [...erased.products].sort() },
    readiness: readiness && { ...readiness, checkedAt: undefined },
  })
}

async function scoredAt(store: MlStore): Promise<Map<string, number>> {
  const champion = await store.champion(CUSTOMER_SCORES_TASK)
  return new Map((await store.predictionsOf(champion!.id)).map((p) => [p.customerId, p.scoredAt.getTime()]))
}

describe("the inline and BullMQ runners", () => {
  const prefix = uniquePrefix("runners")
  let inlineStore: OpenedStore
  let queuedStore: OpenedStore
  let inline: InlineRunner
  let queue: JobQueue
  const inlineErrors: string[] = []

  beforeAll(async () => {
    inlineStore = await openScratchStore("postgres")
    queuedStore = await openScratchStore("postgres")
    inline = new InlineRunner(createJobHandlers({ store: inlineStore.store, loadHistory: historyLoader() }), {
      onError: (error, job) => inlineErrors.push(`${job}: ${(error as Error).message}`),
      batch: 150,
    })
    queue = new JobQueue({
      redisUrl: REDIS_URL,
      prefix,
      consume: true,
      pendingBatch: 150,
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

  /** Until the queue has nothing waiting, delayed, running or pending. */
  const queueIdle = () =>
    waitFor(
      "the queue to be idle",
      async () => {
        const counts = await queue.queue.getJobCounts("waiting", "delayed", "active", "waiting-children", "prioritized")
        const open = Object.values(counts).reduce((a, b) => a + b, 0)
        return open === 0 && (await queue.pendingCount()) === 0 ? true : undefined
      },
      240_000,
      200
    )

  /** Asks both runners for the same work and waits for all of it, follow-ups included. */
  async function onBoth(ask: (runner: JobRunner) => Promise<unknown>) {
    await ask(inline)
    await inline.idle()
    await ask(queue)
    await queueIdle()
    expect(inlineErrors).toEqual([])
    const [a, b] = [await stored(inlineStore.store), await stored(queuedStore.store)]
    expect(b).toEqual(a)
    return a
  }

  /** A job by name, for the kinds the Medusa side never asks a runner for (purges, a bad payload). */
  async function jobOnBoth(name: JobName, data: unknown) {
    const inlineResult = await inline.run(name, data).then(
      (value) => ({ value }),
      (error: Error) => ({ error: error.message })
    )
    const job = await queue.queue.add(name, data)
    await queueIdle()
    const done = (await queue.queue.getJob(job.id!))!
    const queuedResult = done.failedReason ? { error: done.failedReason } : { value: done.returnvalue }
    expect(queuedResult).toEqual(inlineResult)
    expect(await stored(queuedStore.store)).toEqual(await stored(inlineStore.store))
    return { inlineResult, attempts: done.attemptsMade }
  }

  it("train: the same champions, predictions and lists", async () => {
    const after = await onBoth((runner) => runner.enqueueTrain(trainPayload as never))
    expect(after.predictions.length).toBeGreaterThan(300)
    expect(after.lists.length).toBeGreaterThan(0)
    expect(after.runs).toMatchObject([{ status: "succeeded", trigger: "event" }])
    // the BullMQ run reported the job's progress to the end
    expect((await queuedStore.store.trainingRuns(1))[0]).toMatchObject({ stage: "done", progress: 1 })
  })

  it("a retrain on unchanged data: the same decision, and the same follow-up (a champion that stays is rescored)", async () => {
    const started = Date.now()
    const after = await onBoth((runner) => runner.enqueueTrain({ ...trainPayload, settings: { trials: 3, seed: 2 } } as never))
    expect(after.runs).toHaveLength(2)
    // whichever way the comparison went, every prediction was written after this training began
    for (const store of [inlineStore.store, queuedStore.store]) {
      for (const at of (await scoredAt(store)).values()) expect(at).toBeGreaterThanOrEqual(started)
    }
  })

  it("score-customers after orders: the same rows, only the asked customers rewritten", async () => {
    const asked = [...(await scoredAt(inlineStore.store)).keys()].slice(0, 200)
    const started = Date.now()
    await onBoth((runner) => runner.requestRescore(asked, source, { debounceMs: 200, maxWaitMs: 1_000 }))
    for (const store of [inlineStore.store, queuedStore.store]) {
      const rewritten = [...(await scoredAt(store))].filter(([, at]) => at >= started).map(([id]) => id)
      expect(new Set(rewritten)).toEqual(new Set(asked))
    }
  })

  it("a rescoring flow at a later as-of: the same new predictions for every customer", async () => {
    const before = await stored(inlineStore.store)
    const ids = before.predictions.map((p) => p.customerId)
    const champion = await inlineStore.store.champion(CUSTOMER_SCORES_TASK)
    const asOf = champion!.dataCutoff!.getTime() + 60 * DAY
    const after = await onBoth((runner) => runner.enqueueScoreFlow(ids, source, asOf))
    // two months on, recency moved: the predictions changed
    expect(after.predictions.filter((p, i) => p.churnRisk !== before.predictions[i].churnRisk).length).toBeGreaterThan(100)
  })

  it("check-readiness: the same stored check", async () => {
    const after = await onBoth((runner) => runner.requestReadinessCheck({ version: PAYLOAD_VERSION, source, settings: { horizonDays: 60 } }))
    expect(after.readiness).toMatchObject({ windows: { horizonDays: 60, churnWindowDays: 60 }, readiness: { ready: true } })
  })

  it("purge-customer and purge-product: the same rows left and the same erasures", async () => {
    const [customer] = (await stored(inlineStore.store)).predictions
    const product = (await stored(inlineStore.store)).lists[0].productId
    await jobOnBoth(JOB_NAMES.purgeCustomer, { version: PAYLOAD_VERSION, customerIds: [customer.customerId] })
    await jobOnBoth(JOB_NAMES.purgeProduct, { version: PAYLOAD_VERSION, productIds: [product] })
    const after = await stored(inlineStore.store)
    expect(after.predictions.map((p) => p.customerId)).not.toContain(customer.customerId)
    expect(after.lists.filter((e) => e.productId === product || e.sourceId === product)).toEqual([])
  })

  it("a bad payload: the same error naming the field, once, and the same failed run", async () => {
    const { inlineResult, attempts } = await jobOnBoth(JOB_NAMES.train, { ...trainPayload, settings: { trials: 1000 } })
    expect(inlineResult).toEqual({ error: expect.stringMatching(/settings\.trials/) })
    expect(attempts).toBe(1)
    expect((await stored(queuedStore.store)).runs.at(-1)).toMatchObject({ status: "failed" })
  })
})
