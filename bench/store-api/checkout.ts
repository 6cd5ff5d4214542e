/**
 * What the plugin adds to a storefront checkout: carts are prepared beforehand on two
 * apps of the same seeded store (one with the plugin, one without), as a storefront
 * does it (cart with a returning buyer's e-mail, a line item, a payment collection and
 * a pp_system_default session); then carts are completed one at a time, alternating
 * between the apps (and which goes first in each pair), and every
 * POST /store/carts/:id/complete is timed. A short pause after each call lets the work
 * an order sets off in the background (the plugin's subscriber) end before the other
 * app's call, so it is not charged to the app without the plugin. A few completions per app first warm up and
 * are not counted. Afterwards the plugin's Redis keys show what its order.placed
 * subscriber enqueued.
 */
import { Queue } from "bullmq"
import Redis from "ioredis"
import { performance } from "node:perf_hooks"
import { REDIS_URL } from "../../test/queue/harness"
import { ML_QUEUE_NAME } from "../../src/queue/job-queue"
import type { BenchApp } from "./bench-app"
import { mean, median } from "./load"

export interface CheckoutSide {
  app: string
  withPlugin: boolean
  /** Each timed complete call, ms, in the order made. */
  timesMs: number[]
  medianMs: number
  meanMs: number
}

export interface CheckoutResult {
  carts: number
  withPlugin: CheckoutSide
  withoutPlugin: CheckoutSide
  medianRatio: number
  meanRatio: number
  /** What the subscriber left in Redis: customers waiting to be rescored, and delayed (debounced) jobs by name. */
  enqueued: { pendingRescore: number; delayedJobs: Record<string, number> }
  /** Distinct buyers of the orders placed on the plugin's app (warm-up included). */
  buyers: number
}

async function storePost<T>(app: BenchApp, path: string, body: unknown): Promise<T> {
  const response = await fetch(`${app.baseUrl}${path}`, {
    method: "POST",
    headers: { "content-type": "application/json", "x-publishable-api-key": app.seed.publishableKey },
    body: JSON.stringify(body),
  })
  const json = (await response.json()) as T
  if (!response.ok) throw new Error(`[${app.name}] POST ${path} answered ${response.status}: ${JSON.stringify(json).slice(0, 500)}`)
  return json
}

/** A cart ready to complete: the i-th returning buyer, the i-th product (both rotating). */
async function prepareCart(app: BenchApp, i: number): Promise<string> {
  const email = app.seed.customerEmails[i % app.seed.customerEmails.length]
  const product = app.seed.products[i % app.seed.products.length]
  const { cart } = await storePost<{ cart: { id: string } }>(app, "/store/carts", { region_id: app.seed.regionId, email })
  await storePost(app, `/store/carts/${cart.id}/line-items`, { variant_id: product.variantId, quantity: 1 + (i % 2) })
  const { payment_collection } = await storePost<{ payment_collection: { id: string } }>(app, "/store/payment-collections", { cart_id: cart.id })
  await storePost(app, `/store/payment-collections/${payment_collection.id}/payment-sessions`, { provider_id: "pp_system_default" })
  return cart.id
}

async function prepareCarts(app: BenchApp, count: number, concurrency = 4): Promise<string[]> {
  const ids: string[] = new Array(count)
  let next = 0
  const worker = async () => {
    while (next < count) {
      const i = next++
      ids[i] = await prepareCart(app, i)
    }
  }
  await Promise.all(Array.from({ length: Math.min(concurrency, count) }, worker))
  return ids
}

const PAUSE_AFTER_COMPLETE_MS = 100

/** Completes one cart; returns the call's wall time in ms (the pause after it not included). */
async function completeCart(app: BenchApp, cartId: string): Promise<number> {
  const start = performance.now()
  const body = await storePost<{ type: string; error?: unknown }>(app, `/store/carts/${cartId}/complete`, {})
  const elapsed = performance.now() - start
  if (body.type !== "order") throw new Error(`[${app.name}] cart ${cartId} did not become an order: ${JSON.stringify(body).slice(0, 500)}`)
  await new Promise((resolve) => setTimeout(resolve, PAUSE_AFTER_COMPLETE_MS))
  return elapsed
}

async function subscriberEvidence(queuePrefix: string): Promise<CheckoutResult["enqueued"]> {
  const redis = new Redis(REDIS_URL, { maxRetriesPerRequest: 2 })
  const queue = new Queue(ML_QUEUE_NAME, { connection: { url: REDIS_URL }, prefix: queuePrefix })
  try {
    const pendingRescore = await redis.scard(`${queuePrefix}:${ML_QUEUE_NAME}:pending-rescore`)
    const delayedJobs: Record<string, number> = {}
    for (const job of await queue.getJobs(["delayed"])) delayedJobs[job.name] = (delayedJobs[job.name] ?? 0) + 1
    return { pendingRescore, delayedJobs }
  } finally {
    redis.disconnect()
    await queue.close()
  }
}

function side(app: BenchApp, timesMs: number[]): CheckoutSide {
  return { app: app.name, withPlugin: app.withPlugin, timesMs, medianMs: median(timesMs), meanMs: mean(timesMs) }
}

export async function measureCheckout(
  options: { withPlugin: BenchApp; withoutPlugin: BenchApp; carts: number; warmupCarts: number; queuePrefix: string },
  log: (line: string) => void
): Promise<CheckoutResult> {
  const { withPlugin, withoutPlugin, carts, warmupCarts } = options
  const total = carts + warmupCarts
  log(`  preparing ${total} carts on each app`)
  const [cartsWith, cartsWithout] = [await prepareCarts(withPlugin, total), await prepareCarts(withoutPlugin, total)]
  for (let i = 0; i < warmupCarts; i++) {
    await completeCart(withPlugin, cartsWith[i])
    await completeCart(withoutPlugin, cartsWithout[i])
  }
  const timesWith: number[] = []
  const timesWithout: number[] = []
  log(`  completing ${carts} carts on each app, alternating`)
  for (let i = warmupCarts; i < total; i++) {
    if (i % 2 === 0) {
      timesWith.push(await completeCart(withPlugin, cartsWith[i]))
      timesWithout.push(await completeCart(withoutPlugin, cartsWithout[i]))
    } else {
      timesWithout.push(await completeCart(withoutPlugin, cartsWithout[i]))
      timesWith.push(await completeCart(withPlugin, cartsWith[i]))
    }
  }
  const a = side(withPlugin, timesWith)
  const b = side(withoutPlugin, timesWithout)
  return {
    carts,
    withPlugin: a,
    withoutPlugin: b,
    medianRatio: a.medianMs / b.medianMs,
    meanRatio: a.meanMs / b.meanMs,
    enqueued: await subscriberEvidence(options.queuePrefix),
    buyers: new Set(Array.from({ length: total }, (_, i) => withPlugin.seed.customerEmails[i % withPlugin.seed.customerEmails.length])).size,
  }
}
