/**
 * A store with months of order history, for tests that train: the frame (currency,
 * region, two sales channels with a publishable key for "Web", products (one only in
 * "Shop", one unpublished), customers) through Medusa's workflows, and the
 * simulator's orders through the order module, then dated back to when the simulator
 * placed them (Medusa stamps new orders "now"; the engine reads `created_at`).
 */
import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, Modules } from "@medusajs/framework/utils"
import { simulateStore } from "../../../src/core/simulate"
import { createCatalog, type SeededProduct } from "./catalog"
import { createCustomers } from "./orders"
import { createSalesChannels, setStoreCurrencies } from "./store-setup"
import { createApiKeysWorkflow, createRegionsWorkflow, linkSalesChannelsToApiKeyWorkflow } from "@medusajs/medusa/core-flows"

export interface HistorySeedOptions {
  customers: number
  days: number
  seed: number
  /** Orders kept per customer at most (keeps the seeding quick). */
  maxOrdersPerCustomer: number
}

export interface SeededHistory {
  regionId: string
  salesChannelId: string
  /** A publishable API key of the sales channel, for storefront requests. */
  publishableKey: string
  /** Every product; the last two are hidden from the Web key (see hiddenFromWeb). */
  products: SeededProduct[]
  /** Products with orders that the Web storefront must never show: one only in the Shop channel, one unpublished. */
  hiddenFromWeb: { shopOnly: string; unpublished: string }
  /** Medusa customer id by simulated customer id. */
  customerIds: Map<string, string>
  orders: number
}

const PRODUCTS = ["Coffee beans", "Paper filters", "Milk frother", "Mug", "Tea tin", "Kettle", "Grinder", "Biscuits"]

export async function seedHistory(container: MedusaContainer, options: HistorySeedOptions): Promise<SeededHistory> {
  await setStoreCurrencies(container, "usd", [])
  // the system payment provider lets a storefront cart complete without a payment service
  const { result: regions } = await createRegionsWorkflow(container).run({
    input: { regions: [{ name: "United States", currency_code: "usd", countries: ["us"], payment_providers: ["pp_system_default"] }] },
  })
  const regionId = regions[0].id
  const [salesChannelId, shopChannelId] = await createSalesChannels(container, ["Web", "Shop"])
  const { result: keys } = await createApiKeysWorkflow(container).run({ input: { api_keys: [{ title: "Web", type: "publishable", created_by: "" }] } })
  await linkSalesChannelsToApiKeyWorkflow(container).run({ input: { id: keys[0].id, add: [salesChannelId] } })
  const catalog: Record<string, SeededProduct> = await createCatalog<string>(container, {
    ...Object.fromEntries(PRODUCTS.map((title, i) => [`p${i}`, { title, salesChannelIds: [salesChannelId], prices: { usd: 5 + 3 * i } }])),
    // sold in the past, but not to be shown by the Web storefront
    "shop-only": { title: "Shop-only apron", salesChannelIds: [shopChannelId], prices: { usd: 12 } },
    unpublished: { title: "Retired teapot", status: "draft", salesChannelIds: [salesChannelId], prices: { usd: 30 } },
  })
  const products = [...PRODUCTS.map((_, i) => catalog[`p${i}`]), catalog["shop-only"], catalog.unpublished]
  const simulated = simulateStore({ customers: options.customers, days: options.days, seed: options.seed })
  // the simulated period ends today
  const shift = Date.now() - simulated.period.end
  const orders = groupOrders(simulated.lines, options.maxOrdersPerCustomer)
  const buyers = [...new Set(orders.map((o) => o.customerId))]
  const created = await createCustomers(
    container,
    Object.fromEntries(buyers.map((id) => [id, { email: `${id}@history.medusa-ml.test`, first_name: "Buyer", last_name: id }]))
  )
  const customerIds = new Map(buyers.map((id) => [id, created[id]]))
  const orderModule = container.resolve(Modules.ORDER)
  const productOf = (simulatedId: string) => products[hash(simulatedId) % products.length]
  const made = await orderModule.createOrders(
    orders.map((order) => ({
      currency_code: "usd",
      region_id: regionId,
      sales_channel_id: salesChannelId,
      customer_id: customerIds.get(order.customerId),
      email: `${order.customerId}@history.medusa-ml.test`,
      status: "pending" as const,
      shipping_address: { country_code: "us", address_1: "1 Main St", city: "Town", postal_code: "1000" },
      items: order.lines.map((line) => {
        const product = productOf(line.productId)
        return { title: product.title, product_id: product.productId, variant_id: product.variantId, quantity: line.quantity, unit_price: line.unitPrice }
      }),
    }))
  )
  const pg = container.resolve(ContainerRegistrationKeys.PG_CONNECTION)
  for (let i = 0; i < made.length; i++) {
    const at = new Date(orders[i].at + shift)
    await pg.raw('UPDATE "order" SET created_at = ?, updated_at = ? WHERE id = ?', [at, at, made[i].id])
  }
  return {
    regionId,
    salesChannelId,
    publishableKey: keys[0].token,
    products,
    hiddenFromWeb: { shopOnly: catalog["shop-only"].productId, unpublished: catalog.unpublished.productId },
    customerIds,
    orders: made.length,
  }
}

interface SimulatedOrder {
  customerId: string
  at: number
  lines: { productId: string; quantity: number; unitPrice: number }[]
}

/** The simulator's lines as orders, each customer's first `max` orders only. */
function groupOrders(lines: ReturnType<typeof simulateStore>["lines"], max: number): SimulatedOrder[] {
  const byOrder = new Map<string, SimulatedOrder>()
  const perCustomer = new Map<string, number>()
  for (const line of lines) {
    const key = `${line.customerId}/${line.orderId}`
    let order = byOrder.get(key)
    if (!order) {
      const count = perCustomer.get(line.customerId) ?? 0
      if (count >= max) continue
      perCustomer.set(line.customerId, count + 1)
      byOrder.set(key, (order = { customerId: line.customerId, at: line.orderedAt, lines: [] }))
    }
    order.lines.push({ productId: line.productId, quantity: line.quantity, unitPrice: Math.round(line.unitPrice * 100) / 100 })
  }
  return [...byOrder.values()]
}

function hash(text: string): number {
  let h = 0
  for (let i = 0; i < text.length; i++) h = (h * 31 + text.charCodeAt(i)) >>> 0
  return h
}
