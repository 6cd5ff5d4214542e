/**
 * Seeds the packed-install test's app through `medusa exec ./test/e2e/packaged/seed.ts
 * <output.json>`: a region, a "Web" sales channel with a publishable key, two
 * products, a customer and one order, through Medusa's workflows; the ids the test
 * opens are written to <output.json>. It imports only Medusa, so it runs in an app
 * that has the plugin only as an installed package.
 */
import { writeFileSync } from "node:fs"
import type { ExecArgs } from "@medusajs/framework/types"
import { createApiKeysWorkflow, createRegionsWorkflow, linkSalesChannelsToApiKeyWorkflow } from "@medusajs/medusa/core-flows"
import { createCatalog } from "../../http/seed/catalog"
import { createCustomers, placeOrder } from "../../http/seed/orders"
import { createSalesChannels, setStoreCurrencies } from "../../http/seed/store-setup"

export default async function seed({ container, args }: ExecArgs): Promise<void> {
  const output = args[0]
  if (!output) throw new Error("usage: medusa exec ./test/e2e/packaged/seed.ts <output.json>")
  await setStoreCurrencies(container, "usd", [])
  const { result: regions } = await createRegionsWorkflow(container).run({
    input: { regions: [{ name: "United States", currency_code: "usd", countries: ["us"], payment_providers: ["pp_system_default"] }] },
  })
  const [salesChannelId] = await createSalesChannels(container, ["Web"])
  const { result: keys } = await createApiKeysWorkflow(container).run({ input: { api_keys: [{ title: "Web", type: "publishable", created_by: "" }] } })
  await linkSalesChannelsToApiKeyWorkflow(container).run({ input: { id: keys[0].id, add: [salesChannelId] } })
  const catalog = await createCatalog(container, {
    beans: { title: "Coffee beans", salesChannelIds: [salesChannelId], prices: { usd: 12 } },
    mug: { title: "Mug", salesChannelIds: [salesChannelId], prices: { usd: 8 } },
  })
  const { buyer } = await createCustomers(container, { buyer: { email: "buyer@packed.medusa-ml.test", first_name: "Packed", last_name: "Buyer" } })
  const order = await placeOrder(container, {
    customerId: buyer,
    regionId: regions[0].id,
    salesChannelId,
    country: "us",
    items: [{ variantId: catalog.beans.variantId, title: catalog.beans.title, quantity: 2, unitPrice: 12 }],
  })
  writeFileSync(
    output,
    JSON.stringify({ customerId: buyer, productId: catalog.beans.productId, orderId: order.orderId, publishableKey: keys[0].token }, null, 2)
  )
}
