/**
 * A seeded, realistic store for demos, tests and benchmarks: customers who arrive, buy at
 * their own pace, lean on their favourite categories, re-buy consumables, buy complements
 * together and sometimes leave for good, under a weekly and year-end rhythm. The rules are
 * documented in seasonal-clock.ts, customers.ts, catalog.ts and basket.ts; their numbers
 * in behaviour.ts. The customers and products come back with that ground truth, so tests
 * can check what a model should find.
 */
import type { OrderLine } from "../data/types"
import { createRandom } from "../random"
import { fillBasket, type BasketLine } from "./basket"
import { buildCatalog, shelfPrice, type SimulatedProduct } from "./catalog"
import { CATEGORIES } from "./categories"
import { drawCustomer, type SimulatedCustomer } from "./customers"
import { cumulativeWeights } from "./distributions"
import { resolveStoreOptions, type SimulateStoreOptions } from "./options"
import { createSeasonalClock } from "./seasonal-clock"
import { DAY_MS } from "../time"


export interface SimulatedStore {
  /** Every order line, sorted by orderedAt then orderId (as buildOrderHistory sorts). */
  lines: OrderLine[]
  /** The catalogue in id order. */
  products: SimulatedProduct[]
  /** In id order ("cus_00001" onwards). */
  customers: SimulatedCustomer[]
  /** The simulated period: orders fall in [start, end). */
  period: { start: number; end: number }
}

interface PendingOrder {
  at: number
  /** Index of the customer, and of their country in the countries option. */
  customer: number
  country: number
  lines: BasketLine[]
}

export function simulateStore(options: SimulateStoreOptions): SimulatedStore {
  const { customers: customerCount, days, seed, start, products: productCount, countries } =
    resolveStoreOptions(options)
  const root = createRandom(seed)
  const catalog = buildCatalog(productCount, root.fork())
  const population = root.fork()
  const clock = createSeasonalClock(start, days)
  const countryTotals = cumulativeWeights(countries.map((entry) => entry.share))

  const customerWidth = Math.max(5, String(customerCount).length)
  const customers: SimulatedCustomer[] = []
  const orders: PendingOrder[] = []
  for (let index = 0; index < customerCount; index++) {
    const random = population.fork()
    const draw = drawCustomer(clock, countryTotals, random)
    const preferenceTotals = cumulativeWeights(draw.preference)
    const pantry: number[] = []
    for (const at of draw.orderTimes) {
      const lines = fillBasket(catalog, preferenceTotals, pantry, random)
      orders.push({ at, customer: index, country: draw.countryIndex, lines })
    }
    const country = countries[draw.countryIndex]
    customers.push({
      id: `cus_${String(index + 1).padStart(customerWidth, "0")}`,
      country: country.country,
      currency: country.currency,
      joinedAt: draw.orderTimes[0],
      purchaseRate: draw.purchaseRate,
      dropoutProbability: draw.dropoutProbability,
      dropoutAt: draw.dropoutAt,
      categoryPreference: Object.fromEntries(CATEGORIES.map((category, c) => [category.name, draw.preference[c]])),
    })
  }
  const localPrices = countries.map((entry) =>
    catalog.products.map((product) => shelfPrice(product.price * entry.priceFactor)),
  )
  const lines = orderLines(orders, customers, catalog.products, localPrices)
  return { lines, products: catalog.products, customers, period: { start, end: start + days * DAY_MS } }
}

/** Numbers the orders in time order ("order_000001" onwards) and spells out their lines. */
function orderLines(
  orders: PendingOrder[],
  customers: readonly SimulatedCustomer[],
  products: readonly SimulatedProduct[],
  localPrices: readonly number[][],
): OrderLine[] {
  // Stable sort: orders at the same instant keep customer order, so ids follow time.
  orders.sort((a, b) => a.at - b.at)
  const orderWidth = Math.max(6, String(orders.length).length)
  const lines: OrderLine[] = []
  orders.forEach((order, position) => {
    const orderId = `order_${String(position + 1).padStart(orderWidth, "0")}`
    const customer = customers[order.customer]
    for (const { product, quantity } of order.lines) {
      const info = products[product]
      lines.push({
        orderId,
        customerId: customer.id,
        orderedAt: order.at,
        productId: info.id,
        quantity,
        unitPrice: localPrices[order.country][product],
        title: info.title,
        category: info.category,
        country: customer.country,
        currency: customer.currency,
      })
    }
  })
  return lines
}
