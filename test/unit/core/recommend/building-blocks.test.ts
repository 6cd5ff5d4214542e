import { customerContexts, orderContexts } from "../../../../src/core/recommend/contexts"
import { decayWeight } from "../../../../src/core/recommend/decay"
import { buildOrderHistory } from "../../../../src/core/data/types"
import { indexHistory } from "../../../../src/core/recommend/indexed-history"
import { roundScore } from "../../../../src/core/recommend/round"
import { TopK } from "../../../../src/core/recommend/top-k"
import { createRandom } from "../../../../src/core/random"
import { DAY_MS, day, historyOf, type Basket } from "./baskets"

describe("indexHistory", () => {
  it("numbers products, customers and orders and lists each order's distinct products", () => {
    const indexed = indexHistory(
      historyOf([
        ["x", "1", 1, ["P", "Q", "P"]],
        ["y", "1", 2, ["R"]],
        ["x", "2", 3, ["Q"]],
      ]),
    )
    expect(indexed.productIds).toEqual(["P", "Q", "R"])
    expect(indexed.customerIds).toEqual(["x", "y"])
    // The same order id of two customers makes two orders.
    expect(Array.from(indexed.orderStart)).toEqual([0, 2, 3, 4])
    expect(Array.from(indexed.orderProducts)).toEqual([0, 1, 2, 1])
    expect(Array.from(indexed.customerOrders)).toEqual([0, 2, 1])
    expect(indexed.lastAt).toBe(day(3))
  })

  it("numbers an order by customer and id, whether or not its lines follow one another", () => {
    // x's order 1 has a line after y's order 1 (same time: the input order is kept) and one a day later.
    const indexed = indexHistory(
      buildOrderHistory([
        { customerId: "x", orderId: "1", orderedAt: day(1), productId: "P", quantity: 1, unitPrice: 1 },
        { customerId: "y", orderId: "1", orderedAt: day(1), productId: "R", quantity: 1, unitPrice: 1 },
        { customerId: "x", orderId: "1", orderedAt: day(1), productId: "Q", quantity: 1, unitPrice: 1 },
        { customerId: "y", orderId: "2", orderedAt: day(2), productId: "P", quantity: 1, unitPrice: 1 },
        { customerId: "x", orderId: "1", orderedAt: day(3), productId: "S", quantity: 1, unitPrice: 1 },
        { customerId: "z", orderId: "1", orderedAt: day(4), productId: "P", quantity: 1, unitPrice: 1 },
      ]),
    )
    expect(indexed.productIds).toEqual(["P", "R", "Q", "S"])
    expect(indexed.customerIds).toEqual(["x", "y", "z"])
    // Orders: x/1 = P, Q, S; y/1 = R; y/2 = P; z/1 = P.
    expect(Array.from(indexed.orderStart)).toEqual([0, 3, 4, 5, 6])
    expect(Array.from(indexed.orderProducts)).toEqual([0, 2, 3, 1, 0, 0])
    expect(Array.from(indexed.orderCustomer)).toEqual([0, 1, 1, 2])
    expect(Array.from(indexed.orderTime)).toEqual([day(1), day(1), day(2), day(4)])
  })
})

describe("contexts", () => {
  const baskets: Basket[] = Array.from({ length: 10 }, (_, at): Basket => ["x", `o${at}`, at, [`P${at}`, `Q${at}`]])
  const indexed = indexHistory(historyOf(baskets))
  const options = { asOf: day(9), halfLifeDays: 1, maxContextItems: 3, contextSizeExponent: 1 }

  it("keeps a customer's latest products, weighted by the decay of their last purchase", () => {
    const contexts = customerContexts(indexed, options)
    expect(Array.from(contexts.start)).toEqual([0, 3])
    expect(Array.from(contexts.items, (product) => indexed.productIds[product])).toEqual(["P9", "Q9", "P8"])
    expect(Array.from(contexts.weights)).toEqual([1, 1, 0.5])
    expect(contexts.factor[0]).toBeCloseTo(1 / 3, 15)
  })

  it("caps every context, so pair counting stays within maxContextItems per line", () => {
    const contexts = orderContexts(indexed, { ...options, maxContextItems: 1 })
    expect(contexts.items.length).toBe(10)
    let pairs = 0
    for (let c = 0; c + 1 < contexts.start.length; c++) pairs += (contexts.start[c + 1] - contexts.start[c]) ** 2
    expect(pairs).toBeLessThanOrEqual(options.maxContextItems * 20)
  })
})

describe("decayWeight", () => {
  it("halves per half-life, never exceeds 1, and is 1 without decay", () => {
    expect(decayWeight(30 * DAY_MS, 30)).toBe(0.5)
    expect(decayWeight(60 * DAY_MS, 30)).toBe(0.25)
    expect(decayWeight(-DAY_MS, 30)).toBe(1)
    expect(decayWeight(1e12, null)).toBe(1)
  })
})

describe("roundScore", () => {
  it("keeps 6 significant digits", () => {
    expect(roundScore(0.123456789)).toBe(0.123457)
    expect(roundScore(123456789)).toBe(123457000)
    expect(roundScore(2 / 3)).toBe(0.666667)
    expect(roundScore(1e-30 / 3)).toBe(3.33333e-31)
    expect(roundScore(0)).toBe(0)
  })
})

describe("TopK", () => {
  it("keeps the k best offers, best first, the lower id winning ties", () => {
    const random = createRandom(3)
    const offers = Array.from({ length: 200 }, (_, id) => ({ id, score: random.int(20) }))
    const top = new TopK(7)
    for (const { id, score } of offers) top.offer(id, score)
    const kept: Array<{ id: number; score: number }> = []
    top.drain((id, score) => kept.push({ id, score }))
    const expected = offers.slice().sort((a, b) => b.score - a.score || a.id - b.id).slice(0, 7)
    expect(kept).toEqual(expected)
  })
})
