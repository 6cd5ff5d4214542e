import { buildOrderHistory, type OrderLine } from "../../../../src/core/data"
import { mapNoOrderProbability } from "../../../../src/core/pipeline/horizon-mapping"
import { historyNeededFor, longestFittingWindow, planTraining } from "../../../../src/core/pipeline/training-plan"
import { fitBgNbd } from "../../../../src/core/probabilistic/bgnbd"
import { probabilityOfNoPurchase } from "../../../../src/core/probabilistic/bgnbd-no-purchase"

const DAY_MS = 86_400_000
const START = Date.UTC(2025, 0, 1)
const line = (customerId: string, orderId: string, day: number, productId = "p"): OrderLine => ({
  orderId,
  customerId,
  orderedAt: START + day * DAY_MS,
  productId,
  quantity: 1,
  unitPrice: 10,
})
const open = { minCustomersWithOrders: 1, minRepeatCustomers: 0, minHistoryDays: 0, minRecentOrders: 0 }

/** 40 customers over `days` days: even ones order every 10 days, odd ones once. */
function store(days: number) {
  const lines: OrderLine[] = []
  for (let c = 0; c < 40; c++) {
    if (c % 2) lines.push(line(`c${c}`, `c${c}-0`, c % days))
    else for (let d = c % 10, k = 0; d < days; d += 10, k++) lines.push(line(`c${c}`, `c${c}-${k}`, d, `p${k % 3}`))
  }
  return buildOrderHistory(lines)
}

describe("the label-window ladder", () => {
  it("fits the longest window whose validation cutoff and one training cutoff lie 30 days after the first order", () => {
    const history = store(200)
    const asOf = START + 121 * DAY_MS
    // 121 days: 2w + 30 <= 121 gives w = 45
    expect(longestFittingWindow(history, asOf, 90)).toBe(45)
    expect(longestFittingWindow(history, asOf, 30)).toBe(30)
    expect(historyNeededFor(90)).toBe(210)
  })

  it("full windows, shorter windows, BG/NBD alone, nothing: one rung per history", () => {
    const history = store(400)
    const at = (days: number, horizonDays: number) => planTraining(history, START + days * DAY_MS, { horizonDays, churnWindowDays: horizonDays, thresholds: open })
    expect(at(300, 90).purchase).toMatchObject({ rung: "full", windowDays: 90, next: null })
    const shorter = at(121, 90).purchase
    expect(shorter).toMatchObject({ rung: "shorter", windowDays: 45, next: "about 210 days of orders" })
    const young = at(45, 90).purchase
    expect(young).toMatchObject({ rung: "bgnbd", windowDays: null, why: "the store has 44 days of orders; a classifier needs 58", next: "about 58 days of orders" })
    const noRepeat = planTraining(buildOrderHistory([line("a", "1", 0), line("b", "2", 100, "q")]), START + 200 * DAY_MS, {
      horizonDays: 30,
      churnWindowDays: 30,
      thresholds: open,
    })
    expect(noRepeat.purchase.rung).toBe("none")
    expect(noRepeat.value.ready).toBe(false)
    expect(noRepeat.recommendations.ready).toBe(true)
    expect(noRepeat.anything).toBe(true)
  })

  it("plans a separate churn window only when it differs from the horizon", () => {
    const history = store(400)
    const asOf = START + 300 * DAY_MS
    expect(planTraining(history, asOf, { horizonDays: 30, churnWindowDays: 30, thresholds: open }).churn).toBeNull()
    expect(planTraining(history, asOf, { horizonDays: 30, churnWindowDays: 120, thresholds: open }).churn).toMatchObject({ rung: "full", windowDays: 120 })
    // 300 days of orders fit 135-day windows at most: (300 - 30) / 2
    expect(planTraining(history, asOf, { horizonDays: 30, churnWindowDays: 200, thresholds: open }).churn).toMatchObject({ rung: "shorter", windowDays: 135 })
  })
})

describe("mapping a shorter window to the horizon with BG/NBD", () => {
  const model = fitBgNbd(
    [
      { x: 0, tx: 0, T: 30 },
      { x: 2, tx: 20, T: 30 },
      { x: 5, tx: 28, T: 30 },
      { x: 1, tx: 5, T: 30 },
      { x: 3, tx: 10, T: 30 },
      { x: 0, tx: 0, T: 20 },
    ],
    { timeUnitDays: 7 }
  )

  it("gives BG/NBD's P(no purchase) by integrating the Poisson zero over the Gamma posterior of the rate", () => {
    const { r, alpha } = model.params
    for (const [x, tx, T, t] of [[2, 20, 30, 8], [0, 0, 30, 4], [5, 28, 30, 13]]) {
      // numerical integral of e^{-λt} against Gamma(r + x, α + T), midpoint rule in s = ln λ (smooth where λ^(shape-1) is not)
      const shape = r + x
      const rate = alpha + T
      const lnNorm = shape * Math.log(rate) - lnGamma(shape)
      let integral = 0
      const step = 1e-4
      for (let s = -40 + step / 2; s < Math.log(50); s += step) {
        const lambda = Math.exp(s)
        integral += Math.exp(lnNorm + shape * s - (rate + t) * lambda) * step
      }
      const pAlive = model.pAlive(x, tx, T)
      expect(probabilityOfNoPurchase(model, t, x, tx, T)).toBeCloseTo(1 - pAlive + pAlive * integral, 4)
    }
    expect(probabilityOfNoPurchase(model, 0, 2, 20, 30)).toBe(1)
  })

  it("keeps the classifier's answer at equal windows, stays a probability, and shrinks P(no order) as the target grows", () => {
    expect(mapNoOrderProbability(0.4, 0.7, 0.7)).toBeCloseTo(0.4, 12)
    const p4 = probabilityOfNoPurchase(model, 4, 2, 20, 30)
    const p13 = probabilityOfNoPurchase(model, 13, 2, 20, 30)
    const mapped = mapNoOrderProbability(0.4, p4, p13)
    expect(mapped).toBeCloseTo((0.4 * p13) / p4, 12)
    expect(mapped).toBeLessThan(0.4)
    expect(mapNoOrderProbability(0.99, 0.5, 0.9)).toBe(1)
    expect(mapNoOrderProbability(0, p4, p13)).toBe(0)
  })
})

/** ln Γ(z) by Lanczos (g = 7), independent of the code under test. */
function lnGamma(z: number): number {
  const c = [0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059, 12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7]
  z -= 1
  let x = c[0]
  for (let i = 1; i < 9; i++) x += c[i] / (z + i)
  const t = z + 7.5
  return 0.5 * Math.log(2 * Math.PI) + (z + 0.5) * Math.log(t) - t + Math.log(x)
}
