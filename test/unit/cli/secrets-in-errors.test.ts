/**
 * The `medusa-ml` command, in its own process, given URLs with passwords that fail: an
 * unreachable database (train, worker), an unreachable Redis and a Redis that refuses the
 * password (worker, which retries until stopped). What it prints names what failed, with
 * the URL's password as "***", and never the password itself.
 */
import { spawn } from "node:child_process"
import { mkdtempSync, rmSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import path from "node:path"
import { simulateStore, writeOrdersCsv } from "../../../src/core/simulate"
import { randomPassword, startPrivateRedis, type PrivateRedis } from "../../http/private-redis"

const BIN = path.resolve(__dirname, "../../../bin/medusa-ml.js")
const DB_PASSWORD = "pa55word"
const UNREACHABLE_DB = `postgres://user:${DB_PASSWORD}@127.0.0.1:1/x`
const REDIS_PASSWORD = randomPassword()

interface Run {
  code: number | null
  stdout: string
  stderr: string
}

/**
 * Runs the command. With `stopWhen`, a command that would run on (a worker) is sent SIGTERM
 * once its output matches, and killed if it is still there 5 s later.
 */
function medusaMl(args: string[], options: { stopWhen?: RegExp; timeoutMs?: number } = {}): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { env: { ...process.env, NODE_OPTIONS: "" } })
    let stdout = ""
    let stderr = ""
    let stopping = false
    const stop = () => {
      if (stopping) return
      stopping = true
      child.kill("SIGTERM")
      setTimeout(() => child.kill("SIGKILL"), 5_000).unref()
    }
    const seen = () => {
      if (options.stopWhen?.test(stdout + stderr)) stop()
    }
    child.stdout.on("data", (chunk) => ((stdout += chunk), seen()))
    child.stderr.on("data", (chunk) => ((stderr += chunk), seen()))
    const timer = setTimeout(stop, options.timeoutMs ?? 60_000)
    child.on("error", reject)
    child.on("exit", (code) => {
      clearTimeout(timer)
      resolve({ code, stdout, stderr })
    })
  })
}

describe("medusa-ml keeps passwords out of what it prints", () => {
  let work: string
  let orders: string
  let redis: PrivateRedis | undefined

  beforeAll(async () => {
    work = mkdtempSync(path.join(tmpdir(), "medusa-ml-secrets-"))
    orders = path.join(work, "orders.csv")
    const chunks: string[] = []
    writeOrdersCsv(simulateStore({ customers: 30, days: 120, seed: 4 }).lines, (chunk) => chunks.push(chunk))
    writeFileSync(orders, chunks.join(""))
  })

  afterAll(async () => {
    await redis?.close()
    rmSync(work, { recursive: true, force: true })
  })

  it("train: an unreachable database fails naming --db and its address, without the password", async () => {
    const run = await medusaMl(["train", "--orders", orders, "--format", "generic", "--db", UNREACHABLE_DB])
    expect(run.code).toBe(1)
    expect(run.stderr).toContain("--db: cannot open postgres://user:***@127.0.0.1:1/x: connect ECONNREFUSED 127.0.0.1:1")
    expect(run.stdout + run.stderr).not.toContain(DB_PASSWORD)
  }, 60_000)

  it("worker: an unreachable database fails before Redis is used, without either password", async () => {
    const run = await medusaMl(["worker", "--db", UNREACHABLE_DB, "--redis", `redis://:${REDIS_PASSWORD}@127.0.0.1:1`])
    expect(run.code).toBe(1)
    expect(run.stderr).toContain("--db: cannot open postgres://user:***@127.0.0.1:1/x: connect ECONNREFUSED 127.0.0.1:1")
    expect(run.stdout + run.stderr).not.toContain(DB_PASSWORD)
    expect(run.stdout + run.stderr).not.toContain(REDIS_PASSWORD)
  }, 60_000)

  it("worker: an unreachable Redis is reported as it retries, without the password", async () => {
    const db = `sqlite:${path.join(work, "unreachable-redis.db")}`
    const run = await medusaMl(["worker", "--db", db, "--redis", `redis://:${REDIS_PASSWORD}@127.0.0.1:1`], {
      stopWhen: /(ECONNREFUSED 127\.0\.0\.1:1[\s\S]*){2}/,
    })
    expect(run.stdout).toContain("on redis://:***@127.0.0.1:1;")
    expect(run.stderr).toMatch(/medusa-ml worker: connect ECONNREFUSED 127\.0\.0\.1:1/)
    expect(run.stdout + run.stderr).not.toContain(REDIS_PASSWORD)
  }, 60_000)

  it("worker: a Redis that refuses the password is reported, without the password", async () => {
    // a private server that asks for another password than the one given
    redis = await startPrivateRedis({ password: randomPassword() })
    const db = `sqlite:${path.join(work, "refused-redis.db")}`
    const run = await medusaMl(["worker", "--db", db, "--redis", `redis://:${REDIS_PASSWORD}@127.0.0.1:${redis.port}`], {
      stopWhen: /WRONGPASS/,
    })
    expect(run.stdout).toContain(`on redis://:***@127.0.0.1:${redis.port};`)
    expect(run.stderr).toMatch(/medusa-ml worker: WRONGPASS/)
    expect(run.stdout + run.stderr).not.toContain(REDIS_PASSWORD)
  }, 60_000)
})
