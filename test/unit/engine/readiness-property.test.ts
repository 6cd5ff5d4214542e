import fc from "fast-check"
import { buildOrderHistory, type OrderLine } from "../../../src/core/data"
import { NotEnoughDataError } from "../../../src/core/errors"
import { checkReadiness } from "../../../src/core/pipeline/readiness"
import { trainModels } from "../../../src/engine/training-work"
import { trainingSettingsSchema } from "../../../src/queue/payloads"

jest.setTimeout(600_000)

const DAY_MS = 86_400_000
const START = Date.UTC(2025, 0, 1)

/** A small random store: customers with a first order day, a gap between orders and a number of orders, over a few products. */
const storeArbitrary = fc.record({
  days: fc.integer({ min: 20, max: 260 }),
  customers: fc.array(
    fc.record({ first: fc.double({ min: 0, max: 1, noNaN: true }), gap: fc.integer({ min: 3, max: 90 }), orders: fc.integer({ min: 1, max: 8 }), product: fc.integer({ min: 0, max: 3 }) }),
    { minLength: 3, maxLength: 70 }
  ),
  horizonDays: fc.constantFrom(14, 30, 60, 90),
  churnWindowDays: fc.option(fc.constantFrom(21, 45, 120), { nil: undefined }),
})

type Store = typeof storeArbitrary extends fc.Arbitrary<infer T> ? T : never

function historyOf(store: Store) {
  const lines: OrderLine[] = []
  store.customers.forEach((c, i) => {
    for (let k = 0, day = Math.floor(c.first * store.days); k < c.orders && day < store.days; k++, day += c.gap) {
      lines.push({ orderId: `o${i}-${k}`, customerId: `c${i}`, orderedAt: START + day * DAY_MS, productId: `p${(c.product + k) % 4}`, quantity: 1, unitPrice: 5 + ((i * 7 + k) % 11) })
    }
  })
  return buildOrderHistory(lines)
}

/** One readiness rule: on random small stores, the readiness plan names exactly the parts and rungs a training produces. */
describe("readiness and training agree", () => {
  it("a part or rung is reachable by readiness exactly when training produces it", async () => {
    const rungsSeen = new Set<string>()
    await fc.assert(
      fc.asyncProperty(storeArbitrary, async (store) => {
        const history = historyOf(store)
        const asOf = START + store.days * DAY_MS
        const settings = trainingSettingsSchema.parse({
          horizonDays: store.horizonDays,
          churnWindowDays: store.churnWindowDays,
          trials: 3,
          readiness: { minCustomersWithOrders: 3, minRepeatCustomers: 2, minHistoryDays: 20, minRecentOrders: 0 },
        })
        const readiness = checkReadiness(history, asOf, settings.readiness, { horizonDays: settings.horizonDays, churnWindowDays: settings.churnWindowDays })
        const { plan } = readiness
        const input = { history, asOf, settings, trainingRunId: "run", plan, champions: { customerScores: null, recommendations: null } }
        if (!readiness.ready) {
          await expect(trainModels(input)).rejects.toBeInstanceOf(NotEnoughDataError)
          return
        }
        const output = await trainModels(input)
        rungsSeen.add(plan.purchase.rung)
        expect(output.report !== null).toBe(plan.value.ready)
        expect(output.recommendationsReport !== null).toBe(plan.recommendations.ready)
        expect(output.report?.ladder.purchase.rung ?? "none").toBe(plan.value.ready ? plan.purchase.rung : "none")
        if (output.report && plan.churn && plan.purchase.windowDays !== null) expect(output.report.ladder.churn?.rung).toBe(plan.churn.rung)
        // every customer with an order before as-of is scored whenever the value models are built
        if (output.report) expect(output.scores.length).toBe(readiness.figures.customersWithOrders)
      }),
      { seed: 22, numRuns: 30 }
    )
    // the random stores reach every rung of the ladder
    expect([...rungsSeen].sort()).toEqual(["bgnbd", "full", "none", "shorter"])
  })
})
