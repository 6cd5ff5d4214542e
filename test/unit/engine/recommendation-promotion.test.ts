/**
 * The promotion rule of recommendation versions, each branch on a small simulated store:
 * the challenger's "for you" settings against the champion's, both fitted before the
 * validation window and judged on held-out customers no search selected on.
 */
import { buildOrderHistory } from "../../../src/core/data"
import { isHeldOut } from "../../../src/core/data/holdout"
import { buildRecommendationCases } from "../../../src/core/recommend"
import { heldOutCases } from "../../../src/core/recommend/holdout-comparison"
import { trainRecommendations, type RecommendationResult } from "../../../src/core/pipeline/train-recommendations"
import { simulateStore } from "../../../src/core/simulate"
import { toJson } from "../../../src/engine/json"
import { decideRecommendations } from "../../../src/engine/promotion"
import type { ChampionSnapshot } from "../../../src/engine/training-work"

const DAY = 86_400_000
const orders = buildOrderHistory(simulateStore({ customers: 500, days: 400, seed: 8 }).lines)
const asOf = Math.floor(orders.lastAt / DAY) * DAY + DAY
const trained = (seed: number) => trainRecommendations(orders, { asOf, seed, limit: 10, trials: 6 })

/** A champion as the registry hands it over, with the settings of `result` (or others). */
function championOf(result: RecommendationResult, cutoff: number, settings?: Record<string, unknown>): ChampionSnapshot {
  const { forYouNeighbours, forYouScoring } = result.report
  return {
    id: "mlver_champion",
    model: toJson({ type: "stored-lists", version: 1 }),
    dataCutoff: new Date(cutoff),
    hyperparameters: toJson(settings ?? { forYouNeighbours: forYouNeighbours.chosen, forYouScoring: forYouScoring.chosen }),
  }
}

/** The same result with other "for you" settings chosen, as if a search had picked them. */
function withSettings(result: RecommendationResult, neighbours: object, scoring: object): RecommendationResult {
  const report = result.report
  return {
    ...result,
    report: {
      ...report,
      forYouNeighbours: { ...report.forYouNeighbours, chosen: { ...report.forYouNeighbours.chosen, ...neighbours } },
      forYouScoring: { ...report.forYouScoring, chosen: { ...report.forYouScoring.chosen, ...scoring } },
    },
  }
}

describe("decideRecommendations", () => {
  const base = trained(1)
  // buy-again off and no recency in the profile: far worse on "purchases allowed"
  const poor = withSettings(base, { profileHalfLifeDays: null, trendExponent: 2 }, { blendWeight: 0 })

  it("keeps held-out customers out of the tuning search, and compares on them", () => {
    const from = base.report.validationFrom
    const before = buildOrderHistory(orders.lines.filter((line) => line.orderedAt < from))
    const all = buildRecommendationCases(before, orders.lines.filter((line) => line.orderedAt >= from && line.orderedAt < asOf)).repeatsAllowed
    const held = all.filter((c) => isHeldOut(c.customerId))
    expect(held.length).toBeGreaterThan(10)
    expect(base.report.cases.repeatsAllowed).toBe(all.length - held.length)
    expect(heldOutCases(orders, from, asOf).cases.map((c) => c.customerId)).toEqual(held.map((c) => c.customerId))
  })

  it("no champion: the first lists are promoted", () => {
    expect(decideRecommendations(base, orders, asOf, null)).toMatchObject({ promote: true, outcome: "no_champion" })
  })

  it("tie on the champion's own data: the champion stays", () => {
    const decision = decideRecommendations(base, orders, asOf, championOf(base, asOf))
    expect(decision).toMatchObject({ promote: false, outcome: "tie", standardError: 0 })
    expect(decision.challenger).toBe(decision.champion)
    expect(decision.reason).toContain("the champion stays")
  })

  it("tie on fresher data: the fresher lists replace the champion's", () => {
    const decision = decideRecommendations(base, orders, asOf, championOf(base, asOf - 7 * DAY))
    expect(decision).toMatchObject({ promote: true, outcome: "tie" })
    expect(decision.reason).toContain("fresher data")
  })

  it("rejected: worse settings do not replace the champion's lists, even on fresher data", () => {
    const decision = decideRecommendations(poor, orders, asOf, championOf(base, asOf - 7 * DAY))
    expect(decision).toMatchObject({ promote: false, outcome: "rejected" })
    expect(decision.champion! - decision.challenger!).toBeGreaterThan(decision.standardError!)
  })

  it("promoted: better settings replace a poor champion beyond one standard error", () => {
    const decision = decideRecommendations(base, orders, asOf, championOf(poor, asOf))
    expect(decision).toMatchObject({ promote: true, outcome: "promoted" })
    expect(decision.challenger! - decision.champion!).toBeGreaterThan(decision.standardError!)
  })

  it("not comparable: a champion without settings is replaced by fresher lists, kept on its own data", () => {
    expect(decideRecommendations(base, orders, asOf, championOf(base, asOf - DAY, {}))).toMatchObject({ promote: true, outcome: "not_comparable" })
    expect(decideRecommendations(base, orders, asOf, championOf(base, asOf, {}))).toMatchObject({ promote: false, outcome: "tie" })
  })

  it("a retrain on unchanged data does not replace the champion by luck of the search (three seeds)", () => {
    const champion = championOf(base, asOf)
    const decisions = [2, 3, 4].map((seed) => decideRecommendations(trained(seed), orders, asOf, champion))
    for (const decision of decisions) expect({ promote: decision.promote, outcome: decision.outcome }).toEqual({ promote: false, outcome: "tie" })
  })
})
