import { buildOrderHistory, type OrderLine } from "../../../../src/core/data/types"
import { customerValues, fitValueModels, orderEvents, valueSummaries } from "../../../../src/core/pipeline/value-models"
import { createRandom } from "../../../../src/core/random"
import { day, DAY_MS, line, randomLines } from "../features/history-fixture"

const unpriced = { priced: false }

describe("orderEvents with unpriced lines", () => {
  it("gives an order without a priced line the value 0 and priced: false, and sums the priced lines of the others", () => {
    const history = buildOrderHistory([
      line("A", "1", 0, "P1", 2, 5),
      line("A", "2", 3, "P1", 1, 9, unpriced),
      line("A", "3", 6, "P1", 1, 9, unpriced),
      line("A", "3", 6, "P2", 3, 4),
    ])
    expect(orderEvents(history, day(10))).toEqual([
      { customerId: "A", orderedAt: day(0), value: 10 },
      { customerId: "A", orderedAt: day(3), value: 0, priced: false },
      { customerId: "A", orderedAt: day(6), value: 12 },
    ])
  })
})

describe("value models on a history with unpriced orders", () => {
  const asOf = day(300)
  const lines = randomLines(80, createRandom(13))
  // Unpriced: every third order of a customer after their first, when no other order of
  // theirs falls on its UTC day (so each repeat day is wholly priced or wholly unpriced).
  const daysOf = new Map<string, number[]>()
  const firstLines = new Map<string, OrderLine>()
  for (const l of lines) {
    if (firstLines.has(`${l.customerId}/${l.orderId}`)) continue
    firstLines.set(`${l.customerId}/${l.orderId}`, l)
    daysOf.set(l.customerId, [...(daysOf.get(l.customerId) ?? []), Math.floor(l.orderedAt / DAY_MS)])
  }
  const isUnpriced = (l: OrderLine): boolean => {
    const first = firstLines.get(`${l.customerId}/${l.orderId}`)!
    const orderDay = Math.floor(first.orderedAt / DAY_MS)
    return Number(l.orderId.split("-o")[1]) % 3 === 2 && daysOf.get(l.customerId)!.filter((d) => d === orderDay).length === 1
  }
  const marked = lines.map((l) => (isUnpriced(l) ? { ...l, priced: false } : l))
  // Z: priced first order, then only unpriced ones; Y: one priced and one unpriced repeat.
  const extra = [
    line("Z", "Z1", 10, "P1", 1, 30),
    line("Z", "Z2", 40, "P1", 1, 30, unpriced),
    line("Z", "Z3", 80, "P1", 1, 30, unpriced),
    line("Y", "Y1", 20, "P1", 1, 10),
    line("Y", "Y2", 60, "P1", 1, 50),
    line("Y", "Y3", 100, "P1", 1, 70, unpriced),
  ]
  const history = buildOrderHistory([...marked, ...extra])
  const models = fitValueModels(history, { asOf })

  it("has unpriced repeat orders to ignore", () => {
    const summaries = valueSummaries(history, asOf)
    expect(summaries.filter((s) => s.pricedRepeats !== undefined).length).toBeGreaterThan(10)
  })

  it("fits Gamma-Gamma on the priced repeat orders only: as if the unpriced ones were not there", () => {
    const withoutUnpriced = buildOrderHistory([...marked, ...extra].filter((l) => l.priced !== false))
    expect(models.gammaGamma.params).toEqual(fitValueModels(withoutUnpriced, { asOf }).gammaGamma.params)
  })

  it("fits BG/NBD on every order, priced or not", () => {
    const flagsDropped = buildOrderHistory([...marked, ...extra].map(({ priced: _, ...rest }) => rest))
    expect(models.bgnbd.params).toEqual(fitValueModels(flagsDropped, { asOf }).bgnbd.params)
  })

  it("values a customer without a priced repeat at the population's mean order value", () => {
    const options = { asOf, horizonDays: 90, clvHorizonDays: 365, monthlyDiscount: 0.01 }
    const values = customerValues(models, history, options, new Set(["Z", "Y"]))
    const z = values.get("Z")!
    expect(z.expectedOrders).toBeGreaterThan(0)
    expect(z.expectedSpend).toBeCloseTo(z.expectedOrders * models.gammaGamma.populationMeanValue(), 9)
    // Y: one priced repeat, of 50
    const y = values.get("Y")!
    expect(y.expectedSpend).toBeCloseTo(y.expectedOrders * models.gammaGamma.conditionalExpectedAverageValue(1, 50), 9)
  })
})
