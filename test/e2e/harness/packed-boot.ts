/**
 * Boots the fresh app of packed-app.ts as a merchant deploys it (Medusa's production
 * steps): `medusa db:migrate`, an admin user, the seed, `medusa build`, then
 * `medusa start` from `.medusa/server` with NODE_ENV=production. The built server's
 * node_modules is the app's own (a link to <app>/node_modules, where the merchant's
 * `npm install` in .medusa/server would install the same packages).
 */
import { readFileSync, rmSync, symlinkSync } from "node:fs"
import path from "node:path"
import { obliterate, scratchDatabase, uniquePrefix } from "../../queue/harness"
import { runChild, type RunningChild } from "./child-process"
import { ADMIN_EMAIL, ADMIN_PASSWORD, appEnv, startMedusa, stepTimer } from "./medusa-app"
import { freshAppWith, packPlugin, PACKED_SEED, type PackedApp } from "./packed-app"

export interface PackedSeed {
  customerId: string
  productId: string
  orderId: string
  publishableKey: string
}

export interface RunningPackedApp {
  app: PackedApp
  baseUrl: string
  seeded: PackedSeed
  /** Seconds spent per step, for the report. */
  timings: Record<string, number>
  output(): string
  stop(): Promise<void>
}

/** Packs `repoDir`'s build, installs the tarball into a fresh app and starts the built server. */
export async function bootPackedApp(workDir: string, repoDir?: string): Promise<RunningPackedApp> {
  const { timings, timed } = stepTimer()
  const tarball = await timed("npm pack", () => packPlugin(workDir, repoDir))
  const app = await timed("fresh app", () => freshAppWith(tarball))
  const database = await scratchDatabase("packed")
  const queuePrefix = uniquePrefix("packed")
  let server: RunningChild | undefined
  const stop = async () => {
    await server?.stop()
    await obliterate(queuePrefix).catch(() => undefined)
    await database.drop()
    rmSync(app.appDir, { recursive: true, force: true })
  }
  try {
    const env = appEnv(database.url, queuePrefix, "production")
    const medusaBin = path.join(app.appDir, "node_modules/.bin/medusa")
    const medusa = (args: string[]) => runChild(medusaBin, args, { cwd: app.appDir, env })
    await timed("db:migrate", () => medusa(["db:migrate"]))
    const seedFile = path.join(app.appDir, "seeded.json")
    // one after the other: each boots Medusa, which creates the default store on a fresh
    // database, and two at once race to create its price preferences ("already exists")
    await timed("user", () => medusa(["user", "-e", ADMIN_EMAIL, "-p", ADMIN_PASSWORD]))
    await timed("seed", () => medusa(["exec", `./${PACKED_SEED}`, seedFile]))
    const seeded = JSON.parse(readFileSync(seedFile, "utf8")) as PackedSeed
    await timed("medusa build", () => medusa(["build"]))
    const serverDir = path.join(app.appDir, ".medusa/server")
    symlinkSync(path.join(app.appDir, "node_modules"), path.join(serverDir, "node_modules"), "dir")
    // localhost: the browser keeps a Secure cookie from http://localhost (a secure context), not from 127.0.0.1
    const started = await timed("start", () => startMedusa(medusaBin, serverDir, env, "localhost"))
    server = started.server
    return { app, baseUrl: started.baseUrl, seeded, timings, output: started.server.output, stop }
  } catch (error) {
    await stop()
    throw error
  }
}
