import { simulateStore, type SimulatedStore } from "../../../../src/core/simulate"
import { basketsOf, coOccurrence, countBy } from "./store-stats"

const DAY = 86_400_000

describe("simulateStore: the structure models should find", () => {
  let store: SimulatedStore
  beforeAll(() => {
    store = simulateStore({ customers: 5000, days: 365, seed: 11 })
  })

  it("lets customers arrive all through the period, joining with their first order", () => {
    const { customers, lines, period } = store
    const firstOrder = new Map<string, number>()
    for (const line of lines) if (!firstOrder.has(line.customerId)) firstOrder.set(line.customerId, line.orderedAt)
    expect(customers.filter((c) => c.joinedAt !== firstOrder.get(c.id))).toEqual([])
    const joinedBy = (days: number) => customers.filter((c) => c.joinedAt < period.start + days * DAY).length / 5000
    expect(joinedBy(31)).toBeLessThan(0.15)
    expect(joinedBy(273)).toBeLessThan(0.8)
  })

  it("stops every dropped-out customer's orders at dropoutAt, and keeps others buying", () => {
    const lastOrder = new Map<string, number>()
    for (const line of store.lines) lastOrder.set(line.customerId, line.orderedAt)
    const dropped = store.customers.filter((c) => c.dropoutAt !== null)
    expect(dropped.filter((c) => lastOrder.get(c.id) !== c.dropoutAt)).toEqual([])
    expect(dropped.every((c) => (c.dropoutAt ?? 0) > c.joinedAt)).toBe(true)
    expect(dropped.length / 5000).toBeGreaterThan(0.2)
    expect(dropped.length / 5000).toBeLessThan(0.7)
    const lastMonth = store.period.end - 30 * DAY
    const activeLate = store.customers.filter(
      (c) => c.dropoutAt === null && c.joinedAt < lastMonth - 180 * DAY && (lastOrder.get(c.id) ?? 0) >= lastMonth,
    )
    expect(activeLate.length).toBeGreaterThan(200)
  })

  it("buys complements together far more often than chance", () => {
    const baskets = basketsOf(store.lines)
    const pairs: [string, string][] = []
    for (const product of store.products) {
      for (const partner of product.complements) if (product.id < partner) pairs.push([product.id, partner])
    }
    expect(pairs.length).toBeGreaterThan(30)
    const complements = coOccurrence(baskets, pairs)
    expect(complements.observed).toBeGreaterThan(8 * complements.expected)
    // Control: pairs of products of the same category that have no complements.
    const loners = store.products.filter((p) => p.complements.length === 0)
    const unrelated: [string, string][] = []
    loners.forEach((a, i) => {
      for (const b of loners.slice(i + 1)) if (a.category === b.category) unrelated.push([a.id, b.id])
    })
    expect(unrelated.length).toBeGreaterThan(100)
    const control = coOccurrence(baskets, unrelated)
    expect(control.observed).toBeLessThan(3 * control.expected)
    expect(complements.observed / complements.expected).toBeGreaterThan(
      5 * (control.observed / control.expected),
    )
  })

  it("has customers re-buy consumables much more than other products", () => {
    const consumable = new Map(store.products.map((p) => [p.id, p.consumable]))
    const ordersOf = new Map<string, Set<string>>()
    for (const line of store.lines) {
      const key = `${line.customerId} ${line.productId}`
      const orders = ordersOf.get(key) ?? new Set<string>()
      orders.add(line.orderId)
      ordersOf.set(key, orders)
    }
    const rebought = { consumable: [0, 0], other: [0, 0] }
    for (const [key, orders] of ordersOf) {
      const kind = consumable.get(key.split(" ")[1]) ? rebought.consumable : rebought.other
      kind[0] += orders.size > 1 ? 1 : 0
      kind[1] += 1
    }
    const consumableRate = rebought.consumable[0] / rebought.consumable[1]
    const otherRate = rebought.other[0] / rebought.other[1]
    expect(consumableRate).toBeGreaterThan(0.3)
    expect(consumableRate).toBeGreaterThan(3 * otherRate)
  })

  it("follows each customer's favourite category", () => {
    const categoryOf = new Map(store.products.map((p) => [p.id, p.category]))
    const counts = new Map<string, Map<string, number>>()
    for (const line of store.lines) {
      const byCategory = counts.get(line.customerId) ?? new Map<string, number>()
      const category = categoryOf.get(line.productId) ?? ""
      byCategory.set(category, (byCategory.get(category) ?? 0) + 1)
      counts.set(line.customerId, byCategory)
    }
    const top = (entries: [string, number][]) => entries.sort((a, b) => b[1] - a[1])[0][0]
    const linesOf = (id: string) => [...(counts.get(id)?.values() ?? [])].reduce((a, b) => a + b, 0)
    const regulars = store.customers.filter((c) => linesOf(c.id) >= 8)
    const mostBought = regulars.map((c) => top([...(counts.get(c.id)?.entries() ?? [])]))
    const favourite = regulars.map((c) => top(Object.entries(c.categoryPreference)))
    const matchRate = (shift: number) =>
      mostBought.filter((category, i) => category === favourite[(i + shift) % regulars.length]).length / regulars.length
    expect(regulars.length).toBeGreaterThan(500)
    // Against another customer's favourite the match is near chance.
    expect(matchRate(0)).toBeGreaterThan(0.45)
    expect(matchRate(1)).toBeLessThan(0.25)
  })

  it("shows a year-end peak and a weekly rhythm", () => {
    const months = countBy(store.lines, (date) => date.getUTCMonth(), 12)
    const meanMonth = months.reduce((a, b) => a + b, 0) / 12
    expect(months[11]).toBeGreaterThan(1.5 * meanMonth)
    // Customers accumulate over the year, so compare with the months just before as well.
    expect(months[11]).toBeGreaterThan(1.5 * months[9])
    const weekdays = countBy(store.lines, (date) => date.getUTCDay(), 7)
    expect(weekdays[0]).toBeGreaterThan(1.2 * weekdays[6])
    const hours = countBy(store.lines, (date) => date.getUTCHours(), 24)
    expect(hours[20]).toBeGreaterThan(5 * hours[4])
  })
})
