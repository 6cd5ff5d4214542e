import { ZodError } from "zod"
import { CurrencySetupError } from "../../../src/medusa/currency-rates"
import { readStoreHistory } from "../../../src/medusa/store-history"
import { describeCurrenciesWithoutRate } from "../../../src/medusa/store-history-summary"
import type { StoreOrderLine } from "../../../src/medusa/order-lines"
import { fakeQuery, item, order } from "./fixtures"

const day = (d: number) => `2025-01-${String(d).padStart(2, "0")}T12:00:00.000Z`

/** A store of 8 orders: 5 kept (one in EUR, one in GBP), one canceled, one without customer, one fully returned. */
function storeOrders() {
  return [
    order("order_1", "cus_a", day(1), [item("prod_a", 2, 10), item("prod_b", 1, 30)]),
    order("order_2", "cus_b", day(2), [item("prod_a", 1, 10)], { currency_code: "eur" }),
    order("order_3", "cus_a", day(3), [item("prod_c", 1, 50)], { status: "canceled", canceled_at: day(4), updated_at: day(4) }),
    order("order_4", null, day(4), [item("prod_a", 1, 10)]),
    order("order_5", "cus_c", day(5), [item("prod_b", 4, 30, { detail: { quantity: 4, return_received_quantity: 1, return_dismissed_quantity: 0 } })]),
    order("order_6", "cus_b", day(6), [item("prod_c", 2, 40)], { currency_code: "gbp" }),
    order("order_7", "cus_d", day(7), [item("prod_a", 1, 10, { detail: { quantity: 1, return_received_quantity: 1, return_dismissed_quantity: 0 } })]),
    order("order_8", "cus_a", day(8), [item("prod_b", 1, 30)], { updated_at: day(9) }),
  ]
}

describe("readStoreHistory", () => {
  it("reads every order page by page and summarises what it kept and left out", async () => {
    const { query, requests } = fakeQuery(storeOrders())
    const { history, summary } = await readStoreHistory(query, { pageSize: 3, currencyRates: { EUR: 1.1 } })

    expect(history.lines.map((l) => [l.orderId, l.productId, l.quantity])).toEqual([
      ["order_1", "prod_a", 2],
      ["order_1", "prod_b", 1],
      ["order_2", "prod_a", 1],
      ["order_5", "prod_b", 3],
      ["order_6", "prod_c", 2],
      ["order_8", "prod_b", 1],
    ])
    expect(summary).toEqual({
      ordersRead: 8,
      ordersKept: 5,
      linesKept: 6,
      draftOrders: 0,
      canceledOrders: 1,
      ordersWithoutCustomer: 1,
      ordersWithoutLines: 1,
      droppedItems: { returned: 1, no_product: 0, bad_quantity: 0, bad_price: 0 },
      returnedQuantity: 2,
      defaultCurrency: "usd",
      currenciesWithoutRate: { gbp: 1 },
      customerIds: ["cus_a", "cus_b", "cus_c", "cus_d"],
      pages: 3,
    })
    const orderRequests = requests.filter((r) => r.entity === "order")
    expect(orderRequests.map((r) => r.pagination?.skip)).toEqual([0, 3, 6])
    expect(orderRequests[0].filters).toEqual({ is_draft_order: false })
    expect(orderRequests[0].pagination?.order).toEqual({ created_at: "ASC", id: "ASC" })
  })

  it("gives the same history whatever the page size", async () => {
    const read = async (pageSize: number) => (await readStoreHistory(fakeQuery(storeOrders()).query, { pageSize, currencyRates: { eur: 1.1 } })).history.lines
    const whole = await read(500)
    expect(whole).toHaveLength(6)
    for (const pageSize of [1, 2, 4, 8]) expect(await read(pageSize)).toEqual(whole)
  })

  it("asks for one more page when the last one is full, and stops at the empty one", async () => {
    const { query, requests } = fakeQuery(storeOrders())
    const { summary } = await readStoreHistory(query, { pageSize: 4 })
    expect(summary.pages).toBe(3)
    expect(requests.filter((r) => r.entity === "order").map((r) => r.pagination?.skip)).toEqual([0, 4, 8])
  })

  it("converts amounts with a rate and leaves those without one out of every amount", async () => {
    const { history } = await readStoreHistory(fakeQuery(storeOrders()).query, { currencyRates: { eur: 1.1 } })
    const lines = history.lines as StoreOrderLine[]
    const byOrder = (id: string) => lines.filter((l) => l.orderId === id)
    expect(byOrder("order_2")[0].unitPrice).toBeCloseTo(11, 12)
    expect(byOrder("order_2")[0]).toMatchObject({ currency: "usd", priced: true })
    expect(byOrder("order_6")[0]).toMatchObject({ unitPrice: 0, currency: "gbp", priced: false })
    const spend = lines.reduce((sum, l) => sum + l.quantity * l.unitPrice, 0)
    expect(spend).toBeCloseTo(2 * 10 + 30 + 11 + 3 * 30 + 30, 9)
  })

  it("counts an order of a currency without a rate for frequency", async () => {
    const { history, summary } = await readStoreHistory(fakeQuery(storeOrders()).query, {})
    const ordersOfB = new Set(history.lines.filter((l) => l.customerId === "cus_b").map((l) => l.orderId))
    expect(ordersOfB).toEqual(new Set(["order_2", "order_6"]))
    expect(summary.currenciesWithoutRate).toEqual({ eur: 1, gbp: 1 })
  })

  it("reads only the orders changed since a time, and names their customers, canceled ones included", async () => {
    const { query, requests } = fakeQuery(storeOrders())
    const since = new Date(day(4))
    const { history, summary } = await readStoreHistory(query, { since })
    expect(requests.find((r) => r.entity === "order")?.filters).toEqual({ is_draft_order: false, updated_at: { $gte: since } })
    expect(summary.ordersRead).toBe(6)
    expect(summary.ordersWithoutCustomer).toBe(1)
    expect(summary.canceledOrders).toBe(1)
    expect(summary.customerIds).toEqual(["cus_a", "cus_b", "cus_c", "cus_d"])
    expect(new Set(history.lines.map((l) => l.orderId))).toEqual(new Set(["order_5", "order_6", "order_8"]))
  })

  it("reads only the orders of chosen customers", async () => {
    const { query } = fakeQuery(storeOrders())
    const { history, summary } = await readStoreHistory(query, { customerIds: ["cus_a"] })
    expect(new Set(history.lines.map((l) => l.orderId))).toEqual(new Set(["order_1", "order_8"]))
    expect(summary.canceledOrders).toBe(1)
    expect(summary.customerIds).toEqual(["cus_a"])
  })

  it("leaves out draft orders even if the filter let one through", async () => {
    const draft = order("order_9", "cus_e", day(9), [item("prod_a", 1, 10)], { status: "draft" })
    const { history, summary } = await readStoreHistory(fakeQuery([...storeOrders(), draft]).query, {})
    expect(summary.draftOrders).toBe(1)
    expect(history.lines.some((l) => l.orderId === "order_9")).toBe(false)
    expect(summary.customerIds).not.toContain("cus_e")
  })

  it("rejects bad options", async () => {
    const { query } = fakeQuery(storeOrders())
    await expect(readStoreHistory(query, { pageSize: 0 })).rejects.toBeInstanceOf(ZodError)
    await expect(readStoreHistory(query, { currencyRates: { euro: 1 } })).rejects.toBeInstanceOf(ZodError)
    await expect(readStoreHistory(query, { since: "2025-01-01" as never })).rejects.toBeInstanceOf(ZodError)
  })

  it("refuses a store without a default currency, or a rate for the default currency", async () => {
    await expect(readStoreHistory(fakeQuery(storeOrders(), null).query, {})).rejects.toBeInstanceOf(CurrencySetupError)
    await expect(readStoreHistory(fakeQuery(storeOrders()).query, { currencyRates: { usd: 0.9 } })).rejects.toThrow(/default currency/)
  })
})

describe("describeCurrenciesWithoutRate", () => {
  it("gives one sentence per currency, in code order", () => {
    expect(describeCurrenciesWithoutRate({ defaultCurrency: "usd", currenciesWithoutRate: { gbp: 3, chf: 1 } })).toEqual([
      "1 order in CHF has no rate to USD in currencyRates: they count for recency and frequency, not for spend or lifetime value",
      "3 orders in GBP have no rate to USD in currencyRates: they count for recency and frequency, not for spend or lifetime value",
    ])
    expect(describeCurrenciesWithoutRate({ defaultCurrency: "usd", currenciesWithoutRate: {} })).toEqual([])
  })
})
