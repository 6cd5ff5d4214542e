/**
 * Hostile input against the plugin's routes: ids and filter values shaped like SQL
 * injection or path tricks are refused (400 naming the field) or not found (404), never
 * a 5xx, and the tables are intact afterwards (every query is parameterized). A Redis
 * password given in the plugin options never appears in an answer.
 */
import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { adminHeaders, APP_DIR, configureTestApp, obliterateQueue, uniqueQueuePrefix } from "./helpers"

const PASSWORD = "s3cr3t-Pa55word"
const prefix = uniqueQueuePrefix("hostile")
// the local Redis has no password: ioredis warns and carries on, so the queue still works
configureTestApp({ workerMode: "shared", pluginOptions: { redisUrl: `redis://:${PASSWORD}@127.0.0.1:6379`, queuePrefix: prefix } })

const HOSTILE = ["' OR '1'='1", "1; DROP TABLE ml_customer_prediction; --", "../../etc/passwd", "%00", "x".repeat(5000), "<script>alert(1)</script>", "😀"]

medusaIntegrationTestRunner({
  cwd: APP_DIR,
  testSuite: ({ api, getContainer, dbConnection }) => {
    afterAll(async () => {
      await obliterateQueue(prefix)
    })

    it("answers hostile ids with 404 and hostile filters with 400 naming the field, never a 5xx", async () => {
      const admin = { ...(await adminHeaders(getContainer())), validateStatus: () => true }
      const answers: Array<[string, number, string]> = []
      for (const value of HOSTILE) {
        const id = encodeURIComponent(value)
        for (const path of [`/admin/ml/customers/${id}`, `/admin/ml/runs/${id}`, `/admin/ml/products/${id}/recommendations`]) {
          const { status } = await api.get(path, admin)
          answers.push([path.slice(0, 60), status, "id"])
          expect([404, 400]).toContain(status)
        }
        for (const field of ["segment", "risk_band", "min_clv", "sort", "order", "limit", "offset"]) {
          const { status, data } = await api.get("/admin/ml/customers", { ...admin, params: { [field]: value } })
          answers.push([field, status, JSON.stringify(data).slice(0, 80)])
          expect(status).toBe(400)
          expect(JSON.stringify(data)).toContain(field)
        }
      }
      expect(answers.every(([, status]) => status < 500)).toBe(true)
      const tables = await dbConnection.raw("SELECT table_name FROM information_schema.tables WHERE table_name LIKE 'ml\\_%' ORDER BY table_name")
      expect(tables.rows.map((r: { table_name: string }) => r.table_name)).toEqual([
        "ml_customer_prediction",
        "ml_erasure",
        "ml_migrations",
        "ml_model_version",
        "ml_readiness",
        "ml_recommendation",
        "ml_training_run",
      ])
    })

    it("never shows the Redis password, in the status or anywhere else the admin reads", async () => {
      const admin = { ...(await adminHeaders(getContainer())), validateStatus: () => true }
      const status = await api.get("/admin/ml/status", admin)
      expect(status.status).toBe(200)
      expect(status.data.status.queue).toMatchObject({ mode: "bullmq", prefix })
      for (const path of ["/admin/ml/status", "/admin/ml/models", "/admin/ml/readiness", "/admin/ml/customers"]) {
        const { data } = await api.get(path, admin)
        expect(JSON.stringify(data)).not.toContain(PASSWORD)
      }
    })
  },
})
