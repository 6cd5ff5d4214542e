import { InvalidInputError } from "../../../../src/core/errors"
import { DEFAULT_COUNTRIES, simulateStore, type SimulatedStore } from "../../../../src/core/simulate"
import { shelfPrice } from "../../../../src/core/simulate/catalog"
import { CATEGORIES } from "../../../../src/core/simulate/categories"

const DAY = 86_400_000

describe("simulateStore: determinism and shape", () => {
  let store: SimulatedStore
  beforeAll(() => {
    store = simulateStore({ customers: 5000, days: 365, seed: 7 })
  })

  it("gives identical stores for the same seed and different ones for another seed", () => {
    const options = { customers: 300, days: 120, seed: 42 }
    const first = simulateStore(options)
    expect(simulateStore(options)).toEqual(first)
    const other = simulateStore({ ...options, seed: 43 })
    expect(other.lines).not.toEqual(first.lines)
    expect(other.products.map((p) => p.price)).not.toEqual(first.products.map((p) => p.price))
  })

  it("makes 50k-100k lines for 5,000 customers over a year, each customer with at least one order", () => {
    expect(store.lines.length).toBeGreaterThan(50_000)
    expect(store.lines.length).toBeLessThan(100_000)
    expect(store.customers).toHaveLength(5000)
    expect(new Set(store.lines.map((line) => line.customerId)).size).toBe(5000)
    expect(store.period).toEqual({ start: Date.UTC(2025, 0, 1), end: Date.UTC(2025, 0, 1) + 365 * DAY })
    const lengths = new Map<string, number>()
    for (const line of store.lines) lengths.set(line.orderId, (lengths.get(line.orderId) ?? 0) + 1)
    const meanBasket = store.lines.length / lengths.size
    expect(meanBasket).toBeGreaterThan(1.8)
    expect(meanBasket).toBeLessThan(3)
  })

  it("sorts lines by time then order id, inside the period, in whole seconds", () => {
    const { lines, period } = store
    const outOfOrder = lines.filter((b, i) => {
      const a = lines[i - 1]
      return i > 0 && !(a.orderedAt < b.orderedAt || (a.orderedAt === b.orderedAt && a.orderId <= b.orderId))
    })
    expect(outOfOrder).toEqual([])
    expect(lines[0].orderedAt).toBeGreaterThanOrEqual(period.start)
    expect(lines[lines.length - 1].orderedAt).toBeLessThan(period.end)
    expect(lines.every((line) => line.orderedAt % 1000 === 0)).toBe(true)
  })

  it("fills every field from a catalogue of 200 products in 8 categories", () => {
    const { products, lines } = store
    expect(products).toHaveLength(200)
    expect(products.map((p) => p.id)).toEqual(products.map((_, i) => `prod_${String(i).padStart(4, "0")}`))
    expect(new Set(products.map((p) => p.category))).toEqual(new Set(CATEGORIES.map((c) => c.name)))
    expect(new Set(products.map((p) => p.title)).size).toBe(200)
    const byId = new Map(products.map((p) => [p.id, p]))
    const unlike = lines.filter((line) => {
      const product = byId.get(line.productId)
      return (
        product === undefined ||
        line.title !== product.title ||
        line.category !== product.category ||
        line.country === undefined ||
        line.currency === undefined ||
        !(line.unitPrice > 0)
      )
    })
    expect(unlike).toEqual([])
    const quantities = lines.map((line) => line.quantity)
    expect(quantities.every((q) => Number.isInteger(q) && q >= 1 && q <= 6)).toBe(true)
    expect(quantities.filter((q) => q <= 3).length / quantities.length).toBeGreaterThan(0.97)
    expect(quantities.filter((q) => q === 1).length / quantities.length).toBeGreaterThan(0.5)
  })

  it("keeps each customer in one country, with its currency and local prices", () => {
    const currencyOf = new Map(DEFAULT_COUNTRIES.map((c) => [c.country, c.currency]))
    const factorOf = new Map(DEFAULT_COUNTRIES.map((c) => [c.country, c.priceFactor]))
    const customers = new Map(store.customers.map((c) => [c.id, c]))
    const prices = new Map(store.products.map((p) => [p.id, p.price]))
    expect(store.customers.filter((c) => c.currency !== currencyOf.get(c.country))).toEqual([])
    const unlike = store.lines.filter((line) => {
      const customer = customers.get(line.customerId)
      const local = shelfPrice((prices.get(line.productId) ?? 0) * (factorOf.get(line.country ?? "") ?? 0))
      return line.country !== customer?.country || line.currency !== customer?.currency || line.unitPrice !== local
    })
    expect(unlike).toEqual([])
    expect(store.lines.find((line) => line.currency === "GBP")?.unitPrice).toBeDefined()
    const share = (country: string) => store.customers.filter((c) => c.country === country).length / 5000
    expect(share("US")).toBeGreaterThan(0.35)
    expect(share("US")).toBeLessThan(0.45)
    expect(share("NL")).toBeGreaterThan(0.07)
    expect(share("NL")).toBeLessThan(0.13)
  })

  it("uses the countries it is given", () => {
    const { lines, customers } = simulateStore({
      customers: 50,
      days: 60,
      seed: 1,
      start: Date.UTC(2024, 5, 1),
      products: 8,
      countries: [{ country: "JP", currency: "JPY", share: 1, priceFactor: 150 }],
    })
    expect(new Set(lines.map((line) => `${line.country}/${line.currency}`))).toEqual(new Set(["JP/JPY"]))
    expect(new Set(lines.map((line) => line.productId)).size).toBeLessThanOrEqual(8)
    expect(customers.every((c) => c.joinedAt >= Date.UTC(2024, 5, 1) && c.joinedAt < Date.UTC(2024, 6, 31))).toBe(true)
  })

  it("rejects options out of bounds, naming the option, its value and its bound", () => {
    const base = { customers: 10, days: 10, seed: 1 }
    const attempt = (options: Parameters<typeof simulateStore>[0]) => () => simulateStore(options)
    expect(attempt({ ...base, customers: 0 })).toThrow(
      new InvalidInputError("option customers must be an integer >= 1, got 0"),
    )
    expect(attempt({ ...base, days: 1.5 })).toThrow("option days must be an integer >= 1, got 1.5")
    expect(attempt({ ...base, products: 7 })).toThrow("option products must be an integer >= 8, got 7")
    expect(attempt({ ...base, seed: 0.5 })).toThrow("option seed must be an integer, got 0.5")
    expect(attempt({ ...base, start: Number.POSITIVE_INFINITY })).toThrow(
      "option start must be a finite epoch-ms number, got Infinity",
    )
    expect(attempt({ ...base, countries: [] })).toThrow("option countries must list at least 1 country, got 0")
    expect(attempt({ ...base, countries: [{ country: "US", currency: "USD", share: 0, priceFactor: 1 }] })).toThrow(
      "option countries[0].share must be a finite number > 0, got 0",
    )
    expect(attempt({ ...base, countries: [{ country: "US", currency: "", share: 1, priceFactor: 1 }] })).toThrow(
      InvalidInputError,
    )
  })
})
