/**
 * The promotion rule of customer-score versions, each branch on a small simulated store
 * with the champion given as the registry hands it over (a stored snapshot), no database.
 */
import { serializeCustomerModels } from "../../../src/core/pipeline/model-bundle"
import { trainCustomerModels, type CustomerModelsResult } from "../../../src/core/pipeline/train-customer-models"
import { promotionStore, trainPoorModel } from "../core/pipeline/promotion-fixtures"
import { toJson } from "../../../src/engine/json"
import { decideCustomerScores } from "../../../src/engine/promotion"
import type { ChampionSnapshot } from "../../../src/engine/training-work"

describe("decideCustomerScores", () => {
  const { orders, options } = promotionStore()
  const models: Partial<Record<"trained" | "weak", CustomerModelsResult>> = {}
  const snapshot = (result: CustomerModelsResult, id: string): ChampionSnapshot => ({
    id,
    model: toJson(serializeCustomerModels(result.models)),
    dataCutoff: new Date(options.asOf),
    hyperparameters: {},
  })
  beforeAll(async () => {
    models.trained = await trainCustomerModels(orders, { ...options, seed: 7 })
    models.weak = await trainPoorModel(orders, options)
  }, 120_000)
  const trained = () => models.trained!
  const weak = () => models.weak!

  it("no comparable champion: the first version is promoted", () => {
    expect(decideCustomerScores(trained(), orders, null)).toMatchObject({ promote: true, outcome: "no_champion", champion: null, championVersionId: null, reason: "no champion yet" })
  })

  it("no comparable champion: one stored in a format this release cannot read is replaced", () => {
    const old = { id: "mlver_old", model: toJson({ type: "customer-models", version: 0 }), dataCutoff: null, hyperparameters: {} }
    expect(decideCustomerScores(trained(), orders, old)).toMatchObject({ promote: true, outcome: "not_comparable", championVersionId: "mlver_old" })
  })

  it("tie: the same models keep the champion", () => {
    const decision = decideCustomerScores(trained(), orders, snapshot(trained(), "mlver_same"))
    expect(decision).toMatchObject({ promote: false, outcome: "tie", championVersionId: "mlver_same" })
    expect(decision.champion).toBe(decision.challenger)
    expect(decision.reason).toContain("the champion stays")
  })

  it("promoted: a better challenger replaces a poor champion beyond one standard error", () => {
    const decision = decideCustomerScores(trained(), orders, snapshot(weak(), "mlver_weak"))
    expect(decision).toMatchObject({ promote: true, outcome: "promoted" })
    expect(decision.challenger! - decision.champion!).toBeGreaterThan(decision.standardError!)
  })

  it("rejected: a poor challenger does not replace a good champion", () => {
    const decision = decideCustomerScores(weak(), orders, snapshot(trained(), "mlver_good"))
    expect(decision).toMatchObject({ promote: false, outcome: "rejected" })
    expect(decision.reason).toContain("falls behind the champion")
  })
})
