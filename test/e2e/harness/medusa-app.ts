/**
 * Boots the e2e app as a merchant runs it: a scratch Postgres database, `medusa
 * db:migrate`, an admin user (`medusa user`) and the seeded store (`medusa exec`), then
 * `medusa start` on a free port serving the built admin at /app (built meanwhile,
 * when the plugin's admin bundle changed). Everything it made
 * (the process group, the database, the queue's Redis keys) goes in `stop()`.
 */
import { mkdtempSync, readFileSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import path from "node:path"
import { obliterate, REDIS_URL, scratchDatabase, uniquePrefix, waitFor } from "../../queue/harness"
import { buildAdminIfChanged, E2E_APP_DIR, linkPlugin, REPO_ROOT } from "./app-files"
import { runChild, startChild, type RunningChild } from "./child-process"
import { freePort } from "./free-port"

const MEDUSA_BIN = path.join(REPO_ROOT, "node_modules/.bin/medusa")

export const ADMIN_EMAIL = "admin@medusa-ml.test"
export const ADMIN_PASSWORD = "e2e-admin-password"

export interface SeededStore {
  products: { productId: string; variantId: string; title: string }[]
  customerIds: string[]
  orders: number
}

export interface RunningApp {
  baseUrl: string
  seeded: SeededStore
  /** Seconds spent per boot step, for the report. */
  timings: Record<string, number>
  /** The server's recent output (for failure messages). */
  output(): string
  stop(): Promise<void>
}

/**
 * The environment of the app's commands, as a merchant runs them: without the test
 * runner's node options, the scratch database and the plugin's options (its own
 * queue prefix on the local Redis; readiness thresholds a small seeded store passes).
 */
export function appEnv(databaseUrl: string, queuePrefix: string, nodeEnv: "test" | "production"): NodeJS.ProcessEnv {
  const { NODE_OPTIONS: _testRunnerOptions, ...inherited } = process.env
  return {
    ...inherited,
    NODE_ENV: nodeEnv,
    LOG_LEVEL: process.env.LOG_LEVEL ?? "error",
    DATABASE_URL: databaseUrl,
    ML_E2E_PLUGIN_OPTIONS: JSON.stringify({
      redisUrl: REDIS_URL,
      queuePrefix,
      horizonDays: 30,
      churnWindowDays: 30,
      readiness: { minCustomersWithOrders: 20, minRepeatCustomers: 10, minHistoryDays: 60, minRecentOrders: 1 },
    }),
  }
}

/** `medusa start` on a free port in `cwd`, once it answers /health (at `host`, localhost by default). */
export async function startMedusa(medusaBin: string, cwd: string, env: NodeJS.ProcessEnv, host = "127.0.0.1"): Promise<{ server: RunningChild; baseUrl: string }> {
  const port = await freePort()
  const baseUrl = `http://${host}:${port}`
  const server = startChild(medusaBin, ["start", "-p", String(port)], { cwd, env })
  try {
    await waitFor(
      "the Medusa server to answer /health",
      async () => {
        if (server.process.exitCode !== null) throw new Error(`medusa start exited:\n${server.output().slice(-4000)}`)
        const ok = await fetch(`${baseUrl}/health`).then((r) => r.ok, () => false)
        return ok ? true : undefined
      },
      120_000,
      500
    )
  } catch (error) {
    await server.stop()
    throw error
  }
  return { server, baseUrl }
}

/** Seconds spent per named step, filled in as `timed` runs each step (for the tests' reports). */
export function stepTimer(): { timings: Record<string, number>; timed<T>(step: string, work: () => Promise<T>): Promise<T> } {
  const timings: Record<string, number> = {}
  const timed = async <T>(step: string, work: () => Promise<T>): Promise<T> => {
    const start = Date.now()
    try {
      return await work()
    } finally {
      timings[step] = (Date.now() - start) / 1000
    }
  }
  return { timings, timed }
}

export async function bootApp(): Promise<RunningApp> {
  const { timings, timed } = stepTimer()
  linkPlugin()
  // the dashboard build (vite) and the database steps (mostly Postgres) overlap
  const adminBuilt = timed("admin build", buildAdminIfChanged)
  adminBuilt.catch(() => undefined)
  const database = await scratchDatabase("e2e")
  const queuePrefix = uniquePrefix("e2e")
  let server: RunningChild | undefined
  const stop = async () => {
    await server?.stop()
    await obliterate(queuePrefix).catch(() => undefined)
    await database.drop()
  }
  try {
    const env = appEnv(database.url, queuePrefix, "test")
    const medusa = (args: string[]) => runChild(MEDUSA_BIN, args, { cwd: E2E_APP_DIR, env })
    await timed("db:migrate", () => medusa(["db:migrate"]))
    const seedDir = mkdtempSync(path.join(tmpdir(), "medusa-ml-e2e-"))
    const seedFile = path.join(seedDir, "seeded.json")
    // one after the other: each boots Medusa, which creates the default store on a fresh
    // database, and two at once race to create its price preferences ("already exists")
    await timed("user", () => medusa(["user", "-e", ADMIN_EMAIL, "-p", ADMIN_PASSWORD]))
    await timed("seed", () => medusa(["exec", "./seed.ts", seedFile]))
    const seeded = JSON.parse(readFileSync(seedFile, "utf8")) as SeededStore
    rmSync(seedDir, { recursive: true, force: true })
    await adminBuilt
    const started = await timed("start", () => startMedusa(MEDUSA_BIN, E2E_APP_DIR, env))
    server = started.server
    const { baseUrl } = started
    const running = started.server
    return { baseUrl, seeded, timings, output: running.output, stop }
  } catch (error) {
    await adminBuilt.catch(() => undefined)
    await stop()
    throw error
  }
}
