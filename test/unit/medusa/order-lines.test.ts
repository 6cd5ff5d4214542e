import { createPricing } from "../../../src/medusa/currency-rates"
import { categoryOf, mapOrder, titleOf } from "../../../src/medusa/order-lines"
import { graphNumber } from "../../../src/medusa/order-record"
import { item, order } from "./fixtures"

const usdOnly = createPricing("usd")
const withEuro = createPricing("usd", { eur: 1.1 })

describe("mapOrder", () => {
  it("maps each line item of a placed order to an order line", () => {
    const mapped = mapOrder(
      order("order_1", "cus_1", "2025-03-01T10:00:00.000Z", [
        item("prod_a", 2, 15, { product: { title: "Linen shirt", categories: [{ name: "Shirts" }] } }),
        item("prod_b", 1, 40),
      ]),
      usdOnly
    )
    expect(mapped.outcome).toBe("kept")
    expect(mapped.lines).toEqual([
      {
        orderId: "order_1",
        customerId: "cus_1",
        orderedAt: Date.UTC(2025, 2, 1, 10),
        productId: "prod_a",
        quantity: 2,
        unitPrice: 15,
        title: "Linen shirt",
        category: "Shirts",
        country: "us",
        currency: "usd",
        priced: true,
      },
      {
        orderId: "order_1",
        customerId: "cus_1",
        orderedAt: Date.UTC(2025, 2, 1, 10),
        productId: "prod_b",
        quantity: 1,
        unitPrice: 40,
        title: "Title of prod_b",
        country: "us",
        currency: "usd",
        priced: true,
      },
    ])
    expect(mapped.returnedQuantity).toBe(0)
    expect(mapped.currencyWithoutRate).toBeUndefined()
  })

  it.each([
    ["status canceled", { status: "canceled" }],
    ["canceled_at set", { canceled_at: "2025-03-02T00:00:00.000Z" }],
  ])("leaves out a canceled order (%s) but names its customer", (_, extra) => {
    const mapped = mapOrder(order("order_1", "cus_1", "2025-03-01T10:00:00.000Z", [item("prod_a", 1, 10)], extra), usdOnly)
    expect(mapped.outcome).toBe("canceled")
    expect(mapped.lines).toEqual([])
    expect(mapped.customerId).toBe("cus_1")
  })

  it("leaves out draft orders", () => {
    const byFlag = mapOrder(order("o1", "cus_1", "2025-03-01T00:00:00Z", [item("p", 1, 1)], { is_draft_order: true }), usdOnly)
    const byStatus = mapOrder(order("o2", "cus_1", "2025-03-01T00:00:00Z", [item("p", 1, 1)], { status: "draft" }), usdOnly)
    expect([byFlag.outcome, byStatus.outcome]).toEqual(["draft", "draft"])
    expect([...byFlag.lines, ...byStatus.lines]).toEqual([])
  })

  it.each([null, ""])("leaves out an order without a customer (%p)", (customer) => {
    const mapped = mapOrder(order("order_1", customer, "2025-03-01T00:00:00Z", [item("prod_a", 1, 10)]), usdOnly)
    expect(mapped.outcome).toBe("no_customer")
    expect(mapped.customerId).toBeUndefined()
    expect(mapped.lines).toEqual([])
  })

  it("checks cancellation before the customer", () => {
    const mapped = mapOrder(order("order_1", null, "2025-03-01T00:00:00Z", [item("p", 1, 1)], { status: "canceled" }), usdOnly)
    expect(mapped.outcome).toBe("canceled")
  })

  it("subtracts units a return received, in good condition or damaged, but not units only requested", () => {
    const detail = (received: number, dismissed: number, requested = 0) => ({
      detail: { quantity: 5, return_received_quantity: received, return_dismissed_quantity: dismissed, return_requested_quantity: requested },
    })
    const mapped = mapOrder(
      order("order_1", "cus_1", "2025-03-01T00:00:00Z", [
        item("prod_a", 5, 10, detail(2, 0)),
        item("prod_b", 5, 10, detail(1, 1)),
        item("prod_c", 5, 10, detail(0, 0, 3)),
        item("prod_d", 5, 10, detail(4, 1)),
      ]),
      usdOnly
    )
    expect(mapped.lines.map((l) => [l.productId, l.quantity])).toEqual([
      ["prod_a", 3],
      ["prod_b", 3],
      ["prod_c", 5],
    ])
    expect(mapped.returnedQuantity).toBe(2 + 2 + 5)
    expect(mapped.droppedItems.returned).toBe(1)
  })

  it("yields no line for an order whose every item was returned", () => {
    const returned = { detail: { quantity: 2, return_received_quantity: 2, return_dismissed_quantity: 0 } }
    const mapped = mapOrder(order("order_1", "cus_1", "2025-03-01T00:00:00Z", [item("prod_a", 2, 10, returned)]), usdOnly)
    expect(mapped.outcome).toBe("no_lines")
    expect(mapped.lines).toEqual([])
    expect(mapped.returnedQuantity).toBe(2)
  })

  it("takes the product from the variant when the item has no product_id, and drops items with neither", () => {
    const mapped = mapOrder(
      order("order_1", "cus_1", "2025-03-01T00:00:00Z", [
        item("ignored", 1, 10, { product_id: null, variant: { product_id: "prod_from_variant" } }),
        item("ignored", 1, 10, { product_id: null, variant: null }),
      ]),
      usdOnly
    )
    expect(mapped.lines.map((l) => l.productId)).toEqual(["prod_from_variant"])
    expect(mapped.droppedItems.no_product).toBe(1)
  })

  it("drops items without a valid quantity or price and counts them", () => {
    const mapped = mapOrder(
      order("order_1", "cus_1", "2025-03-01T00:00:00Z", [
        item("prod_a", 0, 10),
        item("prod_b", 1, -1),
        item("prod_c", 1, 10, { unit_price: null }),
        item("prod_d", 1, 10),
      ]),
      usdOnly
    )
    expect(mapped.lines.map((l) => l.productId)).toEqual(["prod_d"])
    expect(mapped.droppedItems).toEqual({ returned: 0, no_product: 0, bad_quantity: 1, bad_price: 2 })
  })

  it("converts a currency with a rate to the default currency", () => {
    const mapped = mapOrder(order("order_1", "cus_1", "2025-03-01T00:00:00Z", [item("prod_a", 3, 20)], { currency_code: "EUR" }), withEuro)
    expect(mapped.lines[0]).toMatchObject({ quantity: 3, currency: "usd", priced: true })
    expect(mapped.lines[0].unitPrice).toBeCloseTo(20 * 1.1, 12)
    expect(mapped.currencyWithoutRate).toBeUndefined()
  })

  it("keeps the lines of a currency without a rate, with no amount and their own currency", () => {
    const mapped = mapOrder(order("order_1", "cus_1", "2025-03-01T00:00:00Z", [item("prod_a", 3, 20)], { currency_code: "gbp" }), withEuro)
    expect(mapped.outcome).toBe("kept")
    expect(mapped.lines).toHaveLength(1)
    expect(mapped.lines[0]).toMatchObject({ quantity: 3, unitPrice: 0, currency: "gbp", priced: false })
    expect(mapped.currencyWithoutRate).toBe("gbp")
  })

  it("reads amounts given as numeric strings, BigNumbers or raw values", () => {
    const bigNumber = { numeric: 4, valueOf: () => 4 }
    const mapped = mapOrder(
      order("order_1", "cus_1", "2025-03-01T00:00:00Z", [
        item("prod_a", 1, 1, { quantity: "2", unit_price: "9.5" }),
        item("prod_b", 1, 1, { quantity: bigNumber, unit_price: { value: "12.25", precision: 20 } as never }),
      ]),
      usdOnly
    )
    expect(mapped.lines.map((l) => [l.quantity, l.unitPrice])).toEqual([
      [2, 9.5],
      [4, 12.25],
    ])
  })

  it("reads created_at given as a Date", () => {
    const at = new Date(Date.UTC(2024, 11, 31, 23, 59))
    const mapped = mapOrder(order("order_1", "cus_1", "unused", [item("p", 1, 1)], { created_at: at }), usdOnly)
    expect(mapped.lines[0].orderedAt).toBe(at.getTime())
  })

  it("omits the country when the order has no shipping address", () => {
    const mapped = mapOrder(order("order_1", "cus_1", "2025-03-01T00:00:00Z", [item("p", 1, 1)], { shipping_address: null }), usdOnly)
    expect(mapped.lines[0]).not.toHaveProperty("country")
  })
})

describe("titleOf and categoryOf", () => {
  it("prefers the product's current title, then the snapshot, then the line's title", () => {
    expect(titleOf(item("p", 1, 1, { product: { title: "Now" }, product_title: "Then", title: "Line" }))).toBe("Now")
    expect(titleOf(item("p", 1, 1, { product: null, product_title: "Then", title: "Line" }))).toBe("Then")
    expect(titleOf(item("p", 1, 1, { product: null, product_title: null, title: "Line" }))).toBe("Line")
  })

  it("takes the alphabetically first category, else the collection, else the type", () => {
    const categories = [{ name: "Trousers" }, null, { name: "Linen" }, { name: "" }]
    expect(categoryOf(item("p", 1, 1, { product: { categories, collection: { title: "Summer" } } }))).toBe("Linen")
    expect(categoryOf(item("p", 1, 1, { product: { categories: [], collection: { title: "Summer" } } }))).toBe("Summer")
    expect(categoryOf(item("p", 1, 1, { product: null, product_collection: "Winter" }))).toBe("Winter")
    expect(categoryOf(item("p", 1, 1, { product: { type: { value: "Apparel" } } }))).toBe("Apparel")
    expect(categoryOf(item("p", 1, 1, { product: null, product_type: "Gift" }))).toBe("Gift")
    expect(categoryOf(item("p", 1, 1, { product: null }))).toBeUndefined()
  })
})

describe("graphNumber", () => {
  it("gives NaN for absent or non-numeric values", () => {
    expect(graphNumber(null)).toBeNaN()
    expect(graphNumber(undefined)).toBeNaN()
    expect(graphNumber("")).toBeNaN()
    expect(graphNumber("abc")).toBeNaN()
    expect(graphNumber({ value: null } as never)).toBeNaN()
  })
})
