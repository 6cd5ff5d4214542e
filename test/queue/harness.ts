import { mkdtempSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import path from "node:path"
import { DataSource } from "typeorm"
import { simulateStore, writeOrdersCsv } from "../../src/core/simulate"
import { JobQueue, ML_QUEUE_NAME } from "../../src/queue/job-queue"
import { Queue } from "bullmq"

export const REDIS_URL = process.env.REDIS_URL ?? "redis://127.0.0.1:6379"
const POSTGRES_SERVER = process.env.ML_TEST_POSTGRES_SERVER ?? "postgres://postgres@127.0.0.1:5432"

/** A simulated store written as an orders CSV (generic format) in a temporary folder. */
export function simulatedOrdersFile(options: { customers: number; days: number; seed: number }): string {
  const folder = mkdtempSync(path.join(tmpdir(), "medusa-ml-queue-"))
  const file = path.join(folder, "orders.csv")
  const chunks: string[] = []
  writeOrdersCsv(simulateStore(options).lines, (chunk) => chunks.push(chunk))
  writeFileSync(file, chunks.join(""))
  return file
}

/** A queue prefix of this test alone, so runs never see each other's jobs. */
export function uniquePrefix(name: string): string {
  return `mltest-${name}-${process.pid}-${Date.now().toString(36)}`
}

/** A fresh Postgres database (for child processes, which take a URL); dropped by `drop()`. */
export async function scratchDatabase(name: string): Promise<{ url: string; drop(): Promise<void> }> {
  const database = `mltest_${name}_${process.pid}_${Math.floor(Math.random() * 1e6)}`
  const admin = new DataSource({ type: "postgres", url: `${POSTGRES_SERVER}/postgres` })
  await admin.initialize()
  await admin.query(`CREATE DATABASE "${database}"`)
  return {
    url: `${POSTGRES_SERVER}/${database}`,
    drop: async () => {
      await admin.query(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`)
      await admin.destroy()
    },
  }
}

/** Polls until `check` returns a value other than undefined, or fails after `timeoutMs`. */
export async function waitFor<T>(what: string, check: () => Promise<T | undefined>, timeoutMs: number, everyMs = 200): Promise<T> {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    const value = await check()
    if (value !== undefined) return value
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`)
    await new Promise((resolve) => setTimeout(resolve, everyMs))
  }
}

/** Deletes every key of a test's prefix. */
export async function obliterate(prefix: string): Promise<void> {
  const queue = new Queue(ML_QUEUE_NAME, { connection: { url: REDIS_URL }, prefix })
  try {
    await queue.obliterate({ force: true })
  } finally {
    await queue.close()
  }
}

export { JobQueue }
