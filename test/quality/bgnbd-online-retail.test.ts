import { createReadStream } from "node:fs"
import { readOrders, type OrderHistory } from "../../src/core/data"
import { fitBgNbd } from "../../src/core/probabilistic/bgnbd"
import { summarizeCustomers, type PurchaseEvent } from "../../src/core/probabilistic/customer-summary"
import { datasetFile } from "../../bench/datasets"

/**
 * BG/NBD by plain maximum likelihood on UCI Online Retail, one purchase event per invoice,
 * in weeks. At these cutoffs the likelihood has no interior maximum (it peaks where
 * nobody drops out); the fit must say so and still score every customer: expected
 * purchase days in the next 90 days and P(alive), finite and in range (the times are
 * printed, not asserted: speed is measured by the benchmarks).
 */


const HORIZON_WEEKS = 90 / 7

let history: OrderHistory

beforeAll(async () => {
  const file = datasetFile("online-retail/online_retail.csv")
  history = (await readOrders(createReadStream(file), { format: "online-retail" })).history
}, 180_000)

/** One event per invoice: its time and its value (Σ quantity · unit price). */
function invoiceEvents(): PurchaseEvent[] {
  const byInvoice = new Map<string, PurchaseEvent>()
  for (const line of history.lines) {
    const value = line.quantity * line.unitPrice
    const event = byInvoice.get(line.orderId)
    if (event) event.value += value
    else byInvoice.set(line.orderId, { customerId: line.customerId, orderedAt: line.orderedAt, value })
  }
  return [...byInvoice.values()]
}

describe("BG/NBD on Online Retail", () => {
  it.each([
    ["2011-07-15", Date.UTC(2011, 6, 15)],
    ["2011-09-10", Date.UTC(2011, 8, 10)],
  ])("at %s: fits, flags the boundary and scores every customer in range", (date, asOf) => {
    const summaries = summarizeCustomers(invoiceEvents(), { asOf, timeUnitDays: 7 })
    const fitStarted = performance.now()
    const model = fitBgNbd(summaries, { timeUnitDays: 7 })
    const fitMs = performance.now() - fitStarted

    const score = (): { expected: number[]; alive: number[]; ms: number } => {
      const started = performance.now()
      const expected = summaries.map((s) => model.conditionalExpectedPurchases(HORIZON_WEEKS, s.x, s.tx, s.T))
      const alive = summaries.map((s) => model.pAlive(s.x, s.tx, s.T))
      return { expected, alive, ms: performance.now() - started }
    }
    const first = score() // includes compiling the code paths
    const { expected, alive, ms: scoreMs } = score()

    const { r, alpha, a, b } = model.params
    const mean = expected.reduce((sum, e) => sum + e, 0) / expected.length
    console.log(
      `${date}: ${summaries.length} customers; r = ${r.toFixed(4)}, alpha = ${alpha.toFixed(4)}, a = ${a.toExponential(3)}, ` +
        `b = ${b.toExponential(3)}, LL = ${model.logLikelihood.toFixed(3)}, boundary = ${model.info.boundary}, ` +
        `converged = ${model.info.converged}; fitted in ${fitMs.toFixed(0)} ms; 90-day expected purchases ` +
        `(mean ${mean.toFixed(3)}) and P(alive) for all customers in ${first.ms.toFixed(1)} ms (first pass), ` +
        `${scoreMs.toFixed(1)} ms (second)`
    )

    expect(model.info.converged).toBe(true)
    expect(model.info.boundary).toBe(true)
    // every customer: finite, in range, and at most the no-dropout (NBD) value (r+x)·t/(α+T)
    const outOfRange = summaries.filter((s, i) => {
      const nbd = ((r + s.x) * HORIZON_WEEKS) / (alpha + s.T)
      const e = expected[i]
      const p = alive[i]
      return !(Number.isFinite(e) && e >= 0 && e <= nbd * (1 + 1e-12) && Number.isFinite(p) && p >= 0 && p <= 1)
    })
    expect(outOfRange).toEqual([])
    expect(first.expected).toEqual(expected)
    // fast enough for 5,000 customers in under 50 ms
    expect((scoreMs * 5000) / summaries.length).toBeLessThan(50)
  })
})
