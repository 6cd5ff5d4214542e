import { buildOrderHistory, type OrderLine } from "../../../../src/core/data/types"

function line(orderId: string, orderedAt: number, productId: string, extra: Partial<OrderLine> = {}): OrderLine {
  return { orderId, customerId: "c1", orderedAt, productId, quantity: 1, unitPrice: 1, ...extra }
}

describe("buildOrderHistory", () => {
  it("sorts by time, then order id, keeping the input order of ties, without touching the input", () => {
    const input = [
      line("B", 20, "p1"),
      line("A", 20, "p2"),
      line("C", 10, "p3"),
      line("A", 20, "p4"),
      line("A", 5, "p5"),
    ]
    const copy = input.slice()
    const history = buildOrderHistory(input)

    expect(history.lines.map((l) => l.productId)).toEqual(["p5", "p3", "p2", "p4", "p1"])
    expect(input).toEqual(copy)
    expect(history.firstAt).toBe(5)
    expect(history.lastAt).toBe(20)
  })

  it("indexes each product with its most recent title and category", () => {
    const history = buildOrderHistory([
      line("2", 2, "p1", { title: "New name" }),
      line("1", 1, "p1", { title: "Old name", category: "mugs" }),
      line("3", 3, "p1"),
      line("1", 1, "p2"),
    ])

    expect(history.products).toEqual(
      new Map([
        ["p1", { id: "p1", title: "New name", category: "mugs" }],
        ["p2", { id: "p2" }],
      ]),
    )
  })

  it("gives an empty history NaN bounds", () => {
    const history = buildOrderHistory([])
    expect(history.lines).toEqual([])
    expect(history.products.size).toBe(0)
    expect(history.firstAt).toBeNaN()
    expect(history.lastAt).toBeNaN()
  })
})
