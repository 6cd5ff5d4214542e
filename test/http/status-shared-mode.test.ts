import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { adminHeaders, APP_DIR, configureTestApp, obliterateQueue, REDIS_URL, uniqueQueuePrefix, workersOnQueue } from "./helpers"

const prefix = uniqueQueuePrefix("shared")
configureTestApp({ workerMode: "shared", pluginOptions: { redisUrl: REDIS_URL, queuePrefix: prefix } })

medusaIntegrationTestRunner({
  cwd: APP_DIR,
  testSuite: ({ api, getContainer, dbConnection }) => {
    afterAll(async () => {
      await obliterateQueue(prefix)
    })

    it("refuses GET /admin/ml/status without an admin", async () => {
      const response = await api.get("/admin/ml/status", { validateStatus: () => true })
      expect(response.status).toBe(401)
    })

    it("reports store and queue reachable to an admin, without secrets", async () => {
      const response = await api.get("/admin/ml/status", await adminHeaders(getContainer()))
      expect(response.status).toBe(200)
      const { status } = response.data
      expect(status.store).toEqual({ reachable: true, location: "medusa database", dialect: "postgres" })
      expect(status.queue).toEqual({ mode: "bullmq", reachable: true, prefix })
      expect(status.worker_mode).toBe("shared")
      expect(status.models).toEqual([])
      expect(status.counts).toEqual({ predictions: 0, recommendations: 0 })
      expect(JSON.stringify(status)).not.toMatch(/postgres:\/\//)
    })

    it("starts a job worker in shared mode", async () => {
      const response = await api.get("/admin/ml/status", await adminHeaders(getContainer()))
      expect(response.data.status.worker).toEqual({ running: true })
      expect(await workersOnQueue(prefix)).toBe(1)
    })

    it("has the plugin's tables in the app's database after db:migrate", async () => {
      const rows = await dbConnection.raw(
        "SELECT table_name FROM information_schema.tables WHERE table_name LIKE 'ml\\_%' ORDER BY table_name"
      )
      expect(rows.rows.map((r: { table_name: string }) => r.table_name)).toEqual([
        "ml_customer_prediction",
        "ml_erasure",
        "ml_migrations",
        "ml_model_version",
        "ml_readiness",
        "ml_recommendation",
        "ml_training_run",
      ])
    })
  },
})
