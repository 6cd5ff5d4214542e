/**
 * The plugin inside a real Medusa app, on the local Postgres and Redis: a store with
 * months of orders is trained through the queue; every customer with orders gets
 * predictions; a storefront order rescoring its customer through the subscriber;
 * deleted customers and products leave the stored results.
 */
import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { deleteCustomersWorkflow, deleteProductsWorkflow } from "@medusajs/medusa/core-flows"
import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { CUSTOMER_SCORES_TASK } from "../../src/engine/save-customer-scores"
import { RECOMMENDATIONS_TASK } from "../../src/engine/save-recommendations"
import type MlModuleService from "../../src/modules/ml/service"
import { waitFor } from "../queue/harness"
import { parse } from "csv-parse/sync"
import { Queue } from "bullmq"
import { ML_QUEUE_NAME } from "../../src/queue/job-queue"
import { adminHeaders, APP_DIR, configureTestApp, obliterateQueue, REDIS_URL, uniqueQueuePrefix } from "./helpers"
import { seedHistory, type SeededHistory } from "./seed/history"

jest.setTimeout(300_000)

const prefix = uniqueQueuePrefix("pipeline")
configureTestApp({
  workerMode: "shared",
  pluginOptions: {
    redisUrl: REDIS_URL,
    queuePrefix: prefix,
    horizonDays: 30,
    churnWindowDays: 30,
    eventDebounceSeconds: 2,
    customerGroups: { enabled: true, groups: { "At risk": ["at_risk", "cant_lose", "about_to_sleep"], "High value": ["champions", "loyal"] } },
    readiness: { minCustomersWithOrders: 20, minRepeatCustomers: 10, minHistoryDays: 60, minRecentOrders: 1 },
  },
})

const ml = (container: MedusaContainer) => container.resolve<MlModuleService>("ml")

async function championPredictions(container: MedusaContainer) {
  const champion = await ml(container).store.champion(CUSTOMER_SCORES_TASK)
  return champion ? ml(container).store.predictionsOf(champion.id) : []
}

medusaIntegrationTestRunner({
  cwd: APP_DIR,
  testSuite: ({ api, getContainer }) => {
    let seeded: SeededHistory

    let admin: { headers: Record<string, string>; validateStatus: () => boolean }

    // seeded and trained once, through the admin route: the runner snapshots the database after this and restores it before each test
    beforeAll(async () => {
      const container = getContainer()
      seeded = await seedHistory(container, { customers: 120, days: 240, seed: 3, maxOrdersPerCustomer: 5 })
      admin = { ...(await adminHeaders(container)), validateStatus: () => true }
      const started = await api.post("/admin/ml/train", {}, admin)
      expect(started.status).toBe(202)
      const run = await waitFor(
        "the training run to end",
        async () => {
          const { data } = await api.get(`/admin/ml/runs/${started.data.run_id}`, admin)
          return ["succeeded", "failed", "not_enough_data"].includes(data.run.status) ? data.run : undefined
        },
        240_000,
        500
      )
      expect({ status: run.status, error: run.error, progress: run.progress }).toEqual({ status: "succeeded", error: null, progress: 1 })
      // the job ends after its follow-ups (the customer groups): wait for it, so the snapshot holds them
      const queue = new Queue(ML_QUEUE_NAME, { connection: { url: REDIS_URL }, prefix })
      try {
        await waitFor(
          "the train job to complete",
          async () => ((await queue.getJobs(["completed"])).some((job) => job.data.runId === run.id) ? true : undefined),
          60_000,
          250
        )
      } finally {
        await queue.close()
      }
    })

    afterAll(async () => {
      await obliterateQueue(prefix)
    })

    it("gives every customer with orders predictions, and every sold product lists", async () => {
      const container = getContainer()
      const predictions = await championPredictions(container)
      expect(new Set(predictions.map((p) => p.customerId))).toEqual(new Set(seeded.customerIds.values()))
      for (const p of predictions) {
        expect(p.churnRisk).toBeGreaterThanOrEqual(0)
        expect(p.churnRisk).toBeLessThanOrEqual(1)
        expect(p.reasons.length).toBeGreaterThan(0)
      }
      const lists = await ml(container).store.champion(RECOMMENDATIONS_TASK)
      const rows = await ml(container).store.recommendationsOf(lists!.id)
      const listed = new Set(rows.filter((r) => r.sourceType === "bought_together").map((r) => r.sourceId))
      expect(listed.size).toBeGreaterThan(0)
      for (const id of listed) expect(seeded.products.map((p) => p.productId)).toContain(id)
    })

    it("lists the trained customers in the churn list: filtered, sorted, paged, exported, with reasons", async () => {
      const container = getContainer()
      const predictions = await championPredictions(container)
      const byClv = [...predictions].sort((a, b) => b.predictedClv - a.predictedClv || (a.customerId < b.customerId ? -1 : 1))
      const page = await api.get("/admin/ml/customers", { ...admin, params: { sort: "clv", order: "desc", limit: 10, offset: 10 } })
      expect(page.status).toBe(200)
      expect(page.data.count).toBe(predictions.length)
      expect(page.data.customers.map((c: { customer_id: string }) => c.customer_id)).toEqual(byClv.slice(10, 20).map((p) => p.customerId))
      const high = await api.get("/admin/ml/customers", { ...admin, params: { risk_band: "high", limit: 100 } })
      expect(high.data.count).toBe(predictions.filter((p) => p.churnRisk >= 0.7).length)
      const risks = high.data.customers.map((c: { churn_risk: number }) => c.churn_risk)
      expect(risks).toEqual([...risks].sort((a, b) => b - a))
      const csv = await api.get("/admin/ml/customers/export", { ...admin, params: { risk_band: "high" }, responseType: "text" })
      const rows: Array<Record<string, string>> = parse(csv.data, { columns: true })
      expect(rows).toHaveLength(high.data.count)
      expect(rows.slice(0, 100).map((r) => r.customer_id)).toEqual(high.data.customers.map((c: { customer_id: string }) => c.customer_id))
      const insight = await api.get(`/admin/ml/customers/${byClv[0].customerId}`, admin)
      expect(insight.data.status).toBe("scored")
      expect(insight.data.prediction.reasons.length).toBeGreaterThan(0)
      expect(insight.data.customer.email).toMatch(/@history\.medusa-ml\.test$/)
    })

    it("never shows the Web storefront a product it cannot sell, though both were bought", async () => {
      const hidden = Object.values(seeded.hiddenFromWeb)
      const headers = { headers: { "x-publishable-api-key": seeded.publishableKey }, validateStatus: () => true }
      const shown = new Set<string>()
      for (const product of seeded.products.slice(0, -2)) {
        for (const kind of ["similar", "bought_together"]) {
          const { status, data } = await api.get(`/store/products/${product.productId}/recommendations?kind=${kind}&limit=50`, headers)
          expect(status).toBe(200)
          for (const item of data.recommendations) shown.add(item.id)
        }
      }
      expect(shown.size).toBeGreaterThan(0)
      for (const id of hidden) expect(shown.has(id)).toBe(false)
      // they are in the stored lists all the same: the storefront filters them out
      const container = getContainer()
      const lists = await ml(container).store.champion(RECOMMENDATIONS_TASK)
      const stored = new Set((await ml(container).store.recommendationsOf(lists!.id)).map((r) => r.productId))
      expect(hidden.some((id) => stored.has(id))).toBe(true)
      for (const id of hidden) expect((await api.get(`/store/products/${id}/recommendations`, headers)).status).toBe(404)
    })

    it("keeps the customer groups holding exactly the customers of their segments", async () => {
      const container = getContainer()
      const predictions = await championPredictions(container)
      const expected = {
        "At risk": predictions.filter((p) => ["at_risk", "cant_lose", "about_to_sleep"].includes(p.segment)).map((p) => p.customerId).sort(),
        "High value": predictions.filter((p) => ["champions", "loyal"].includes(p.segment)).map((p) => p.customerId).sort(),
      }
      expect(expected["At risk"].length).toBeGreaterThan(0)
      expect(expected["High value"].length).toBeGreaterThan(0)
      const query = container.resolve(ContainerRegistrationKeys.QUERY)
      const groups = await waitFor(
        "the groups to be synced",
        async () => {
          const { data } = await query.graph({ entity: "customer_group", fields: ["name", "customers.id"], filters: { name: Object.keys(expected) } })
          const byName = Object.fromEntries(data.map((g: { name: string; customers: { id: string }[] }) => [g.name, g.customers.map((c) => c.id).sort()]))
          return Object.keys(byName).length === 2 ? byName : undefined
        },
        60_000,
        250
      )
      expect(groups).toEqual(expected)
    })

    it("rescores a customer after an order placed through the storefront's cart-complete flow", async () => {
      const container = getContainer()
      const [simulatedId, customerId] = [...seeded.customerIds.entries()][0]
      const before = (await championPredictions(container)).find((p) => p.customerId === customerId)!
      const headers = { headers: { "x-publishable-api-key": seeded.publishableKey } }
      const email = `${simulatedId}@history.medusa-ml.test`
      const { data: created } = await api.post("/store/carts", { region_id: seeded.regionId, email }, headers)
      const cartId = created.cart.id
      await api.post(`/store/carts/${cartId}/line-items`, { variant_id: seeded.products[0].variantId, quantity: 2 }, headers)
      const { data: collection } = await api.post("/store/payment-collections", { cart_id: cartId }, headers)
      await api.post(`/store/payment-collections/${collection.payment_collection.id}/payment-sessions`, { provider_id: "pp_system_default" }, headers)
      const { data: completed } = await api.post(`/store/carts/${cartId}/complete`, {}, headers)
      expect(completed.type).toBe("order")
      const query = container.resolve(ContainerRegistrationKeys.QUERY)
      const { data: orders } = await query.graph({ entity: "order", fields: ["customer_id"], filters: { id: completed.order.id } })
      expect(orders[0].customer_id).toBe(customerId)
      // the subscriber asks for a rescore; the debounced batch runs within the debounce window
      const after = await waitFor(
        "the customer to be rescored",
        async () => {
          const p = (await championPredictions(container)).find((row) => row.customerId === customerId)
          return p && p.scoredAt.getTime() > before.scoredAt.getTime() ? p : undefined
        },
        120_000,
        500
      )
      // an order today: the customer is as recent as can be
      expect(after.churnRisk).toBeLessThan(before.churnRisk)
    })

    it("deletes a deleted customer's predictions and a deleted product from every list", async () => {
      const container = getContainer()
      const customerId = [...seeded.customerIds.values()][1]
      const productId = seeded.products[0].productId
      await deleteCustomersWorkflow(container).run({ input: { ids: [customerId] } })
      await deleteProductsWorkflow(container).run({ input: { ids: [productId] } })
      await waitFor(
        "the customer's predictions to go",
        async () => ((await championPredictions(container)).some((p) => p.customerId === customerId) ? undefined : true),
        60_000,
        250
      )
      const lists = await ml(container).store.champion(RECOMMENDATIONS_TASK)
      await waitFor(
        "the product to leave every list",
        async () => {
          const rows = await ml(container).store.recommendationsOf(lists!.id)
          return rows.some((r) => r.productId === productId || r.sourceId === productId) ? undefined : true
        },
        60_000,
        250
      )
    })
  },
})
