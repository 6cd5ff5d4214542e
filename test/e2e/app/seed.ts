/**
 * Seeds the browser tests' store through `medusa exec ./seed.ts <output.json>`: months
 * of order history (the HTTP tests' seeding), a thumbnail on each product so the
 * widgets have pictures to show, and the ids the test opens written to <output.json>.
 */
import { writeFileSync } from "node:fs"
import type { ExecArgs } from "@medusajs/framework/types"
import { updateProductsWorkflow } from "@medusajs/medusa/core-flows"
import { seedHistory } from "../../http/seed/history"

/** The store the tests see: enough customers and days for every model to train. */
export const E2E_HISTORY = { customers: 120, days: 240, seed: 3, maxOrdersPerCustomer: 5 }

const COLOURS = ["#7c3aed", "#2563eb", "#059669", "#d97706", "#dc2626", "#0891b2", "#4f46e5", "#65a30d"]

/** A square with the product's initial, as a data URL (no file server needed). */
function thumbnail(title: string, index: number): string {
  const svg =
    `<svg xmlns="http://www.w3.org/2000/svg" width="96" height="96">` +
    `<rect width="96" height="96" rx="12" fill="${COLOURS[index % COLOURS.length]}"/>` +
    `<text x="48" y="62" font-size="44" font-family="sans-serif" fill="white" text-anchor="middle">${title[0]}</text></svg>`
  return `data:image/svg+xml;base64,${Buffer.from(svg).toString("base64")}`
}

export default async function seed({ container, args }: ExecArgs): Promise<void> {
  const output = args[0]
  if (!output) throw new Error("usage: medusa exec ./seed.ts <output.json>")
  const seeded = await seedHistory(container, E2E_HISTORY)
  for (const [i, product] of seeded.products.entries()) {
    await updateProductsWorkflow(container).run({ input: { selector: { id: product.productId }, update: { thumbnail: thumbnail(product.title, i) } } })
  }
  writeFileSync(
    output,
    JSON.stringify({ products: seeded.products, customerIds: [...seeded.customerIds.values()], orders: seeded.orders }, null, 2)
  )
}
