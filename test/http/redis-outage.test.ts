/**
 * The plugin's Redis stops during checkout (a private redis-server; Medusa's own event
 * bus in this app is in-memory, so only the plugin loses Redis): storefront orders still
 * complete, for a known customer and for a new one, nothing is thrown into Medusa, and
 * the scheduled retrain (called as Medusa's scheduler calls it) returns at once, saying
 * why it could not start. When Redis is back, the next scheduled retrain brings every
 * customer up to date, the ones who ordered during the outage included.
 */
import path from "node:path"
import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { Queue } from "bullmq"
import { CUSTOMER_SCORES_TASK } from "../../src/engine/save-customer-scores"
import { ML_QUEUE_NAME } from "../../src/queue/job-queue"
import type MlModuleService from "../../src/modules/ml/service"
import type { CustomerPrediction } from "../../src/models"
import { waitFor } from "../queue/harness"
import { adminHeaders, APP_DIR, configureTestApp, uniqueQueuePrefix } from "./helpers"
import { OutputCapture } from "./output-capture"
import { startPrivateRedis, type PrivateRedis } from "./private-redis"
import { seedHistory, type SeededHistory } from "./seed/history"
import { storefrontCheckout, type CompletedCheckout } from "./storefront-checkout"

jest.setTimeout(420_000)

/** The scheduled job as Medusa loads it: from the plugin's build. */
const NIGHTLY_RETRAIN = path.resolve(__dirname, "../../.medusa/server/src/jobs/nightly-retrain.js")
/** A checkout that waited on the lost Redis would take at least this long. */
const GENEROUS_COMPLETE_MS = 60_000

const prefix = uniqueQueuePrefix("outage")
let redis: PrivateRedis | undefined

// before the runner's own hooks: the app must boot with the private Redis's URL
beforeAll(async () => {
  redis = await startPrivateRedis()
  configureTestApp({
    workerMode: "shared",
    pluginOptions: {
      redisUrl: redis.url,
      queuePrefix: prefix,
      horizonDays: 30,
      churnWindowDays: 30,
      // order events would rescore and retrain only after the test: what catches up is the scheduled run
      eventDebounceSeconds: 3600,
      readiness: { minCustomersWithOrders: 20, minRepeatCustomers: 10, minHistoryDays: 60, minRecentOrders: 1 },
    },
  })
})

// after the runner's own hooks (the app is closed by then), even when a test failed
afterAll(async () => {
  await redis?.close()
})

const ml = (container: MedusaContainer) => container.resolve<MlModuleService>("ml")

async function championPredictions(container: MedusaContainer): Promise<CustomerPrediction[]> {
  const champion = await ml(container).store.champion(CUSTOMER_SCORES_TASK)
  return champion ? ml(container).store.predictionsOf(champion.id) : []
}

/** Waits until the queue's train jobs have all completed (their follow-ups are queued by then). */
async function trainJobsDone(url: string, count: number): Promise<void> {
  const queue = new Queue(ML_QUEUE_NAME, { connection: { url }, prefix })
  try {
    await waitFor(
      `${count} train job(s) to complete`,
      async () => ((await queue.getJobs(["completed"])).filter((job) => job.name === "train").length >= count ? true : undefined),
      120_000,
      250
    )
  } finally {
    await queue.close()
  }
}

medusaIntegrationTestRunner({
  cwd: APP_DIR,
  testSuite: ({ api, getContainer }) => {
    let seeded: SeededHistory

    // a store with history, trained once through the admin route
    beforeAll(async () => {
      const container = getContainer()
      seeded = await seedHistory(container, { customers: 80, days: 240, seed: 5, maxOrdersPerCustomer: 5 })
      const admin = { ...(await adminHeaders(container)), validateStatus: () => true }
      const started = await api.post("/admin/ml/train", {}, admin)
      expect(started.status).toBe(202)
      const run = await waitFor(
        "the first training to end",
        async () => {
          const found = await ml(container).store.trainingRun(started.data.run_id)
          return found && ["succeeded", "failed", "not_enough_data"].includes(found.status) ? found : undefined
        },
        240_000,
        500
      )
      expect({ status: run.status, error: run.error }).toEqual({ status: "succeeded", error: null })
      await trainJobsDone(redis!.url, 1)
    })

    it("completes orders while Redis is down, throws nothing, and the next scheduled run catches every customer up", async () => {
      const container = getContainer()
      const before = await championPredictions(container)
      expect(before.length).toBe(seeded.customerIds.size)
      // the customer most at risk: an order today must bring the risk down
      const stale = [...before].sort((a, b) => b.churnRisk - a.churnRisk)[0]
      const simulatedId = [...seeded.customerIds.entries()].find(([, id]) => id === stale.customerId)![0]

      const thrown: unknown[] = []
      const onThrown = (error: unknown) => thrown.push(error)
      process.on("unhandledRejection", onThrown)
      process.on("uncaughtException", onThrown)
      const output = new OutputCapture()
      output.start()
      const nightlyRetrain = require(NIGHTLY_RETRAIN).default as (container: MedusaContainer) => Promise<void>
      let known!: CompletedCheckout
      let newcomer!: CompletedCheckout
      const outageStarted = new Date()
      try {
        await redis!.stop()
        const checkout = { regionId: seeded.regionId, publishableKey: seeded.publishableKey, variantId: seeded.products[1].variantId, quantity: 2 }
        known = await storefrontCheckout(api, { ...checkout, email: `${simulatedId}@history.medusa-ml.test` })
        newcomer = await storefrontCheckout(api, { ...checkout, email: `newcomer-${Date.now()}@medusa-ml.test` })
        // the order subscribers run after the response: give them time to fail (or hang) while Redis is still down
        await new Promise((resolve) => setTimeout(resolve, 5_000))
        const status = await ml(container).status()
        expect(status.queue.reachable).toBe(false)
        // the scheduler's run at this moment returns, and leaves no run waiting for a Redis that is gone
        const scheduling = nightlyRetrain(container).then(() => "returned")
        expect(await Promise.race([scheduling, new Promise((resolve) => setTimeout(() => resolve("still waiting"), 30_000))])).toBe("returned")
        expect((await ml(container).store.trainingRuns(5)).filter((run) => run.createdAt >= outageStarted)).toEqual([])
      } finally {
        output.stop()
        process.removeListener("unhandledRejection", onThrown)
        process.removeListener("uncaughtException", onThrown)
      }
      expect(thrown).toEqual([])
      // what was logged meanwhile: the lost connection, and no subscriber failure reported by Medusa's event bus
      expect(output.text()).toMatch(/medusa-ml: .*ECONNREFUSED/)
      expect(output.text()).not.toMatch(/An error occurred while processing/)
      expect(output.text()).toMatch(/medusa-ml: nightly retrain could not start: the job queue's Redis is not reachable/)
      for (const checkout of [known, newcomer]) {
        expect({ status: checkout.status, type: checkout.type }).toEqual({ status: 200, type: "order" })
        expect(checkout.completeMs).toBeLessThan(GENEROUS_COMPLETE_MS)
      }
      const query = container.resolve(ContainerRegistrationKeys.QUERY)
      const { data: orders } = await query.graph({
        entity: "order",
        fields: ["id", "customer_id", "created_at"],
        filters: { id: [known.orderId!, newcomer.orderId!] },
      })
      const customerOf = new Map(orders.map((o: { id: string; customer_id: string }) => [o.id, o.customer_id]))
      expect(customerOf.get(known.orderId!)).toBe(stale.customerId)
      const newCustomerId = customerOf.get(newcomer.orderId!)
      expect(newCustomerId).toBeTruthy()
      expect([...seeded.customerIds.values()]).not.toContain(newCustomerId)
      const lastOrderAt = Math.max(...orders.map((o: { created_at: string | Date }) => new Date(o.created_at).getTime()))

      // Redis is back on the same port; the plugin reconnects by itself
      await redis!.start()
      await waitFor("the plugin's queue to reconnect", async () => ((await ml(container).status()).queue.reachable ? true : undefined), 60_000, 500)

      await nightlyRetrain(container)
      const runs = await ml(container).store.trainingRuns(5)
      const scheduled = runs.find((run) => run.trigger === "schedule" && run.createdAt.getTime() >= outageStarted.getTime())
      expect(scheduled).toBeDefined()
      const ended = await waitFor(
        "the scheduled training to end",
        async () => {
          const run = await ml(container).store.trainingRun(scheduled!.id)
          return run && ["succeeded", "failed", "not_enough_data"].includes(run.status) ? run : undefined
        },
        240_000,
        500
      )
      expect({ status: ended.status, error: ended.error }).toEqual({ status: "succeeded", error: null })

      // whether the new models won or the champion stayed (and rescored everyone), every customer is scored after the outage
      const everyone = new Set([...seeded.customerIds.values(), newCustomerId as string])
      const after = await waitFor(
        "every customer to be scored after the outage orders",
        async () => {
          const predictions = await championPredictions(container)
          const fresh = predictions.filter((p) => everyone.has(p.customerId) && p.scoredAt.getTime() > lastOrderAt)
          return fresh.length === everyone.size ? predictions : undefined
        },
        180_000,
        1_000
      )
      const staleAfter = after.find((p) => p.customerId === stale.customerId)!
      // the outage order counts: the customer is as recent as can be
      expect(staleAfter.churnRisk).toBeLessThan(stale.churnRisk)
    })
  },
})
