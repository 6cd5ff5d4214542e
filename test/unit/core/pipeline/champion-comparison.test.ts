import { buildOrderHistory } from "../../../../src/core/data"
import { InvalidInputError } from "../../../../src/core/errors"
import { buildFeatureRows, FEATURE_COUNT } from "../../../../src/core/features"
import { createMatrix } from "../../../../src/core/linalg/matrix"
import { prAuc } from "../../../../src/core/metrics/classification"
import { classifierInputs } from "../../../../src/core/pipeline/classifier-task"
import { compareWithChampion } from "../../../../src/core/pipeline/champion-comparison"
import { restoreCustomerModels } from "../../../../src/core/pipeline/customer-scorer"
import { serializeCustomerModels } from "../../../../src/core/pipeline/model-bundle"
import { trainCustomerModels, type CustomerModelsResult } from "../../../../src/core/pipeline/train-customer-models"
import { PR_AUC_TIE } from "../../../../src/core/tuning"
import { simulateStore } from "../../../../src/core/simulate"

const DAY_MS = 86_400_000

/** A champion as the registry holds it: the stored document, restored. */
const asChampion = (result: CustomerModelsResult) => restoreCustomerModels(JSON.parse(JSON.stringify(serializeCustomerModels(result.models))))

describe("compareWithChampion", () => {
  const orders = buildOrderHistory(simulateStore({ customers: 400, days: 400, seed: 8 }).lines)
  const asOf = Math.floor(orders.lastAt / DAY_MS) * DAY_MS - 20 * DAY_MS
  const options = { asOf, horizonDays: 90, churnWindowDays: 90, clvHorizonDays: 365, seed: 4, trials: 3 }
  let challenger: CustomerModelsResult
  /** A deliberately poor model: order value and country only, one logistic regression. */
  let weak: CustomerModelsResult
  beforeAll(async () => {
    challenger = await trainCustomerModels(orders, options)
    weak = await trainCustomerModels(orders, {
      ...options,
      learners: ["logistic-regression"],
      trials: 1,
      featureSets: [{ name: "order value", features: ["avg_order_value"] }],
    })
  }, 120_000)

  it("promotes the first version, judged by the tuner's figure of its model fitted before the window", () => {
    const comparison = compareWithChampion(challenger, null, orders)
    const task = challenger.models.purchase!
    const preWindow = prAuc(task.validation.y, task.preWindowModel.predictUncalibrated(task.validation.inputs))
    const refitted = prAuc(task.validation.y, task.model.predictUncalibrated(task.validation.inputs))
    expect(comparison).toMatchObject({ promote: true, decidedBy: "purchase", metric: "purchase.prAuc", champion: null, purchase: null, churn: null })
    expect(comparison.challenger).toBe(task.tuned.winner.candidateMetrics.prAuc)
    expect(comparison.challenger).toBeCloseTo(preWindow, 12)
    expect(comparison.challenger).not.toBeCloseTo(refitted, 6)
  })

  it("ties a model with itself, restored from storage, and keeps the champion", () => {
    const comparison = compareWithChampion(challenger, asChampion(challenger), orders)
    expect(comparison.purchase).toMatchObject({ task: "purchase", metric: "prAuc", windowDays: 90, championOverlapDays: 0 })
    expect(comparison.purchase?.rows).toBe(challenger.models.purchase!.validation.y.length)
    expect(comparison.purchase?.cutoff).toBe(asOf - 90 * DAY_MS)
    expect(comparison.champion).toBe(comparison.challenger)
    expect(comparison.promote).toBe(false)
  })

  it("promotes a better challenger over a poor champion, and not the other way round", () => {
    const better = compareWithChampion(challenger, asChampion(weak), orders)
    console.log(`validation PR-AUC: challenger ${better.challenger.toFixed(4)}, poor champion ${better.champion?.toFixed(4)}`)
    expect(better.challenger - (better.champion ?? 1)).toBeGreaterThan(PR_AUC_TIE)
    expect(better.promote).toBe(true)
    const worse = compareWithChampion(weak, asChampion(challenger), orders)
    expect(worse.promote).toBe(false)
    expect(worse.champion).toBeGreaterThan(worse.challenger)
  })

  it("decides by churn when the challenger has a churn model, judging a champion without one by 1 - purchase probability", async () => {
    const withChurn = await trainCustomerModels(orders, { ...options, churnWindowDays: 60 })
    const comparison = compareWithChampion(withChurn, asChampion(challenger), orders)
    const churnTask = withChurn.models.churn!
    expect(comparison).toMatchObject({ decidedBy: "churn", metric: "churn.prAuc" })
    expect(comparison.churn).toMatchObject({ task: "churn", windowDays: 60, cutoff: asOf - 60 * DAY_MS, rows: churnTask.validation.y.length })
    expect(comparison.challenger).toBe(churnTask.tuned.winner.candidateMetrics.prAuc)
    expect(comparison.purchase?.challenger).toBe(withChurn.models.purchase!.tuned.winner.candidateMetrics.prAuc)
    expect(comparison.promote).toBe(comparison.churn!.promote)
    // the champion's churn risk: 1 - its pre-window purchase probability, at the churn cutoff
    const champion = asChampion(challenger)
    const rows = buildFeatureRows(orders, churnTask.validation.cutoff, { horizonDays: 90 })
    expect(rows.customerIds).toEqual(churnTask.validation.customerIds)
    const inputs = classifierInputs(champion.purchase!, createMatrix(rows.customerIds.length, FEATURE_COUNT, rows.values), rows.countries)
    const risk = champion.purchase!.preWindowModel.predictUncalibrated(inputs).map((p) => 1 - p)
    expect(comparison.churn!.champion).toBe(prAuc(churnTask.validation.y, risk))
    // against itself with a churn model, the churn figures tie too
    expect(compareWithChampion(withChurn, asChampion(withChurn), orders).churn).toMatchObject({ promote: false, champion: comparison.challenger })
  }, 60_000)

  it("reports a champion whose pre-window labels reach into the challenger's window", async () => {
    const older = await trainCustomerModels(orders, { ...options, asOf: asOf - 30 * DAY_MS })
    const comparison = compareWithChampion(older, asChampion(challenger), orders)
    expect(comparison.purchase?.championOverlapDays).toBe(30)
    expect(compareWithChampion(challenger, asChampion(older), orders).purchase?.championOverlapDays).toBe(0)
  }, 60_000)

  it("refuses a history without the challenger's validation customers", () => {
    const cutoff = challenger.models.purchase!.validation.cutoff
    const missing = challenger.models.purchase!.validation.customerIds[0]
    const other = buildOrderHistory(orders.lines.filter((l) => l.customerId !== missing || l.orderedAt >= cutoff))
    expect(() => compareWithChampion(challenger, asChampion(challenger), other)).toThrow(InvalidInputError)
  })
})
