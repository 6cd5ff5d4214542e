import path from "node:path"
import jwt from "jsonwebtoken"
import { Queue } from "bullmq"
import type { MedusaContainer } from "@medusajs/framework/types"
import { Modules } from "@medusajs/framework/utils"
import { ML_QUEUE_NAME } from "../../src/queue/job-queue"

/** The folder of the test app's medusa-config.ts, passed to the runner as cwd. */
export const APP_DIR = path.join(__dirname, "app")
export const REDIS_URL = process.env.REDIS_URL ?? "redis://127.0.0.1:6379"

/** A queue prefix of this test file alone, so runs never see each other's jobs. */
export function uniqueQueuePrefix(name: string): string {
  return `mltest-${name}-${process.pid}-${Date.now().toString(36)}`
}

/**
 * Chooses the app's worker mode and plugin options. Must run before the runner
 * boots the app (at the top of a test file), since the config is read once.
 */
export function configureTestApp(options: { workerMode: "shared" | "worker" | "server"; pluginOptions: Record<string, unknown> }): void {
  process.env.ML_TEST_WORKER_MODE = options.workerMode
  process.env.ML_TEST_PLUGIN_OPTIONS = JSON.stringify(options.pluginOptions)
}

/** Creates an admin user and returns headers with a bearer token signed by the app's secret. */
export async function adminHeaders(container: MedusaContainer): Promise<{ headers: Record<string, string> }> {
  const userModule = container.resolve(Modules.USER)
  const authModule = container.resolve(Modules.AUTH)
  const email = `admin-${Date.now()}@medusa-ml.test`
  const user = await userModule.createUsers({ email })
  const identity = await authModule.createAuthIdentities({
    provider_identities: [{ provider: "emailpass", entity_id: email }],
    app_metadata: { user_id: user.id },
  })
  const token = jwt.sign(
    { actor_id: user.id, actor_type: "user", auth_identity_id: identity.id, app_metadata: { user_id: user.id } },
    process.env.JWT_SECRET as string,
    { expiresIn: "1h" }
  )
  return { headers: { authorization: `Bearer ${token}` } }
}

/** Workers connected to the plugin's queue under a prefix, as Redis itself reports them. */
export async function workersOnQueue(prefix: string): Promise<number> {
  const queue = new Queue(ML_QUEUE_NAME, { connection: { url: REDIS_URL }, prefix })
  try {
    return (await queue.getWorkers()).length
  } finally {
    await queue.close()
  }
}

/** Deletes every key of a test's queue prefix. */
export { obliterate as obliterateQueue } from "../queue/harness"
