import { buildOrderHistory, type OrderLine } from "../../../../src/core/data"
import { orderEvents } from "../../../../src/core/pipeline/value-models"

const DAY_MS = 86_400_000
const line = (customerId: string, orderId: string, day: number, quantity: number, unitPrice: number): OrderLine => ({
  orderId,
  customerId,
  orderedAt: Date.UTC(2025, 0, 1) + day * DAY_MS,
  productId: "p1",
  quantity,
  unitPrice,
})

describe("orderEvents", () => {
  it("makes one event per customer's order, even when two customers reuse an order id", () => {
    const history = buildOrderHistory([
      line("A", "1", 0, 2, 5),
      line("A", "1", 0, 1, 3),
      line("B", "1", 3, 1, 7),
      line("A", "2", 9, 1, 4),
      line("B", "2", 20, 1, 100),
    ])
    const events = orderEvents(history, Date.UTC(2025, 0, 1) + 10 * DAY_MS)
    expect(events).toEqual([
      { customerId: "A", orderedAt: Date.UTC(2025, 0, 1), value: 13 },
      { customerId: "B", orderedAt: Date.UTC(2025, 0, 4), value: 7 },
      { customerId: "A", orderedAt: Date.UTC(2025, 0, 10), value: 4 },
    ])
  })
})
