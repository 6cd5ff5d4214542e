import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { Queue } from "bullmq"
import { ML_QUEUE_NAME } from "../../src/queue/job-queue"
import type MlModuleService from "../../src/modules/ml/service"
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

    it("queues a training for the workers and runs none in this process", async () => {
      const response = await api.post("/admin/ml/train", {}, await adminHeaders(getContainer()))
      expect(response.status).toBe(202)
      const runId = response.data.run_id
      // give a worker, if there were one in this process, time to take the job
      await new Promise((resolve) => setTimeout(resolve, 3_000))
      const queue = new Queue(ML_QUEUE_NAME, { connection: { url: REDIS_URL }, prefix })
      try {
        const jobs = await queue.getJobs(["waiting", "active", "completed", "failed"])
        expect(jobs.map((job) => [job.name, job.data.runId])).toEqual([["train", runId]])
        expect(await jobs[0].getState()).toBe("waiting")
      } finally {
        await queue.close()
      }
      const run = await getContainer().resolve<MlModuleService>("ml").store.trainingRun(runId)
      expect(run).toMatchObject({ status: "queued", trigger: "admin", startedAt: null })
    })
  },
})
