/**
 * No secret leaves the app: the plugin's Redis runs with a password (redis://:<password>@…)
 * and the database URL carries one too (the local Postgres trusts local connections, so
 * any password connects). The Redis goes up, down, and back with another password (so
 * the app's own is refused), while an admin trains, a storefront orders and the status
 * is read. Neither password appears in anything the process printed or logged (at any
 * level, error objects with their properties), nor in any admin response; and the
 * error paths did log, so the check is not vacuous.
 */
import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import type { MedusaContainer } from "@medusajs/framework/types"
import type MlModuleService from "../../src/modules/ml/service"
import { waitFor } from "../queue/harness"
import { adminHeaders, APP_DIR, configureTestApp, uniqueQueuePrefix } from "./helpers"
import { OutputCapture } from "./output-capture"
import { randomPassword, startPrivateRedis, type PrivateRedis } from "./private-redis"
import { seedHistory } from "./seed/history"
import { storefrontCheckout } from "./storefront-checkout"

jest.setTimeout(300_000)

const redisPassword = randomPassword()
const databasePassword = randomPassword()
// read by the runner when it is created below: the app's DATABASE_URL then holds this password
const previousDatabasePassword = process.env.DB_PASSWORD
process.env.DB_PASSWORD = databasePassword

const prefix = uniqueQueuePrefix("secrets")
const output = new OutputCapture()
let redis: PrivateRedis | undefined

// before the runner's hooks, so the app's boot is recorded too and it boots with the private Redis
beforeAll(async () => {
  output.start()
  redis = await startPrivateRedis({ password: redisPassword })
  configureTestApp({ workerMode: "shared", pluginOptions: { redisUrl: redis.url, queuePrefix: prefix, eventDebounceSeconds: 1 } })
})

afterAll(async () => {
  output.stop()
  await redis?.close()
  if (previousDatabasePassword === undefined) delete process.env.DB_PASSWORD
  else process.env.DB_PASSWORD = previousDatabasePassword
})

interface Answer {
  what: string
  status: number | "no answer"
  body: unknown
}

const ml = (container: MedusaContainer) => container.resolve<MlModuleService>("ml")

medusaIntegrationTestRunner({
  cwd: APP_DIR,
  testSuite: ({ api, getContainer, dbConfig }) => {
    const answers: Answer[] = []
    let logged = { down: "", refused: "" }

    // the whole story runs here; the tests below read what it left
    beforeAll(async () => {
      const container = getContainer()
      const seeded = await seedHistory(container, { customers: 20, days: 90, seed: 7, maxOrdersPerCustomer: 3 })
      const admin = { ...(await adminHeaders(container)), validateStatus: () => true, timeout: 60_000 }
      const ask = async (what: string, call: () => Promise<{ status: number; data: unknown }>) => {
        try {
          const { status, data } = await call()
          answers.push({ what, status, body: data })
        } catch (error) {
          answers.push({ what, status: "no answer", body: String(error) })
        }
      }
      const order = (email: string) =>
        storefrontCheckout(api, { regionId: seeded.regionId, publishableKey: seeded.publishableKey, variantId: seeded.products[0].variantId, email })
      const everyRead = async (phase: string) => {
        await ask(`${phase}: GET /admin/ml/status`, () => api.get("/admin/ml/status", admin))
        await ask(`${phase}: GET /admin/ml/readiness`, () => api.get("/admin/ml/readiness", admin))
        await ask(`${phase}: GET /admin/ml/models`, () => api.get("/admin/ml/models", admin))
      }

      // Redis up: a training runs to its end (too little data here: it fails, saying why)
      await everyRead("up")
      const train = await api.post("/admin/ml/train", {}, admin)
      answers.push({ what: "up: POST /admin/ml/train", status: train.status, body: train.data })
      const runId = train.data.run_id as string
      await waitFor(
        "the training to end",
        async () => ((await ml(container).store.trainingRun(runId))?.finishedAt ? true : undefined),
        120_000,
        500
      )
      await ask("up: GET /admin/ml/runs/:id", () => api.get(`/admin/ml/runs/${runId}`, admin))

      // Redis answers but refuses writes (out of memory): the training cannot be queued, its run fails saying why
      await redis!.configSet("maxmemory", "1")
      await ask("full: POST /admin/ml/train", () => api.post("/admin/ml/train", {}, admin))
      const [newest] = await ml(container).store.trainingRuns(1)
      await ask("full: GET /admin/ml/runs/:id", () => api.get(`/admin/ml/runs/${newest.id}`, admin))
      await redis!.configSet("maxmemory", "0")
      // the failed run does not hold back the next training
      await ask("writable again: POST /admin/ml/train", () => api.post("/admin/ml/train", {}, admin))
      await waitFor("every run to end", async () => ((await ml(container).store.trainingRuns(10)).every((r) => r.finishedAt) ? true : undefined), 120_000, 500)

      // Redis down: the worker's reconnects fail, an order and a training are asked for
      let mark = output.mark()
      await redis!.stop()
      await ask("down: storefront order", async () => {
        const done = await order(`down-${Date.now()}@medusa-ml.test`)
        return { status: done.status, data: done.body }
      })
      await ask("down: POST /admin/ml/train", () => api.post("/admin/ml/train", {}, admin))
      await everyRead("down")
      await waitFor("the lost connection to be logged", async () => (/ECONNREFUSED/.test(output.since(mark)) ? true : undefined), 30_000, 250)
      logged.down = output.since(mark)

      // Redis back, but asking for another password: the app's is refused
      mark = output.mark()
      await redis!.start({ password: randomPassword() })
      await waitFor("the refused password to be logged", async () => (/WRONGPASS/.test(output.since(mark)) ? true : undefined), 30_000, 250)
      await ask("refused: storefront order", async () => {
        const done = await order(`refused-${Date.now()}@medusa-ml.test`)
        return { status: done.status, data: done.body }
      })
      await ask("refused: POST /admin/ml/train", () => api.post("/admin/ml/train", {}, admin))
      await everyRead("refused")
      logged.refused = output.since(mark)

      // Redis back as configured: the app reconnects by itself, and what waited is done
      await redis!.stop()
      await redis!.start({ password: redisPassword })
      await waitFor("the queue to be reachable again", async () => ((await ml(container).status()).queue.reachable ? true : undefined), 60_000, 500)
      await new Promise((resolve) => setTimeout(resolve, 3_000))
      await everyRead("back")
      for (const run of await ml(container).store.trainingRuns(10)) {
        await ask(`back: GET /admin/ml/runs/${run.status}`, () => api.get(`/admin/ml/runs/${run.id}`, admin))
      }
    })

    it("runs the app on URLs that hold the passwords", () => {
      expect(redis!.url).toContain(`:${redisPassword}@`)
      expect(dbConfig.clientUrl).toContain(`:${databasePassword}@`)
    })

    it("logged the failures: the lost connection, then the refused password", () => {
      expect(logged.down).toMatch(/medusa-ml: .*ECONNREFUSED 127\.0\.0\.1:\d+/)
      expect(logged.refused).toMatch(/medusa-ml: .*WRONGPASS/)
    })

    it("prints and logs neither password, nor the database URL", () => {
      const everything = output.text()
      expect(everything.length).toBeGreaterThan(0)
      expect(everything).not.toContain(redisPassword)
      expect(everything).not.toContain(databasePassword)
      expect(everything).not.toContain(dbConfig.clientUrl)
    })

    it("answers every admin request without either password", () => {
      expect(answers.map((a) => a.what)).toContain("back: GET /admin/ml/status")
      for (const answer of answers) {
        const body = JSON.stringify(answer.body)
        expect({ what: answer.what, redis: body.includes(redisPassword) }).toEqual({ what: answer.what, redis: false })
        expect({ what: answer.what, database: body.includes(databasePassword) }).toEqual({ what: answer.what, database: false })
        expect({ what: answer.what, url: /postgres(ql)?:\/\/|redis:\/\/[^"]*@/.test(body) }).toEqual({ what: answer.what, url: false })
      }
    })

    it("fails a training that Redis refused to queue, saying why, and trains again once it accepts", () => {
      const byWhat = new Map(answers.map((a) => [a.what, a]))
      const refused = byWhat.get("full: POST /admin/ml/train")!
      expect(refused.status).toBe(503)
      expect(JSON.stringify(refused.body)).toMatch(/could not queue the training: OOM/)
      const run = (byWhat.get("full: GET /admin/ml/runs/:id")!.body as { run: { status: string; error: string } }).run
      expect(run.status).toBe("failed")
      expect(run.error).toMatch(/^could not queue the training: OOM/)
      expect(byWhat.get("writable again: POST /admin/ml/train")!.status).toBe(202)
    })

    it("still completes storefront orders, and answers a training request at once while Redis cannot be used", () => {
      const byWhat = new Map(answers.map((a) => [a.what, a]))
      for (const phase of ["down", "refused"]) {
        expect(byWhat.get(`${phase}: storefront order`)!.status).toBe(200)
        const train = byWhat.get(`${phase}: POST /admin/ml/train`)!
        expect(train.status).toBe(503)
        expect(JSON.stringify(train.body)).toMatch(/Redis is not reachable/)
        const status = byWhat.get(`${phase}: GET /admin/ml/status`)!
        expect((status.body as { status: { queue: { reachable: boolean } } }).status.queue.reachable).toBe(false)
      }
      expect((byWhat.get("back: GET /admin/ml/status")!.body as { status: { queue: { reachable: boolean } } }).status.queue.reachable).toBe(true)
    })
  },
})
