/**
 * Seeds the benchmark's store through `medusa exec ./seed.ts <output.json>`: months of
 * order history (the HTTP tests' seeding; its size from BENCH_SEED_HISTORY as JSON, else
 * BENCH_HISTORY below), then writes what the benchmark requests with to <output.json>:
 * the publishable key, the region, the products the Web storefront shows and the
 * e-mails of customers with orders (carts are opened with them, as returning buyers).
 */
import { writeFileSync } from "node:fs"
import type { ExecArgs } from "@medusajs/framework/types"
import { seedHistory, type HistorySeedOptions } from "../../test/http/seed/history"

/** About 2,000 orders: enough that one training run outlasts a 10 s load window on two cores. */
export const BENCH_HISTORY: HistorySeedOptions = { customers: 600, days: 365, seed: 7, maxOrdersPerCustomer: 6 }

export interface BenchSeed {
  publishableKey: string
  regionId: string
  /** Products on sale in the key's sales channel. */
  products: { productId: string; variantId: string; title: string }[]
  customerEmails: string[]
  orders: number
}

export default async function seed({ container, args }: ExecArgs): Promise<void> {
  const output = args[0]
  if (!output) throw new Error("usage: medusa exec ./seed.ts <output.json>")
  const options: HistorySeedOptions = process.env.BENCH_SEED_HISTORY ? JSON.parse(process.env.BENCH_SEED_HISTORY) : BENCH_HISTORY
  const seeded = await seedHistory(container, options)
  const hidden = new Set(Object.values(seeded.hiddenFromWeb))
  const result: BenchSeed = {
    publishableKey: seeded.publishableKey,
    regionId: seeded.regionId,
    products: seeded.products.filter((p) => !hidden.has(p.productId)).map(({ productId, variantId, title }) => ({ productId, variantId, title })),
    customerEmails: [...seeded.customerIds.keys()].map((simulatedId) => `${simulatedId}@history.medusa-ml.test`),
    orders: seeded.orders,
  }
  writeFileSync(output, JSON.stringify(result, null, 2))
}
