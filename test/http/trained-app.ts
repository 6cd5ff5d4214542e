/**
 * What the HTTP tests that train on a seeded store share: the app on a private Redis of
 * the test file's own (stopped and started by the test to play an outage), and a store
 * seeded with history and trained once through `POST /admin/ml/train`.
 */
import type { MedusaContainer } from "@medusajs/framework/types"
import type MlModuleService from "../../src/modules/ml/service"
import type { TrainingRun } from "../../src/models"
import { waitFor } from "../queue/harness"
import { adminHeaders, configureTestApp } from "./helpers"
import { startPrivateRedis, type PrivateRedis } from "./private-redis"
import { seedHistory, type HistorySeedOptions, type SeededHistory } from "./seed/history"

/** The settings these tests train with: a small store is enough. */
export const SMALL_STORE_OPTIONS = {
  horizonDays: 30,
  churnWindowDays: 30,
  readiness: { minCustomersWithOrders: 20, minRepeatCustomers: 10, minHistoryDays: 60, minRecentOrders: 1 },
}

/**
 * Boots the test file's app with the plugin on a private Redis: call at the top of the
 * file, before the runner's own hooks (the app must boot with the private Redis's URL).
 * The server is closed after the runner's hooks, even when a test failed.
 */
export function appOnPrivateRedis(pluginOptions: Record<string, unknown>): { redis(): PrivateRedis } {
  let redis: PrivateRedis | undefined
  beforeAll(async () => {
    redis = await startPrivateRedis()
    configureTestApp({ workerMode: "shared", pluginOptions: { ...SMALL_STORE_OPTIONS, ...pluginOptions, redisUrl: redis.url } })
  })
  afterAll(async () => {
    await redis?.close()
  })
  return {
    redis: () => {
      if (!redis) throw new Error("the private Redis is not started yet")
      return redis
    },
  }
}

const ml = (container: MedusaContainer) => container.resolve<MlModuleService>("ml")

/** Waits until a training run has ended, whatever its outcome. */
export async function runEnded(container: MedusaContainer, runId: string, timeoutMs = 240_000): Promise<TrainingRun> {
  return waitFor(
    `run ${runId} to end`,
    async () => {
      const run = await ml(container).store.trainingRun(runId)
      return run && ["succeeded", "failed", "not_enough_data"].includes(run.status) ? run : undefined
    },
    timeoutMs,
    500
  )
}

type Api = { post(url: string, body: unknown, config: unknown): Promise<{ status: number; data: { run_id: string } }> }

export interface TrainedStore {
  seeded: SeededHistory
  /** An admin's headers; every status is an answer (no throw on 4xx). */
  admin: { headers: Record<string, string>; validateStatus: () => boolean }
  run: TrainingRun
}

/** Seeds the store, trains it through the admin route and checks that the run succeeded. */
export async function seedAndTrain(api: Api, container: MedusaContainer, seed: HistorySeedOptions): Promise<TrainedStore> {
  const seeded = await seedHistory(container, seed)
  const admin = { ...(await adminHeaders(container)), validateStatus: () => true }
  const started = await api.post("/admin/ml/train", {}, admin)
  expect(started.status).toBe(202)
  const run = await runEnded(container, started.data.run_id)
  expect({ status: run.status, error: run.error }).toEqual({ status: "succeeded", error: null })
  return { seeded, admin, run }
}
