import { buildOrderHistory, type OrderHistory } from "../../../../src/core/data"
import { ModelFormatError } from "../../../../src/core/errors"
import { restoreCustomerModels, scoreCustomersWith } from "../../../../src/core/pipeline/customer-scorer"
import { serializeCustomerModels } from "../../../../src/core/pipeline/model-bundle"
import { trainCustomerModels, type CustomerModelsResult } from "../../../../src/core/pipeline/train-customer-models"
import { simulateStore } from "../../../../src/core/simulate"

const DAY_MS = 86_400_000

/** What a model version stores: the document after a JSON round trip. */
const stored = (result: CustomerModelsResult): Record<string, any> => JSON.parse(JSON.stringify(serializeCustomerModels(result.models)))

/** The history of only these customers' lines, as a source filtered to them reads it. */
const only = (history: OrderHistory, ids: readonly string[]): OrderHistory => {
  const wanted = new Set(ids)
  return buildOrderHistory(history.lines.filter((line) => wanted.has(line.customerId)))
}

describe("population figures stored with the customer models", () => {
  const orders = buildOrderHistory(simulateStore({ customers: 300, days: 400, seed: 21 }).lines)
  const asOf = Math.floor(orders.lastAt / DAY_MS) * DAY_MS - 30 * DAY_MS
  const small = buildOrderHistory(simulateStore({ customers: 12, days: 200, seed: 4 }).lines)
  const smallAsOf = Math.floor(small.lastAt / DAY_MS) * DAY_MS
  let trained: CustomerModelsResult
  let tiny: CustomerModelsResult
  beforeAll(async () => {
    trained = await trainCustomerModels(orders, { asOf, horizonDays: 90, churnWindowDays: 60, clvHorizonDays: 365, seed: 3, trials: 3 })
    // a plan without classifiers, as the readiness check gives a store this young
    const none = (label: "purchase" | "churn") => ({ label, targetDays: 30, windowDays: null, rung: "bgnbd" as const, why: "too young", next: null })
    tiny = await trainCustomerModels(small, {
      asOf: smallAsOf,
      horizonDays: 30,
      churnWindowDays: 30,
      clvHorizonDays: 365,
      seed: 3,
      trials: 1,
      plan: { purchase: none("purchase"), churn: none("churn") },
    })
  }, 120_000)

  it("are stored with the models and come back unchanged from the document", () => {
    const document = stored(trained)
    expect(document.version).toBe(2)
    expect(document.population.asOf).toBe(asOf)
    expect(document.population.segmentEdges.recencyDays).toHaveLength(4)
    expect(document.population.bgnbdFeatures.type).toBe("bgnbd")
    expect(document.population.reasonReference).toHaveLength(trained.models.churn!.model.featureNames.length)
    const restored = restoreCustomerModels(document)
    expect(restored.population).toEqual(trained.models.population)
    expect(JSON.parse(JSON.stringify(serializeCustomerModels(restored)))).toEqual(document)
  })

  it("let a history of only the rescored customers give them the scores of the whole history, at the training as-of and later", () => {
    const restored = restoreCustomerModels(stored(trained))
    const some = trained.scores.filter((_, i) => i % 9 === 4).map((s) => s.customerId)
    const partial = only(orders, some)
    const expected = trained.scores.filter((s) => some.includes(s.customerId))
    expect(scoreCustomersWith(restored, partial, { asOf, customerIds: some })).toEqual(expected)
    expect(scoreCustomersWith(restored, orders, { asOf, customerIds: some })).toEqual(expected)
    // one customer alone: quintiles and medians of a population of one would differ
    const one = [some[2]]
    expect(scoreCustomersWith(restored, only(orders, one), { asOf, customerIds: one })).toEqual(expected.filter((s) => s.customerId === one[0]))
    const later = asOf + 20 * DAY_MS
    expect(scoreCustomersWith(restored, partial, { asOf: later, customerIds: some })).toEqual(
      scoreCustomersWith(restored, orders, { asOf: later, customerIds: some })
    )
  })

  it("are what makes that work: without them a partial history scores the customers against themselves", () => {
    const document = stored(trained)
    delete document.population
    const restored = restoreCustomerModels(document)
    const some = trained.scores.filter((_, i) => i % 9 === 4).map((s) => s.customerId)
    expect(scoreCustomersWith(restored, only(orders, some), { asOf, customerIds: some })).not.toEqual(
      trained.scores.filter((s) => some.includes(s.customerId))
    )
  })

  it("are optional: a document stored without them (0.1.0) still scores, from the history given", () => {
    const document = stored(trained)
    delete document.population
    const restored = restoreCustomerModels(document)
    expect(restored.population).toBeUndefined()
    expect(scoreCustomersWith(restored, orders, { asOf })).toEqual(trained.scores)
    expect(JSON.parse(JSON.stringify(serializeCustomerModels(restored)))).toEqual(document)
  })

  it("hold the fallback and no reference for a store too small for BG/NBD features or a classifier", () => {
    const document = stored(tiny)
    expect(document.purchase).toBeNull()
    expect(document.population.bgnbdFeatures).toBeNull()
    expect(document.population.reasonReference).toBeNull()
    const restored = restoreCustomerModels(document)
    const some = tiny.scores.slice(0, 3).map((s) => s.customerId)
    expect(scoreCustomersWith(restored, only(small, some), { asOf: smallAsOf, customerIds: some })).toEqual(tiny.scores.slice(0, 3))
  })

  it("throw ModelFormatError on a reference that does not match the explained classifier's inputs", () => {
    const document = stored(trained)
    document.population.reasonReference.push(1)
    expect(() => restoreCustomerModels(document)).toThrow(ModelFormatError)
    expect(() => restoreCustomerModels(document)).toThrow(/population\.reasonReference/)
    const edges = stored(trained)
    edges.population.segmentEdges.frequency.push(1)
    expect(() => restoreCustomerModels(edges)).toThrow(/population\.segmentEdges\.frequency/)
    const bgnbd = stored(trained)
    bgnbd.population.bgnbdFeatures.state.r = -1
    expect(() => restoreCustomerModels(bgnbd)).toThrow(/population\.bgnbdFeatures/)
  })
})
