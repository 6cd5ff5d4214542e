import { BgNbdModel } from "../../../../src/core/probabilistic/bgnbd"
import { DAYS_PER_MONTH, customerLifetimeValue, expectedSpend } from "../../../../src/core/probabilistic/clv"
import { GammaGammaModel } from "../../../../src/core/probabilistic/gamma-gamma"

const fitInfo = { penalizer: 0, logLikelihood: -1, customers: 1, converged: true, boundary: false }
// CDNOW-like estimates, in weeks
const weekly = new BgNbdModel({ r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 }, { ...fitInfo, timeUnitDays: 7 })
const spend = new GammaGammaModel({ p: 6.25, q: 3.74, gamma: 15.44 }, fitInfo)
const customer = { x: 3, tx: 20, T: 30, monetary: 40 }

describe("customerLifetimeValue", () => {
  it("without discount equals the expected spend over the horizon (the monthly steps telescope)", () => {
    const clv = customerLifetimeValue(weekly, spend, customer, { horizonDays: 365, monthlyDiscount: 0 })
    expect(clv).toBeCloseTo(expectedSpend(weekly, spend, customer, 365), 10)
  })

  it("discounts month m by (1 + d)^m and counts a partial last month", () => {
    // 45 days = one full month (days 0-30) and half a month (30-45)
    const d = 0.05
    const value = spend.conditionalExpectedAverageValue(3, 40)
    const by = (days: number): number => weekly.conditionalExpectedPurchases(days / 7, 3, 20, 30)
    const expected = (by(30) * value) / 1.05 + ((by(45) - by(30)) * value) / 1.05 ** 2
    expect(customerLifetimeValue(weekly, spend, customer, { horizonDays: 45, monthlyDiscount: d })).toBeCloseTo(expected, 12)
    expect(DAYS_PER_MONTH).toBe(30)
  })

  it("falls as the discount rises and grows with the horizon", () => {
    const at = (horizonDays: number, monthlyDiscount: number): number =>
      customerLifetimeValue(weekly, spend, customer, { horizonDays, monthlyDiscount })
    expect(at(365, 0.01)).toBeLessThan(at(365, 0))
    expect(at(365, 0.1)).toBeLessThan(at(365, 0.01))
    expect(at(730, 0.01)).toBeGreaterThan(at(365, 0.01))
  })

  it("gives the same answer whatever the model's time unit", () => {
    // α is a time scale: the same model in days has α · 7, and histories in days
    const daily = new BgNbdModel({ r: 0.243, alpha: 4.414 * 7, a: 0.793, b: 2.426 }, { ...fitInfo, timeUnitDays: 1 })
    const inDays = { x: 3, tx: 140, T: 210, monetary: 40 }
    expect(expectedSpend(daily, spend, inDays, 180)).toBeCloseTo(expectedSpend(weekly, spend, customer, 180), 10)
    const options = { horizonDays: 180, monthlyDiscount: 0.01 }
    expect(customerLifetimeValue(daily, spend, inDays, options)).toBeCloseTo(
      customerLifetimeValue(weekly, spend, customer, options),
      10
    )
  })

  it("values a customer without repeat purchases at the population mean spend", () => {
    const newcomer = { x: 0, tx: 0, T: 4, monetary: 0 }
    const count = weekly.conditionalExpectedPurchases(90 / 7, 0, 0, 4)
    expect(expectedSpend(weekly, spend, newcomer, 90)).toBeCloseTo(count * spend.populationMeanValue(), 12)
  })

  it("rejects a bad horizon or discount", () => {
    expect(() => expectedSpend(weekly, spend, customer, 0)).toThrow(/horizonDays must be a finite number > 0, got 0/)
    expect(() => customerLifetimeValue(weekly, spend, customer, { horizonDays: 30, monthlyDiscount: -0.1 })).toThrow(
      /monthlyDiscount must be a finite number >= 0/
    )
  })
})

describe("the Gamma-Gamma inputs of a customer with unpriced repeat purchases", () => {
  const count = weekly.conditionalExpectedPurchases(90 / 7, customer.x, customer.tx, customer.T)

  it("are the priced repeats and their mean value; BG/NBD still reads every repeat", () => {
    const partlyPriced = { ...customer, pricedRepeats: 1 }
    expect(expectedSpend(weekly, spend, partlyPriced, 90)).toBeCloseTo(count * spend.conditionalExpectedAverageValue(1, 40), 12)
    const options = { horizonDays: 365, monthlyDiscount: 0 }
    expect(customerLifetimeValue(weekly, spend, partlyPriced, options)).toBeCloseTo(expectedSpend(weekly, spend, partlyPriced, 365), 10)
  })

  it("value a customer with no priced repeat at the population mean, as one without repeats", () => {
    const unpricedRepeats = { ...customer, monetary: 0, pricedRepeats: 0 }
    expect(expectedSpend(weekly, spend, unpricedRepeats, 90)).toBeCloseTo(count * spend.populationMeanValue(), 12)
  })
})
