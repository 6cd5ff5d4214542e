/**
 * Boots bench/app as a merchant runs it: a scratch Postgres database, `medusa
 * db:migrate`, an admin user (`medusa user`), the seeded store (`medusa exec ./seed.ts`),
 * then `medusa start` on a free loopback port (again, as a fresh process, by `restart()`). Each command runs in its own process
 * group, so a failure or Ctrl-C stops it at once. `stop()` undoes everything the boot
 * made, in order: the server, the plugin's Redis keys, the database.
 */
import { existsSync, lstatSync, mkdirSync, mkdtempSync, readFileSync, readlinkSync, rmSync, symlinkSync, unlinkSync } from "node:fs"
import { tmpdir } from "node:os"
import path from "node:path"
import { scratchDatabase, waitFor } from "../../test/queue/harness"
import { startChild, type RunningChild } from "../../test/e2e/harness/child-process"
import { freePort } from "../../test/e2e/harness/free-port"
import type { BenchSeed } from "../app/seed"
import { deleteRedisKeys } from "./redis-keys"

export const REPO_ROOT = path.resolve(__dirname, "../..")
export const BENCH_APP_DIR = path.resolve(__dirname, "../app")
const MEDUSA_BIN = path.join(REPO_ROOT, "node_modules/.bin/medusa")

export const ADMIN_EMAIL = "admin@medusa-ml.bench"
export const ADMIN_PASSWORD = "bench-admin-password"

export interface BootOptions {
  /** Names the database and the messages. */
  name: string
  /** The plugin's options; the app runs without the plugin when absent. */
  pluginOptions?: { queuePrefix: string } & Record<string, unknown>
  /** Where each child and the app's own clean-up are registered as they appear, so an interrupted boot is undone too. */
  track: { child(child: RunningChild): void; add(what: string, task: () => Promise<void>): () => Promise<void> }
}

export interface BenchApp {
  name: string
  baseUrl: string
  seed: BenchSeed
  withPlugin: boolean
  /** Seconds per boot step. */
  timings: Record<string, number>
  /** The server's recent output, for failure messages. */
  output(): string
  /** Stops the server and starts a fresh process on the same database (on a new port: baseUrl changes). */
  restart(): Promise<void>
  stop(): Promise<void>
}

/** Links bench/app/node_modules/medusa-ml to the repository (relatively), as an installed plugin. */
export function linkBenchPlugin(): void {
  const modules = path.join(BENCH_APP_DIR, "node_modules")
  const link = path.join(modules, "medusa-ml")
  const target = path.relative(modules, REPO_ROOT)
  mkdirSync(modules, { recursive: true })
  let isLink = false
  try {
    isLink = lstatSync(link).isSymbolicLink()
  } catch {
    // no link yet
  }
  if (isLink) {
    if (readlinkSync(link) === target) return
    unlinkSync(link)
  } else if (existsSync(link)) {
    throw new Error(`${link} exists and is not the link to the repository; remove it`)
  }
  symlinkSync(target, link, "dir")
}

export async function bootBenchApp(options: BootOptions): Promise<BenchApp> {
  const timings: Record<string, number> = {}
  const database = await scratchDatabase(`bench_${options.name}`)
  let server: RunningChild | undefined
  const stop = options.track.add(`the ${options.name} app (server, Redis keys, database)`, async () => {
    await server?.stop()
    if (options.pluginOptions) await deleteRedisKeys(options.pluginOptions.queuePrefix)
    await database.drop()
  })
  const { NODE_OPTIONS: _parentOptions, ...inherited } = process.env
  const env: NodeJS.ProcessEnv = {
    ...inherited,
    NODE_ENV: "production",
    MEDUSA_DISABLE_TELEMETRY: "true",
    LOG_LEVEL: process.env.LOG_LEVEL ?? "error",
    DATABASE_URL: database.url,
    ...(options.pluginOptions ? { BENCH_ML_PLUGIN_OPTIONS: JSON.stringify(options.pluginOptions) } : { BENCH_ML_PLUGIN_OPTIONS: "" }),
  }
  const medusa = async (step: string, args: string[]) => {
    const start = Date.now()
    const child = startChild(MEDUSA_BIN, args, { cwd: BENCH_APP_DIR, env })
    options.track.child(child)
    const code = await new Promise<number | string>((resolve) => child.process.on("exit", (c, signal) => resolve(c ?? signal ?? "?")))
    timings[step] = (Date.now() - start) / 1000
    if (code !== 0) throw new Error(`[${options.name}] medusa ${args.join(" ")} exited with ${code}:\n${child.output().slice(-4000)}`)
  }
  const seedDir = mkdtempSync(path.join(tmpdir(), "medusa-ml-bench-"))
  try {
    await medusa("db:migrate", ["db:migrate"])
    const seedFile = path.join(seedDir, "seeded.json")
    await medusa("seed", ["exec", "./seed.ts", seedFile])
    if (options.pluginOptions) await medusa("user", ["user", "-e", ADMIN_EMAIL, "-p", ADMIN_PASSWORD])
    const seed = JSON.parse(readFileSync(seedFile, "utf8")) as BenchSeed
    const startServer = async (step: string) => {
      const port = await freePort()
      const baseUrl = `http://127.0.0.1:${port}`
      const started = Date.now()
      const running = startChild(MEDUSA_BIN, ["start", "-H", "127.0.0.1", "-p", String(port)], { cwd: BENCH_APP_DIR, env })
      server = running
      options.track.child(running)
      await waitFor(
        `the ${options.name} server to answer /health`,
        async () => {
          if (running.process.exitCode !== null) throw new Error(`[${options.name}] medusa start exited:\n${running.output().slice(-4000)}`)
          return (await fetch(`${baseUrl}/health`).then((r) => r.ok, () => false)) ? true : undefined
        },
        180_000,
        500
      )
      timings[step] = (Date.now() - started) / 1000
      app.baseUrl = baseUrl
    }
    const app: BenchApp = {
      name: options.name,
      baseUrl: "",
      seed,
      withPlugin: Boolean(options.pluginOptions),
      timings,
      output: () => server?.output() ?? "",
      restart: async () => {
        await server?.stop()
        await startServer("restart")
      },
      stop,
    }
    await startServer("start")
    return app
  } catch (error) {
    await stop().catch(() => undefined)
    throw error
  } finally {
    rmSync(seedDir, { recursive: true, force: true })
  }
}
