import { buildOrderHistory } from "../../../../src/core/data"
import { InvalidInputError } from "../../../../src/core/errors"
import { buildFeatureRows, FEATURE_COUNT } from "../../../../src/core/features"
import { createMatrix, selectRows } from "../../../../src/core/linalg/matrix"
import { rocAuc } from "../../../../src/core/metrics/classification"
import { classifierInputs } from "../../../../src/core/pipeline/classifier-task"
import { compareScores, compareWithChampion, promotionOutcome } from "../../../../src/core/pipeline/champion-comparison"
import { restoreCustomerModels } from "../../../../src/core/pipeline/customer-scorer"
import { serializeCustomerModels } from "../../../../src/core/pipeline/model-bundle"
import { trainCustomerModels, type CustomerModelsResult } from "../../../../src/core/pipeline/train-customer-models"
import { createRandom } from "../../../../src/core/random"
import { promotionStore, trainPoorModel } from "./promotion-fixtures"

const DAY_MS = 86_400_000

/** A champion as the registry holds it: the stored document, restored. */
const asChampion = (result: CustomerModelsResult) => restoreCustomerModels(JSON.parse(JSON.stringify(serializeCustomerModels(result.models))))

/** Indices of a task's held-out validation customers. */
const heldOut = (result: CustomerModelsResult, task: "purchase" | "churn" = "purchase") =>
  Array.from(result.models[task]!.validation.holdout).flatMap((h, i) => (h ? [i] : []))

describe("promotionOutcome and compareScores", () => {
  it("promotes beyond one standard error, rejects below minus one, ties in between", () => {
    expect(promotionOutcome(0.03, 0.01)).toBe("promoted")
    expect(promotionOutcome(-0.03, 0.01)).toBe("rejected")
    expect(promotionOutcome(0.005, 0.01)).toBe("tie")
    expect(promotionOutcome(-0.01, 0.01)).toBe("tie")
    expect(promotionOutcome(0.5, Number.NaN)).toBe("tie")
  })

  it("judges two score sets on the same customers with a paired bootstrap", () => {
    const y = Uint8Array.from({ length: 200 }, (_, i) => i % 2)
    const good = Float64Array.from(y, (v, i) => v * 0.5 + ((i * 37) % 100) / 100)
    const noise = Float64Array.from(y, (_, i) => ((i * 53) % 97) / 97)
    const ahead = compareScores(y, good, noise, createRandom(1))
    expect(ahead.outcome).toBe("promoted")
    expect(ahead.challenger).toBeCloseTo(rocAuc(y, good), 12)
    expect(ahead.difference).toBeGreaterThan(ahead.standardError)
    expect(compareScores(y, noise, good, createRandom(1)).outcome).toBe("rejected")
    expect(compareScores(y, good, good, createRandom(1))).toMatchObject({ outcome: "tie", difference: 0, standardError: 0 })
  })
})

describe("compareWithChampion", () => {
  const { orders, options } = promotionStore()
  const { asOf } = options
  let challenger: CustomerModelsResult
  let weak: CustomerModelsResult
  beforeAll(async () => {
    challenger = await trainCustomerModels(orders, options)
    weak = await trainPoorModel(orders, options)
  }, 120_000)

  it("promotes the first version, with its pre-window model's figure on the held-out customers", () => {
    const comparison = compareWithChampion(challenger, null, orders)
    const task = challenger.models.purchase!
    const rows = heldOut(challenger)
    expect(rows.length).toBeGreaterThan(20)
    const y = Uint8Array.from(rows, (i) => task.validation.y[i])
    const preWindow = rocAuc(y, task.preWindowModel.predictUncalibrated(selectRows(task.validation.inputs, rows)))
    expect(comparison).toMatchObject({ promote: true, outcome: "no_champion", decidedBy: "purchase", metric: "purchase.rocAuc", champion: null, purchase: null, churn: null })
    expect(comparison.challenger).toBeCloseTo(preWindow, 12)
  })

  it("ties a model with itself, restored from storage, and keeps the champion", () => {
    const comparison = compareWithChampion(challenger, asChampion(challenger), orders)
    expect(comparison.purchase).toMatchObject({ task: "purchase", metric: "rocAuc", windowDays: 90, championOverlapDays: 0, rowsFrom: "holdout", outcome: "tie" })
    expect(comparison.purchase?.rows).toBe(heldOut(challenger).length)
    expect(comparison.purchase?.cutoff).toBe(asOf - 90 * DAY_MS)
    expect(comparison.champion).toBe(comparison.challenger)
    expect(comparison.promote).toBe(false)
  })

  it("promotes a better challenger over a poor champion, and rejects the other way round", () => {
    const better = compareWithChampion(challenger, asChampion(weak), orders)
    console.log(`held-out ROC-AUC: challenger ${better.challenger.toFixed(4)}, poor champion ${better.champion?.toFixed(4)}, SE ${better.standardError?.toFixed(4)}`)
    expect(better).toMatchObject({ outcome: "promoted", promote: true })
    expect(better.challenger - (better.champion ?? 1)).toBeGreaterThan(better.standardError!)
    const worse = compareWithChampion(weak, asChampion(challenger), orders)
    expect(worse).toMatchObject({ outcome: "rejected", promote: false })
  })

  it("does not replace the champion by luck of the search: a retrain on unchanged data with another seed ties (three seeds)", async () => {
    for (const seed of [1, 2, 3]) {
      const champion = await trainCustomerModels(orders, { ...options, seed, trials: 24 })
      const retrain = await trainCustomerModels(orders, { ...options, seed: seed + 100, trials: 24 })
      const comparison = compareWithChampion(retrain, asChampion(champion), orders)
      console.log(`seed ${seed}: ${champion.report.purchase!.chosen.featureSet} -> ${retrain.report.purchase!.chosen.featureSet}, ${comparison.outcome}`)
      expect(comparison.promote).toBe(false)
    }
  }, 180_000)

  it("decides by churn when the challenger has a churn model, judging a champion without one by 1 - purchase probability", async () => {
    const withChurn = await trainCustomerModels(orders, { ...options, churnWindowDays: 60 })
    const comparison = compareWithChampion(withChurn, asChampion(challenger), orders)
    const churnTask = withChurn.models.churn!
    expect(comparison).toMatchObject({ decidedBy: "churn", metric: "churn.rocAuc" })
    expect(comparison.churn).toMatchObject({ task: "churn", windowDays: 60, cutoff: asOf - 60 * DAY_MS, rows: heldOut(withChurn, "churn").length })
    expect(comparison.promote).toBe(comparison.churn!.promote)
    // the champion's churn risk: 1 - its pre-window purchase probability, at the churn cutoff
    const champion = asChampion(challenger)
    const rows = buildFeatureRows(orders, churnTask.validation.cutoff, { horizonDays: 90 })
    expect(rows.customerIds).toEqual(churnTask.validation.customerIds)
    const held = heldOut(withChurn, "churn")
    const inputs = classifierInputs(champion.purchase!, selectRows(createMatrix(rows.customerIds.length, FEATURE_COUNT, rows.values), held), held.map((i) => rows.countries[i]))
    const risk = champion.purchase!.preWindowModel.predictUncalibrated(inputs).map((p) => 1 - p)
    expect(comparison.churn!.champion).toBeCloseTo(rocAuc(Uint8Array.from(held, (i) => churnTask.validation.y[i]), risk), 12)
    // against itself with a churn model, the churn figures tie too
    expect(compareWithChampion(withChurn, asChampion(withChurn), orders).churn).toMatchObject({ promote: false, outcome: "tie", champion: comparison.challenger })
  }, 60_000)

  it("reports a champion whose pre-window labels reach into the challenger's window", async () => {
    const older = await trainCustomerModels(orders, { ...options, asOf: asOf - 30 * DAY_MS })
    const comparison = compareWithChampion(older, asChampion(challenger), orders)
    expect(comparison.purchase?.championOverlapDays).toBe(30)
    expect(compareWithChampion(challenger, asChampion(older), orders).purchase?.championOverlapDays).toBe(0)
  }, 60_000)

  it("refuses a history without the challenger's held-out validation customers", () => {
    const { validation } = challenger.models.purchase!
    const missing = validation.customerIds[heldOut(challenger)[0]]
    const other = buildOrderHistory(orders.lines.filter((l) => l.customerId !== missing || l.orderedAt >= validation.cutoff))
    expect(() => compareWithChampion(challenger, asChampion(challenger), other)).toThrow(InvalidInputError)
  })
})
