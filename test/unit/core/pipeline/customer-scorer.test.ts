import { buildOrderHistory } from "../../../../src/core/data"
import { InvalidInputError, ModelFormatError } from "../../../../src/core/errors"
import { restoreCustomerModels, scoreCustomersWith } from "../../../../src/core/pipeline/customer-scorer"
import { serializeCustomerModels } from "../../../../src/core/pipeline/model-bundle"
import { trainCustomerModels, type CustomerModelsResult } from "../../../../src/core/pipeline/train-customer-models"
import { simulateStore } from "../../../../src/core/simulate"

const DAY_MS = 86_400_000

/** What a model version stores: the document after a JSON round trip. */
const stored = (result: CustomerModelsResult): Record<string, unknown> => JSON.parse(JSON.stringify(serializeCustomerModels(result.models)))

describe("restoreCustomerModels and scoreCustomersWith", () => {
  const orders = buildOrderHistory(simulateStore({ customers: 300, days: 400, seed: 21 }).lines)
  const asOf = Math.floor(orders.lastAt / DAY_MS) * DAY_MS - 30 * DAY_MS
  const options = { asOf, horizonDays: 90, churnWindowDays: 90, clvHorizonDays: 365, seed: 3, trials: 3 }
  let oneModel: CustomerModelsResult
  let twoModels: CustomerModelsResult
  beforeAll(async () => {
    oneModel = await trainCustomerModels(orders, options)
    twoModels = await trainCustomerModels(orders, { ...options, churnWindowDays: 60, monthlyDiscount: 0.02 })
  }, 120_000)

  it("gives back exactly the training scores after a JSON round trip, with or without a churn model", () => {
    for (const result of [oneModel, twoModels]) {
      const restored = restoreCustomerModels(stored(result))
      expect(scoreCustomersWith(restored, orders, { asOf })).toEqual(result.scores)
      const { horizonDays, clvHorizonDays, monthlyDiscount } = result.models.settings
      expect(scoreCustomersWith(restored, orders, { asOf, horizonDays, clvHorizonDays, monthlyDiscount })).toEqual(result.scores)
    }
    expect(twoModels.scores.some((s) => Math.abs(s.churnRisk - (1 - s.purchaseProbability)) > 0.01)).toBe(true)
  })

  it("stores what it restores: serializing the restored models gives the same document", () => {
    const document = stored(twoModels)
    expect(JSON.parse(JSON.stringify(serializeCustomerModels(restoreCustomerModels(document))))).toEqual(document)
    expect(document.settings).toEqual({ asOf, horizonDays: 90, churnWindowDays: 60, clvHorizonDays: 365, monthlyDiscount: 0.02 })
  })

  it("rescores some customers exactly as scoring everyone scores them, segments and reasons included", () => {
    const restored = restoreCustomerModels(stored(twoModels))
    const everyone = scoreCustomersWith(restored, orders, { asOf })
    const some = everyone.filter((_, i) => i % 7 === 3).map((s) => s.customerId)
    const rescored = scoreCustomersWith(restored, orders, { asOf, customerIds: [...some].reverse().concat("no-such-customer") })
    expect(rescored).toEqual(everyone.filter((s) => some.includes(s.customerId)))
    const [one] = some
    expect(scoreCustomersWith(restored, orders, { asOf, customerIds: [one] })).toEqual(everyone.filter((s) => s.customerId === one))
    expect(scoreCustomersWith(restored, orders, { asOf, customerIds: [] })).toEqual([])
  })

  it("rescores at a later as-of from the orders placed since, new customers included", () => {
    const restored = restoreCustomerModels(stored(oneModel))
    const later = asOf + 20 * DAY_MS
    const rescored = scoreCustomersWith(restored, orders, { asOf: later })
    const before = new Set(oneModel.scores.map((s) => s.customerId))
    const newcomers = new Set(orders.lines.filter((l) => l.orderedAt >= asOf && l.orderedAt < later && !before.has(l.customerId)).map((l) => l.customerId))
    expect(newcomers.size).toBeGreaterThan(0)
    expect(new Set(rescored.map((s) => s.customerId))).toEqual(new Set([...before, ...newcomers]))
    const returning = orders.lines.find((l) => l.orderedAt >= asOf && l.orderedAt < later && before.has(l.customerId))!.customerId
    const was = oneModel.scores.find((s) => s.customerId === returning)!
    const now = rescored.find((s) => s.customerId === returning)!
    expect(now.expectedOrders).not.toBe(was.expectedOrders)
    expect(now.purchaseProbability).not.toBe(was.purchaseProbability)
  })

  it("names a scoring option out of bounds", () => {
    const restored = restoreCustomerModels(stored(oneModel))
    expect(() => scoreCustomersWith(restored, orders, { asOf, horizonDays: -1 })).toThrow(InvalidInputError)
    expect(() => scoreCustomersWith(restored, orders, { asOf: Number.NaN })).toThrow(/asOf/)
  })

  describe("a damaged document", () => {
    type Damage = (document: Record<string, any>) => unknown
    const damaged = (damage: Damage) => () => {
      const document = stored(twoModels)
      return restoreCustomerModels(damage(document) ?? document)
    }
    const cases: [string, Damage, RegExp][] = [
      ["not an object", () => "customer-models", /must be a JSON object/],
      ["another type", (d) => ({ ...d, type: "binary-pipeline" }), /expected a model of type "customer-models", got "binary-pipeline"/],
      ["an older version", (d) => ({ ...d, version: 1 }), /version 1 is not supported \(expected 2\)/],
      ["no purchase classifier", (d) => void delete d.purchase, /purchase/],
      ["no settings", (d) => void delete d.settings, /settings/],
      ["a column out of range", (d) => void d.purchase.columns.push(99), /purchase\.columns/],
      ["columns that do not feed the pipeline", (d) => void (d.churn.columns = Array.from({ length: d.churn.columns.length + 1 }, (_, j) => j)), /churn\.pipeline reads/],
      ["a churn model under the purchase key", (d) => void (d.purchase.label = "churn"), /purchase\.label/],
      ["a damaged learner", (d) => void (d.purchase.preWindowPipeline.state.learner = { type: "nope", version: 1 }), /purchase\.preWindowPipeline/],
      ["a damaged country encoder", (d) => void (d.churn.countryEncoder.state.countries = [7]), /churn\.countryEncoder/],
      ["a negative BG/NBD parameter", (d) => void (d.bgnbd.state.r = -1), /bgnbd/],
      ["a Gamma-Gamma model of another type", (d) => void (d.gammaGamma.type = "bgnbd"), /gammaGamma/],
    ]
    it.each(cases)("throws ModelFormatError on %s", (_name, damage, message) => {
      expect(damaged(damage)).toThrow(ModelFormatError)
      expect(damaged(damage)).toThrow(message)
    })
  })
})
