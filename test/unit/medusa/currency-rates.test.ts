import { createPricing, currencyRatesSchema, CurrencySetupError } from "../../../src/medusa/currency-rates"

describe("currencyRatesSchema", () => {
  it("reads codes in any case as lower case", () => {
    expect(currencyRatesSchema.parse({ EUR: 1.08, gbp: 1.27 })).toEqual({ eur: 1.08, gbp: 1.27 })
  })

  it.each([
    [{ euro: 1 }, "3-letter"],
    [{ eur: 0 }, "above 0"],
    [{ eur: -1 }, "above 0"],
    [{ eur: Number.POSITIVE_INFINITY }, ""],
    [{ eur: "1.1" }, "a number above 0"],
    [{ eur: 1.1, EUR: 1.2 }, 'second, different rate for "eur"'],
    [5, "object of rates"],
  ])("rejects %p", (rates, message) => {
    const result = currencyRatesSchema.safeParse(rates)
    expect(result.success).toBe(false)
    expect(result.error?.issues.map((i) => i.message).join(" ")).toContain(message)
  })

  it("accepts the same rate written twice in two cases", () => {
    expect(currencyRatesSchema.parse({ eur: 1.1, EUR: 1.1 })).toEqual({ eur: 1.1 })
  })
})

describe("createPricing", () => {
  it("gives 1 for the default currency, the rate for others and nothing for currencies without one", () => {
    const pricing = createPricing("USD", { eur: 1.1 })
    expect(pricing.defaultCurrency).toBe("usd")
    expect(pricing.rateOf("usd")).toBe(1)
    expect(pricing.rateOf("EUR")).toBe(1.1)
    expect(pricing.rateOf("gbp")).toBeUndefined()
  })

  it("accepts a rate of 1 for the default currency and refuses any other", () => {
    expect(createPricing("usd", { usd: 1 }).rateOf("usd")).toBe(1)
    expect(() => createPricing("usd", { usd: 1.2 })).toThrow(CurrencySetupError)
  })
})
