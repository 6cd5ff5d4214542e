/**
 * A small store seeded through Medusa's workflows, for the HTTP tests:
 *
 * - currencies: USD (default), EUR and GBP; one region per currency;
 * - two sales channels, "Web" and "Shop";
 * - products: shirt (Web, category Shirts), trousers (Web and Shop, Trousers),
 *   scarf (Shop, no category), hat (Shop, unpublished);
 * - customers ann, ben and cleo, and these orders, placed in this order:
 *     annUsd    ann, USD: 2 shirts at 20, 1 trousers at 50
 *     annEur    ann, EUR: 1 scarf at 30
 *     benUsd    ben, USD: 3 shirts at 20, of which 1 was returned and received
 *     benGbp    ben, GBP: 1 trousers at 40
 *     cleoUsd   cleo, USD: 1 scarf at 25, then canceled
 *     noCustomer USD: 1 shirt at 20, an order without a customer
 */
import type { MedusaContainer } from "@medusajs/framework/types"
import { createCatalog, type SeededProduct } from "./catalog"
import { cancelOrder, createCustomers, createOrderWithoutCustomer, placeOrder, returnItems, type SeededOrder } from "./orders"
import { createRegions, createSalesChannels, setStoreCurrencies } from "./store-setup"

export const SEEDED_CURRENCIES = { default: "usd", rated: "eur", unrated: "gbp" } as const

export interface SeededStore {
  storeId: string
  regionIds: { usd: string; eur: string; gbp: string }
  salesChannelIds: { web: string; shop: string }
  products: Record<"shirt" | "trousers" | "scarf" | "hat", SeededProduct>
  customerIds: Record<"ann" | "ben" | "cleo", string>
  orders: Record<"annUsd" | "annEur" | "benUsd" | "benGbp" | "cleoUsd" | "noCustomer", SeededOrder>
}

export async function seedStore(container: MedusaContainer): Promise<SeededStore> {
  const storeId = await setStoreCurrencies(container, SEEDED_CURRENCIES.default, [SEEDED_CURRENCIES.rated, SEEDED_CURRENCIES.unrated])
  const [usd, eur, gbp] = await createRegions(container, [
    { name: "United States", currency: "usd", countries: ["us"] },
    { name: "Germany", currency: "eur", countries: ["de"] },
    { name: "United Kingdom", currency: "gbp", countries: ["gb"] },
  ])
  const [web, shop] = await createSalesChannels(container, ["Web", "Shop"])
  const products = await createCatalog(container, {
    shirt: { title: "Linen shirt", category: "Shirts", salesChannelIds: [web], prices: { usd: 20, eur: 18, gbp: 16 } },
    trousers: { title: "Chinos", category: "Trousers", salesChannelIds: [web, shop], prices: { usd: 50, eur: 45, gbp: 40 } },
    scarf: { title: "Wool scarf", salesChannelIds: [shop], prices: { usd: 25, eur: 30, gbp: 20 } },
    hat: { title: "Straw hat", status: "draft", salesChannelIds: [shop], prices: { usd: 15 } },
  })
  const customerIds = await createCustomers(container, {
    ann: { email: "ann@medusa-ml.test", first_name: "Ann", last_name: "Archer" },
    ben: { email: "ben@medusa-ml.test", first_name: "Ben", last_name: "Baker" },
    cleo: { email: "cleo@medusa-ml.test", first_name: "Cleo", last_name: "Cole" },
  })
  const line = (product: SeededProduct, quantity: number, unitPrice: number) => ({
    variantId: product.variantId,
    title: product.title,
    quantity,
    unitPrice,
  })
  const usdOrder = { regionId: usd, salesChannelId: web, country: "us" }

  const annUsd = await placeOrder(container, { ...usdOrder, customerId: customerIds.ann, items: [line(products.shirt, 2, 20), line(products.trousers, 1, 50)] })
  const annEur = await placeOrder(container, { customerId: customerIds.ann, regionId: eur, salesChannelId: shop, country: "de", items: [line(products.scarf, 1, 30)] })
  const benUsd = await placeOrder(container, { ...usdOrder, customerId: customerIds.ben, items: [line(products.shirt, 3, 20)] })
  await returnItems(container, benUsd.orderId, [{ itemId: benUsd.itemIds[0], quantity: 1 }])
  const benGbp = await placeOrder(container, { customerId: customerIds.ben, regionId: gbp, salesChannelId: web, country: "gb", items: [line(products.trousers, 1, 40)] })
  const cleoUsd = await placeOrder(container, { ...usdOrder, salesChannelId: shop, customerId: customerIds.cleo, items: [line(products.scarf, 1, 25)] })
  await cancelOrder(container, cleoUsd.orderId)
  const noCustomer = await createOrderWithoutCustomer(container, "usd", [line(products.shirt, 1, 20)])

  return {
    storeId,
    regionIds: { usd, eur, gbp },
    salesChannelIds: { web, shop },
    products,
    customerIds,
    orders: { annUsd, annEur, benUsd, benGbp, cleoUsd, noCustomer },
  }
}
