import { readLatestOrderTime } from "../../../src/medusa/latest-order"
import { fakeQuery, item, order } from "./fixtures"

const day = (d: number) => `2025-01-${String(d).padStart(2, "0")}T12:00:00.000Z`

/** Orders a history read keeps (1, 2, 6) and leaves out (a draft, canceled, without customer, fully returned). */
function storeOrders() {
  const returned = { detail: { quantity: 1, return_received_quantity: 1, return_dismissed_quantity: 0 } }
  return [
    order("order_1", "cus_a", day(1), [item("prod_a", 2, 10)]),
    order("order_2", "cus_b", day(2), [item("prod_a", 1, 10)], { currency_code: "eur" }),
    order("order_3", "cus_a", day(3), [item("prod_c", 1, 50)], { status: "canceled", canceled_at: day(4) }),
    order("order_4", null, day(4), [item("prod_a", 1, 10)]),
    order("order_6", "cus_b", day(6), [item("prod_c", 2, 40)], { currency_code: "gbp" }),
    order("order_7", "cus_d", day(7), [item("prod_a", 1, 10, returned)]),
    order("order_8", "cus_c", day(8), [item("prod_b", 1, 30)], { is_draft_order: true }),
  ]
}

describe("readLatestOrderTime", () => {
  it("gives the newest order a history read keeps, skipping those it leaves out, page after page", async () => {
    const { query, requests } = fakeQuery(storeOrders())
    expect(await readLatestOrderTime(query, { pageSize: 1 })).toBe(Date.parse(day(6)))
    const orderRequests = requests.filter((r) => r.entity === "order")
    expect(orderRequests.map((r) => r.pagination?.skip)).toEqual([0, 1])
    expect(orderRequests[0].filters).toEqual({ is_draft_order: false })
    expect(orderRequests[0].pagination?.order).toEqual({ created_at: "DESC", id: "DESC" })
  })

  it("reads only orders placed before the as-of", async () => {
    const { query, requests } = fakeQuery(storeOrders())
    expect(await readLatestOrderTime(query, { asOf: Date.parse(day(5)), pageSize: 2 })).toBe(Date.parse(day(2)))
    expect(requests.find((r) => r.entity === "order")!.filters).toEqual({ is_draft_order: false, created_at: { $lt: new Date(day(5)) } })
    expect(await readLatestOrderTime(fakeQuery(storeOrders()).query, { asOf: Date.parse(day(6)) + 1 })).toBe(Date.parse(day(6)))
  })

  it("is NaN for a store without such an order", async () => {
    expect(await readLatestOrderTime(fakeQuery(storeOrders()).query, { asOf: Date.parse(day(1)) })).toBeNaN()
    expect(await readLatestOrderTime(fakeQuery([]).query)).toBeNaN()
  })
})
