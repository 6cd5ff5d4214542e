/**
 * Erasure that sticks, in a real Medusa app with the plugin's own (private) Redis: a
 * customer deleted through Medusa's admin API (Medusa soft-deletes them, so their orders
 * keep `customer_id`) loses their predictions and lists at once, and no later work
 * brings them back: a rescore that was already pending, the nightly retrain with its
 * follow-ups, and a full rescoring flow. The same for a customer deleted while the
 * plugin's Redis is down (the erasure is written to the plugin's tables, not queued),
 * and for a deleted product, which leaves every list.
 */
import path from "node:path"
import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import type { MedusaContainer } from "@medusajs/framework/types"
import { Queue } from "bullmq"
import { In } from "typeorm"
import { JobQueue, ML_QUEUE_NAME } from "../../src/queue/job-queue"
import type MlModuleService from "../../src/modules/ml/service"
import { waitFor } from "../queue/harness"
import { APP_DIR, uniqueQueuePrefix } from "./helpers"
import type { SeededHistory } from "./seed/history"
import { appOnPrivateRedis, runEnded, seedAndTrain } from "./trained-app"

jest.setTimeout(600_000)

const NIGHTLY_RETRAIN = path.resolve(__dirname, "../../.medusa/server/src/jobs/nightly-retrain.js")
const STORE = { kind: "store" } as const

const prefix = uniqueQueuePrefix("erasure")
// no event work of its own during the test: every job below is started by the test
const app = appOnPrivateRedis({ queuePrefix: prefix, eventDebounceSeconds: 3600 })

const ml = (container: MedusaContainer) => container.resolve<MlModuleService>("ml")

/** Waits until the plugin's queue has nothing waiting, delayed, running or waiting for children. */
async function queueSettled(url: string): Promise<void> {
  const queue = new Queue(ML_QUEUE_NAME, { connection: { url }, prefix })
  try {
    await waitFor(
      "the plugin's queue to settle",
      async () => {
        const counts = await queue.getJobCounts("waiting", "delayed", "active", "waiting-children", "prioritized")
        return Object.values(counts).every((n) => n === 0) ? true : undefined
      },
      240_000,
      500
    )
  } finally {
    await queue.close()
  }
}

/** Every row the plugin holds about these customers and products, in every version. */
async function rowsAbout(container: MedusaContainer, customerIds: string[], productIds: string[]) {
  const { dataSource, entities } = ml(container).store.source
  const predictions = await dataSource.getRepository(entities.customerPrediction).find({ where: { customerId: In(customerIds) } })
  const recommendations = dataSource.getRepository(entities.recommendation)
  const lists = await recommendations.find({ where: { sourceType: In(["customer", "customer_new"]), sourceId: In(customerIds) } })
  const productEntries = [
    ...(await recommendations.find({ where: { productId: In(productIds) } })),
    ...(await recommendations.find({ where: { sourceType: In(["similar", "bought_together"]), sourceId: In(productIds) } })),
  ]
  return { predictions: predictions.length, lists: lists.length, productEntries: productEntries.length }
}

medusaIntegrationTestRunner({
  cwd: APP_DIR,
  testSuite: ({ api, getContainer }) => {
    let seeded: SeededHistory
    let admin: { headers: Record<string, string>; validateStatus: () => boolean }

    beforeAll(async () => {
      ;({ seeded, admin } = await seedAndTrain(api, getContainer(), { customers: 80, days: 240, seed: 11, maxOrdersPerCustomer: 5 }))
      await queueSettled(app.redis().url)
    })

    it("keeps deleted customers and products out of every prediction, list, export and admin answer, Redis up or down", async () => {
      const container = getContainer()
      const customers = [...seeded.customerIds.values()]
      // two customers who have predictions and "for you" lists, and a product that is listed
      const withLists = async (id: string) => (await rowsAbout(container, [id], [])).lists > 0
      const candidates: string[] = []
      for (const id of customers) if (candidates.length < 2 && (await withLists(id))) candidates.push(id)
      const [deletedUp, deletedDown] = candidates
      expect(candidates).toHaveLength(2)
      const product = seeded.products[0].productId
      const before = await rowsAbout(container, [deletedUp, deletedDown], [product])
      expect(before.predictions).toBe(2)
      expect(before.productEntries).toBeGreaterThan(0)

      // a rescore already pending for the first customer (and others) when they are deleted
      const producer = new JobQueue({ redisUrl: app.redis().url, prefix, consume: false, handlers: {} })
      try {
        await producer.requestRescore(customers.slice(0, 40).concat(deletedUp), STORE, { debounceMs: 3_000, maxWaitMs: 3_000 })
      } finally {
        await producer.close()
      }
      expect((await api.delete(`/admin/customers/${deletedUp}`, admin)).status).toBe(200)
      expect((await api.delete(`/admin/products/${product}`, admin)).status).toBe(200)
      // the subscribers run after the response: the rows are gone as soon as they have
      await waitFor("the erasures", async () => {
        const erased = await ml(container).store.erased()
        return erased.customers.has(deletedUp) && erased.products.has(product) ? true : undefined
      }, 30_000)
      expect(await rowsAbout(container, [deletedUp], [product])).toEqual({ predictions: 0, lists: 0, productEntries: 0 })

      // the plugin's Redis is down when the second customer is deleted
      await app.redis().stop()
      try {
        expect((await api.delete(`/admin/customers/${deletedDown}`, admin)).status).toBe(200)
        await waitFor("the erasure with Redis down", async () => ((await ml(container).store.erased()).customers.has(deletedDown) ? true : undefined), 30_000)
        expect(await rowsAbout(container, [deletedDown], [])).toEqual({ predictions: 0, lists: 0, productEntries: 0 })
      } finally {
        await app.redis().start()
      }
      await waitFor("the plugin's queue to reconnect", async () => ((await ml(container).status()).queue.reachable ? true : undefined), 60_000, 500)

      // the nightly retrain and what follows it (a promotion, or the champion's rescoring flow)
      const nightlyRetrain = require(NIGHTLY_RETRAIN).default as (container: MedusaContainer) => Promise<void>
      const startedAt = Date.now()
      await nightlyRetrain(container)
      const scheduled = (await ml(container).store.trainingRuns(5)).find((run) => run.trigger === "schedule" && run.createdAt.getTime() >= startedAt - 1_000)
      expect(scheduled).toBeDefined()
      const ended = await runEnded(container, scheduled!.id)
      expect({ status: ended.status, error: ended.error }).toEqual({ status: "succeeded", error: null })
      expect(ended.report?.data).toMatchObject({ erasedCustomersLeftOut: 2 })
      await queueSettled(app.redis().url)

      // a full rescoring flow that names every seeded customer, the deleted ones included
      const flows = new JobQueue({ redisUrl: app.redis().url, prefix, consume: false, handlers: {} })
      try {
        await flows.enqueueScoreFlow(customers, STORE, undefined, 25)
      } finally {
        await flows.close()
      }
      await queueSettled(app.redis().url)

      const deleted = [deletedUp, deletedDown]
      expect(await rowsAbout(container, deleted, [product])).toEqual({ predictions: 0, lists: 0, productEntries: 0 })
      // the others are still scored
      expect((await rowsAbout(container, customers.filter((id) => !deleted.includes(id)), [])).predictions).toBeGreaterThan(0)

      // the admin answers
      const list = await api.get("/admin/ml/customers?limit=100", admin)
      expect(list.status).toBe(200)
      const listed = (list.data.customers as { customer_id: string }[]).map((c) => c.customer_id)
      expect(listed.length).toBe(customers.length - 2)
      for (const id of deleted) expect(listed).not.toContain(id)
      const csv = await api.get("/admin/ml/customers/export", admin)
      expect(csv.status).toBe(200)
      for (const id of deleted) expect(String(csv.data)).not.toContain(id)
      expect(String(csv.data)).toContain(listed[0])
      for (const id of deleted) {
        const insight = await api.get(`/admin/ml/customers/${id}`, admin)
        expect(insight.data.status === "scored" || insight.data.prediction !== undefined).toBe(false)
        const own = await api.get(`/admin/ml/customers/${id}/recommendations`, admin)
        expect(own.data.recommendations ?? []).toEqual([])
      }
      const similar = await api.get(`/admin/ml/products/${seeded.products[1].productId}/recommendations`, admin)
      expect(similar.status).toBe(200)
      expect(JSON.stringify(similar.data)).not.toContain(product)
    })
  },
})
