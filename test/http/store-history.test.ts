import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import type { MedusaContainer } from "@medusajs/framework/types"
import { readCatalog } from "../../src/medusa/catalog"
import type { StoreOrderLine } from "../../src/medusa/order-lines"
import { readStoreHistory } from "../../src/medusa/store-history"
import { readLatestOrderTime } from "../../src/medusa/latest-order"
import { parsePluginOptions } from "../../src/config/plugin-options"
import { storeHistoryReader } from "../../src/modules/ml/store-source"
import { APP_DIR, configureTestApp } from "./helpers"
import { cancelOrder, returnItems, seedStore, type SeededStore } from "./seed"

configureTestApp({ workerMode: "shared", pluginOptions: {} })

const RATES = { eur: 1.1 }

function queryOf(container: MedusaContainer) {
  return container.resolve(ContainerRegistrationKeys.QUERY)
}

function describeLines(lines: readonly StoreOrderLine[]) {
  return lines
    .map((l) => ({
      orderId: l.orderId,
      customerId: l.customerId,
      productId: l.productId,
      quantity: l.quantity,
      unitPrice: Math.round(l.unitPrice * 1e6) / 1e6,
      currency: l.currency,
      priced: l.priced,
      title: l.title,
      category: l.category,
      country: l.country,
    }))
    .sort((a, b) => (a.orderId + a.productId < b.orderId + b.productId ? -1 : 1))
}

medusaIntegrationTestRunner({
  cwd: APP_DIR,
  testSuite: ({ getContainer }) => {
    let store: SeededStore

    beforeAll(async () => {
      store = await seedStore(getContainer())
    })

    it("reads every order with its lines, converts EUR, keeps GBP without amounts, leaves out canceled, returned and customerless", async () => {
      const { history, summary } = await readStoreHistory(queryOf(getContainer()), { currencyRates: RATES })
      const { orders, products: p, customerIds: c } = store
      const expected = [
        { order: orders.annUsd, customer: c.ann, product: p.shirt, quantity: 2, unitPrice: 20, currency: "usd", priced: true, category: "Shirts", country: "us" },
        { order: orders.annUsd, customer: c.ann, product: p.trousers, quantity: 1, unitPrice: 50, currency: "usd", priced: true, category: "Trousers", country: "us" },
        { order: orders.annEur, customer: c.ann, product: p.scarf, quantity: 1, unitPrice: 33, currency: "usd", priced: true, category: undefined, country: "de" },
        { order: orders.benUsd, customer: c.ben, product: p.shirt, quantity: 2, unitPrice: 20, currency: "usd", priced: true, category: "Shirts", country: "us" },
        { order: orders.benGbp, customer: c.ben, product: p.trousers, quantity: 1, unitPrice: 0, currency: "gbp", priced: false, category: "Trousers", country: "gb" },
      ].map((e) => ({
        orderId: e.order.orderId,
        customerId: e.customer,
        productId: e.product.productId,
        quantity: e.quantity,
        unitPrice: e.unitPrice,
        currency: e.currency,
        priced: e.priced,
        title: e.product.title,
        category: e.category,
        country: e.country,
      }))
      expect(describeLines(history.lines as StoreOrderLine[])).toEqual(describeLines(expected as StoreOrderLine[]))
      expect(summary).toEqual({
        ordersRead: 6,
        ordersKept: 4,
        linesKept: 5,
        draftOrders: 0,
        canceledOrders: 1,
        ordersWithoutCustomer: 1,
        ordersWithoutLines: 0,
        droppedItems: { returned: 0, no_product: 0, bad_quantity: 0, bad_price: 0 },
        returnedQuantity: 1,
        defaultCurrency: "usd",
        currenciesWithoutRate: { gbp: 1 },
        customerIds: [c.ann, c.ben, c.cleo].sort(),
        pages: 1,
      })
      expect(history.products.get(p.shirt.productId)).toEqual({ id: p.shirt.productId, title: p.shirt.title, category: "Shirts" })
    })

    it("counts EUR orders as without a rate when no rates are given", async () => {
      const { history, summary } = await readStoreHistory(queryOf(getContainer()))
      expect(summary.currenciesWithoutRate).toEqual({ eur: 1, gbp: 1 })
      const eurLine = (history.lines as StoreOrderLine[]).find((l) => l.orderId === store.orders.annEur.orderId)
      expect(eurLine).toMatchObject({ unitPrice: 0, currency: "eur", priced: false, quantity: 1 })
    })

    it("gives the same history in pages of 2 orders", async () => {
      const query = queryOf(getContainer())
      const whole = await readStoreHistory(query, { currencyRates: RATES })
      const paged = await readStoreHistory(query, { currencyRates: RATES, pageSize: 2 })
      expect(paged.history.lines).toEqual(whole.history.lines)
      expect(paged.summary).toEqual({ ...whole.summary, pages: 4 })
    })

    it("reads only the orders changed since a time, with their customers", async () => {
      const container = getContainer()
      const since = new Date()
      const before = await readStoreHistory(queryOf(container), { since, currencyRates: RATES })
      expect(before.summary.ordersRead).toBe(0)
      expect(before.summary.customerIds).toEqual([])

      await cancelOrder(container, store.orders.annEur.orderId)
      const changed = await readStoreHistory(queryOf(container), { since, currencyRates: RATES })
      expect(changed.summary).toMatchObject({ ordersRead: 1, canceledOrders: 1, ordersKept: 0, customerIds: [store.customerIds.ann] })
      expect(changed.history.lines).toEqual([])

      const all = await readStoreHistory(queryOf(container), { currencyRates: RATES })
      expect(all.history.lines.some((l) => l.orderId === store.orders.annEur.orderId)).toBe(false)
      expect(all.summary.canceledOrders).toBe(2)
    })

    it("sees a received return as a change of its order", async () => {
      const container = getContainer()
      const since = new Date()
      const { annUsd } = store.orders
      await returnItems(container, annUsd.orderId, [{ itemId: annUsd.itemIds[1], quantity: 1 }])
      const changed = await readStoreHistory(queryOf(container), { since, currencyRates: RATES })
      expect(changed.summary).toMatchObject({ ordersRead: 1, ordersKept: 1, returnedQuantity: 1, customerIds: [store.customerIds.ann] })
      expect(changed.history.lines.map((l) => [l.productId, l.quantity])).toEqual([[store.products.shirt.productId, 2]])
    })

    it("reads only the orders of chosen customers", async () => {
      const { history, summary } = await readStoreHistory(queryOf(getContainer()), { customerIds: [store.customerIds.ben], currencyRates: RATES })
      expect(new Set(history.lines.map((l) => l.orderId))).toEqual(new Set([store.orders.benUsd.orderId, store.orders.benGbp.orderId]))
      expect(summary.customerIds).toEqual([store.customerIds.ben])
    })

    it("finds the newest kept order as a read of every order ends, before an as-of too", async () => {
      const query = queryOf(getContainer())
      const { history } = await readStoreHistory(query, { currencyRates: RATES })
      expect(await readLatestOrderTime(query, { currencyRates: RATES })).toBe(history.lastAt)
      const earlier = history.lines.filter((l) => l.orderedAt < history.lastAt)
      expect(earlier.length).toBeGreaterThan(0)
      expect(await readLatestOrderTime(query, { asOf: history.lastAt, currencyRates: RATES })).toBe(earlier[earlier.length - 1].orderedAt)
    })

    it("the store source reads only the customers a rescore asks for, and where every customer's history ends", async () => {
      const read = storeHistoryReader(parsePluginOptions({ currencyRates: RATES }))
      const whole = await read({})
      const ben = await read({ customerIds: [store.customerIds.ben] })
      expect(ben.history.lines).toEqual(whole.history.lines.filter((l) => l.customerId === store.customerIds.ben))
      expect(ben.sourceLastAt).toBe(whole.history.lastAt)
      expect(ben.liveProductIds).toBeUndefined()
      expect(whole.sourceLastAt).toBeUndefined()
      expect((await read({ customerIds: [] })).history.lines).toEqual([])
    })

    it("lists published products, by sales channel", async () => {
      const query = queryOf(getContainer())
      const { products: p, salesChannelIds: sc } = store
      const all = await readCatalog(query)
      expect(all.map((x) => x.id).sort()).toEqual([p.shirt.productId, p.trousers.productId, p.scarf.productId].sort())
      expect(all.find((x) => x.id === p.trousers.productId)).toMatchObject({ title: "Chinos", handle: "trousers", status: "published" })
      expect(new Set(all.find((x) => x.id === p.trousers.productId)?.salesChannelIds)).toEqual(new Set([sc.web, sc.shop]))
      const shop = await readCatalog(query, { salesChannelId: sc.shop, pageSize: 1 })
      expect(shop.map((x) => x.id).sort()).toEqual([p.trousers.productId, p.scarf.productId].sort())
    })
  },
})
