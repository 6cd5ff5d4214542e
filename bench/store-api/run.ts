/**
 * npm run bench:store — the plugin's storefront cost inside a running Medusa app.
 *
 * Boots bench/app twice as a merchant runs it (scratch Postgres databases, the same
 * seeded store): "ml" with the plugin (real Redis, a unique queue prefix), "plain"
 * without. On "ml", after a training through the admin API, it measures on loopback
 * with autocannon (50 connections, fixed duration after a warm-up, rounds A B C):
 *   A. GET /store/products/:id/recommendations (ours), B. GET /store/products/:id
 *   (Medusa's), both rotating over the seeded products with the same publishable key;
 *   C. ours again while trainings run back to back in the same process (shared mode).
 * Then it restarts both servers and completes carts alternately on "ml" and "plain",
 * timing each POST /store/carts/:id/complete. Figures are medians over rounds; the
 * summary gives each goal and whether it was met. Everything it made (processes,
 * databases, Redis keys) is removed on exit, also on failure or Ctrl-C.
 *
 * Options: --duration <s> per measurement (10), --rounds <n> (5), --warmup <s> (2),
 * --connections <n> (50), --carts <n> per app (150), --json <file> for the results.
 * BENCH_SEED_HISTORY (JSON, see bench/app/seed.ts) changes the size of both stores.
 */
import { writeFileSync } from "node:fs"
import os from "node:os"
import path from "node:path"
import { parseArgs } from "node:util"
import { REDIS_URL, uniquePrefix } from "../../test/queue/harness"
import { bootBenchApp, linkBenchPlugin, type BenchApp } from "./bench-app"
import { measureCheckout } from "./checkout"
import { Cleanup } from "./cleanup"
import { checkRoute, measureLoad, type LoadResult, type LoadSettings } from "./load"
import { MlAdmin, trainOnce } from "./ml-admin"
import { countRedisKeys } from "./redis-keys"
import { checkoutTable, figures, mediansTable, roundsTable, summaryTable, trainingTable, type Round } from "./report"
import { checkServesStoredLists, medusaProductRoute, recommendationsRoute } from "./store-routes"
import { measureWhileTraining, waitForQueueIdle } from "./training-load"

const log = (line: string) => process.stdout.write(`${line}\n`)

function options() {
  const { values } = parseArgs({
    options: {
      duration: { type: "string", default: "10" },
      rounds: { type: "string", default: "5" },
      warmup: { type: "string", default: "2" },
      connections: { type: "string", default: "50" },
      carts: { type: "string", default: "150" },
      json: { type: "string" },
    },
  })
  const positive = (name: string, text: string | undefined) => {
    const n = Number(text)
    if (!Number.isFinite(n) || n <= 0) throw new Error(`--${name} must be a positive number, got ${text}`)
    return n
  }
  const nonNegative = (name: string, text: string | undefined) => {
    const n = Number(text)
    if (!Number.isFinite(n) || n < 0) throw new Error(`--${name} must be a number of at least 0, got ${text}`)
    return n
  }
  return {
    durationSeconds: positive("duration", values.duration),
    rounds: Math.round(positive("rounds", values.rounds)),
    warmupSeconds: nonNegative("warmup", values.warmup),
    connections: Math.round(positive("connections", values.connections)),
    carts: Math.round(positive("carts", values.carts)),
    json: values.json ? path.resolve(values.json) : undefined,
  }
}

const describe = (r: LoadResult) =>
  `p50 ${r.p50.toFixed(1)} ms, p99 ${r.p99.toFixed(1)} ms, ${r.rps.toFixed(0)} req/s, ${r.errors} errors, ${r.non2xx} non-2xx`

async function bootBoth(cleanup: Cleanup, queuePrefix: string): Promise<[BenchApp, BenchApp]> {
  const booted = await Promise.allSettled([
    bootBenchApp({ name: "ml", pluginOptions: { redisUrl: REDIS_URL, queuePrefix }, track: cleanup }),
    bootBenchApp({ name: "plain", track: cleanup }),
  ])
  const failed = booted.find((b): b is PromiseRejectedResult => b.status === "rejected")
  if (failed) throw failed.reason
  return booted.map((b) => (b as PromiseFulfilledResult<BenchApp>).value) as [BenchApp, BenchApp]
}

async function main(): Promise<number> {
  const settings = options()
  const startedAt = Date.now()
  const elapsed = () => `${((Date.now() - startedAt) / 1000).toFixed(0)} s`
  const load: LoadSettings = { connections: settings.connections, durationSeconds: settings.durationSeconds, warmupSeconds: settings.warmupSeconds }
  const machine = { cpus: os.cpus().length, node: process.version, loadavgBefore: os.loadavg() }
  log(`store-API benchmark: ${JSON.stringify(settings)}; ${machine.cpus} CPUs, load average ${machine.loadavgBefore.map((l) => l.toFixed(2)).join(" ")}`)
  const cleanup = new Cleanup()
  cleanup.onSignals(log)
  const queuePrefix = uniquePrefix("bench")
  try {
    linkBenchPlugin()
    log(`booting the apps "ml" (with the plugin) and "plain" (without): migrate, seed, start ...`)
    const [ml, plain] = await bootBoth(cleanup, queuePrefix)
    log(`  ${ml.seed.orders} orders, ${ml.seed.customerEmails.length} customers, ${ml.seed.products.length} products on sale; ml ${JSON.stringify(ml.timings)}; plain ${JSON.stringify(plain.timings)} [${elapsed()}]`)

    const admin = await MlAdmin.signIn(ml.baseUrl)
    const training = await trainOnce(admin, 15 * 60_000)
    await waitForQueueIdle(queuePrefix)
    const ours = recommendationsRoute(ml)
    const medusa = medusaProductRoute(ml)
    const served = await checkServesStoredLists(ours)
    await checkRoute(medusa)
    log(`trained in ${training.seconds.toFixed(1)} s; our route serves model ${served.model}, ${served.meanItems.toFixed(1)} products per list [${elapsed()}]`)

    // a first, longer warm-up of each route (JIT, connection pools), not counted
    await measureLoad(ours, { ...load, warmupSeconds: 0, durationSeconds: Math.max(5, load.warmupSeconds) })
    await measureLoad(medusa, { ...load, warmupSeconds: 0, durationSeconds: Math.max(5, load.warmupSeconds) })
    const rounds: Round[] = []
    for (let i = 1; i <= settings.rounds; i++) {
      const a = await measureLoad(ours, load)
      log(`round ${i}: ours idle        ${describe(a)}`)
      const b = await measureLoad(medusa, load)
      log(`round ${i}: Medusa's idle    ${describe(b)}`)
      const c = await measureWhileTraining(ours, load, admin, queuePrefix)
      log(`round ${i}: ours, training  ${describe(c)}; training ran ${(c.trainingCoverage * 100).toFixed(0)}% of the window [${elapsed()}]`)
      rounds.push({ ours: a, medusa: b, training: c })
    }

    // fresh server processes on both sides, so the load above weighs on neither (the ml store stays trained)
    log(`checkout: with the plugin ("ml") against without ("plain"); restarting both servers first`)
    await Promise.all([ml.restart(), plain.restart()])
    const checkout = await measureCheckout({ withPlugin: ml, withoutPlugin: plain, carts: settings.carts, warmupCarts: 3, queuePrefix }, log)
    log(`  the subscriber left ${checkout.enqueued.pendingRescore} of the ${checkout.buyers} buyers pending rescore, delayed (debounced) jobs ${JSON.stringify(checkout.enqueued.delayedJobs)} [${elapsed()}]`)

    const f = figures(rounds, checkout)
    log(`\n${roundsTable(rounds)}\n\n${mediansTable(f)}\n\n${trainingTable(f)}\n\n${checkoutTable(checkout)}\n`)
    log(`summary (${settings.rounds} rounds of ${settings.durationSeconds} s, ${settings.connections} connections, ${settings.carts} carts per app):`)
    log(summaryTable(f.summary))
    if (settings.json) {
      const results = {
        settings,
        machine: { ...machine, loadavgAfter: os.loadavg() },
        seconds: (Date.now() - startedAt) / 1000,
        store: { orders: ml.seed.orders, customers: ml.seed.customerEmails.length, products: ml.seed.products.length },
        boot: { ml: ml.timings, plain: plain.timings },
        initialTraining: { seconds: training.seconds, runId: training.run.id },
        rounds,
        ...f,
      }
      writeFileSync(settings.json, JSON.stringify(results, null, 2))
      log(`results written to ${settings.json}`)
    }
    return 0
  } catch (error) {
    log(`store-API benchmark failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`)
    return 1
  } finally {
    await cleanup.runAll(log)
    const left = await countRedisKeys(queuePrefix).catch(() => -1)
    log(`cleaned up (processes stopped, databases dropped, Redis keys under ${queuePrefix}: ${left} left); took ${elapsed()}`)
  }
}

main().then((code) => process.exit(code))
