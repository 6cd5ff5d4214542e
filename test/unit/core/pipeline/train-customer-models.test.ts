import { buildOrderHistory } from "../../../../src/core/data"
import { trainCustomerModels, type CustomerModelsResult } from "../../../../src/core/pipeline/train-customer-models"
import { SEGMENT_IDS } from "../../../../src/core/segments"
import { simulateStore } from "../../../../src/core/simulate"

const DAY_MS = 86_400_000

/** A small simulated store; the pipeline runs on it as on any order history. */
function history() {
  const store = simulateStore({ customers: 500, days: 400, seed: 11 })
  return { store, history: buildOrderHistory(store.lines) }
}

function withoutTimings(result: CustomerModelsResult) {
  const candidates = (c: { metrics: Record<string, number> }[]) => c.map((x) => ({ ...x, metrics: { ...x.metrics, fitMs: 0 } }))
  return {
    scores: result.scores,
    report: {
      ...result.report,
      timings: {},
      purchase: { ...result.report.purchase, candidates: candidates(result.report.purchase!.candidates) },
    },
  }
}

describe("trainCustomerModels", () => {
  const { store, history: orders } = history()
  const asOf = Math.floor(orders.lastAt / DAY_MS) * DAY_MS - 30 * DAY_MS
  const options = { asOf, horizonDays: 90, churnWindowDays: 90, clvHorizonDays: 365, seed: 5, trials: 6 }
  let first: CustomerModelsResult
  beforeAll(async () => {
    first = await trainCustomerModels(orders, options)
  }, 120_000)

  it("scores every customer with an order before as-of, and no one else", () => {
    const before = new Set(orders.lines.filter((l) => l.orderedAt < asOf).map((l) => l.customerId))
    expect(new Set(first.scores.map((s) => s.customerId))).toEqual(before)
    expect(first.report.customersScored).toBe(before.size)
  })

  it("gives every customer probabilities, value, a segment and up to three reasons", () => {
    for (const s of first.scores) {
      expect(s.purchaseProbability).toBeGreaterThanOrEqual(0)
      expect(s.purchaseProbability).toBeLessThanOrEqual(1)
      expect(s.churnRisk).toBeCloseTo(1 - s.purchaseProbability, 12)
      expect(s.pAlive).toBeGreaterThanOrEqual(0)
      expect(s.pAlive).toBeLessThanOrEqual(1)
      expect(s.expectedSpend).toBeGreaterThanOrEqual(0)
      expect(s.predictedClv).toBeGreaterThanOrEqual(s.expectedSpend * 0.5)
      expect(SEGMENT_IDS).toContain(s.segment)
      expect(s.reasons.length).toBeLessThanOrEqual(3)
      for (const r of s.reasons) expect(r.text.length).toBeGreaterThan(5)
    }
  })

  it("reports the chosen model with validation figures, value-model parameters and segments", () => {
    const { churn, bgnbd, gammaGamma, segments } = first.report
    const purchase = first.report.purchase!
    expect(churn).toBeNull()
    // the three simple candidates, then what about 320 validation customers allow: 2 + 320 / 150 = 4 searched trials
    expect(purchase.candidates.length).toBe(3 + 4)
    expect(purchase.candidates.slice(0, 3).map((c) => c.featureSet)).toEqual(["rule:frequency", "rule:recency", "rfm"])
    expect(purchase.metrics.rocAuc).toBeGreaterThan(0.6)
    expect(new Date(purchase.cutoffs.validation).getTime()).toBe(asOf - 90 * DAY_MS)
    expect(bgnbd.r).toBeGreaterThan(0)
    expect(gammaGamma.p).toBeGreaterThan(0)
    expect(segments.reduce((sum, s) => sum + s.customers, 0)).toBe(first.scores.length)
  })

  // At 500 customers the one-standard-error rule keeps the logistic regression on RFM, which
  // ranks dropouts well but, unlike the richer models a 3,000-customer store earns, not above
  // recency alone; test/quality/dropouts-vs-recency.test.ts holds that claim on the demo store.
  it("ranks the customers who really dropped out as riskier, far beyond chance", () => {
    // ground truth of the simulator: who had dropped out by as-of
    const dropped = new Set(store.customers.filter((c) => c.dropoutAt !== null && c.dropoutAt < asOf).map((c) => c.id))
    const risk = first.scores.map((s) => ({ dropped: dropped.has(s.customerId), risk: s.churnRisk }))
    const auc = (values: { dropped: boolean; risk: number }[]) => {
      const pos = values.filter((v) => v.dropped).map((v) => v.risk)
      const neg = values.filter((v) => !v.dropped).map((v) => v.risk)
      let wins = 0
      for (const p of pos) for (const n of neg) wins += p > n ? 1 : p === n ? 0.5 : 0
      return wins / (pos.length * neg.length)
    }
    const lastOrder = new Map<string, number>()
    for (const l of orders.lines) if (l.orderedAt < asOf) lastOrder.set(l.customerId, l.orderedAt)
    const recency = first.scores.map((s) => ({ dropped: dropped.has(s.customerId), risk: asOf - (lastOrder.get(s.customerId) ?? 0) }))
    console.log(`dropout ROC-AUC: churn risk ${auc(risk).toFixed(3)}, recency alone ${auc(recency).toFixed(3)}`)
    expect(auc(risk)).toBeGreaterThan(0.65)
  })

  it("gives the same scores and report for the same data and seed (timings aside)", async () => {
    const second = await trainCustomerModels(orders, options)
    expect(withoutTimings(second)).toEqual(withoutTimings(first))
  }, 120_000)

  it("reads nothing at or after as-of", async () => {
    const poisoned = buildOrderHistory([
      ...orders.lines,
      ...orders.lines.slice(0, 50).map((l) => ({ ...l, orderedAt: asOf, quantity: 1000 })),
      ...orders.lines.slice(50, 100).map((l) => ({ ...l, orderedAt: asOf + DAY_MS, quantity: 1000 })),
    ])
    const third = await trainCustomerModels(poisoned, options)
    expect(withoutTimings(third).scores).toEqual(withoutTimings(first).scores)
  }, 120_000)

  it("trains a separate churn model when the churn window differs from the horizon", async () => {
    const separate = await trainCustomerModels(orders, { ...options, churnWindowDays: 60 })
    expect(separate.report.churn?.windowDays).toBe(60)
    expect(separate.report.churn?.label).toBe("churn")
    expect(separate.scores.some((s) => Math.abs(s.churnRisk - (1 - s.purchaseProbability)) > 0.01)).toBe(true)
    for (const s of separate.scores) {
      expect(s.churnRisk).toBeGreaterThanOrEqual(0)
      expect(s.churnRisk).toBeLessThanOrEqual(1)
    }
  }, 120_000)
})
