import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { adminHeaders, APP_DIR, configureTestApp, obliterateQueue, REDIS_URL, uniqueQueuePrefix, workersOnQueue } from "./helpers"

const prefix = uniqueQueuePrefix("server")
configureTestApp({ workerMode: "server", pluginOptions: { redisUrl: REDIS_URL, queuePrefix: prefix } })

medusaIntegrationTestRunner({
  cwd: APP_DIR,
  testSuite: ({ api, getContainer }) => {
    afterAll(async () => {
      await obliterateQueue(prefix)
    })

    it("answers in server mode and starts no job worker", async () => {
      const response = await api.get("/admin/ml/status", await adminHeaders(getContainer()))
      expect(response.status).toBe(200)
      expect(response.data.status.worker_mode).toBe("server")
      expect(response.data.status.worker).toEqual({ running: false })
      expect(response.data.status.queue.reachable).toBe(true)
      expect(await workersOnQueue(prefix)).toBe(0)
    })
  },
})
