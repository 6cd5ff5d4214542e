/**
 * The admin extensions' pure helpers (src/admin/lib), on tiny hand-made data: CSV
 * reading, segment totals, the customer's purchase picks, the
 * churn list's URL state, number formats and the reading of stored metrics.
 */
import { churnParamsOf, churnQueryOf, nextSort } from "../../src/admin/lib/churn-query"
import { csvRecords, parseCsv } from "../../src/admin/lib/csv"
import { decimal, percent } from "../../src/admin/lib/format"
import { classifiersOf, modelContextOf, promotionOf, rankingsOf } from "../../src/admin/lib/model-metrics"
import { nextOrderOf } from "../../src/admin/lib/next-order"
import { mergePicks, recentProductIds } from "../../src/admin/lib/purchase-picks"
import { scoredRowsOf, summarizeSegments } from "../../src/admin/lib/segment-summary"
import type { ModelVersion, ProductRecommendation } from "../../src/admin/lib/types"
import { championFirst, trainingLines } from "../../src/admin/lib/versions"

describe("parseCsv", () => {
  it("reads quoted fields with commas, doubled quotes and line breaks, and CRLF lines", () => {
    const text = 'id,text\r\n1,"a, b"\r\n2,"say ""hi"""\n3,"two\nlines"\n'
    expect(parseCsv(text)).toEqual([["id", "text"], ["1", "a, b"], ["2", 'say "hi"'], ["3", "two\nlines"]])
    expect(csvRecords(text)[2]).toEqual({ id: "3", text: "two\nlines" })
  })

  it("keeps empty fields and a last line without a line break", () => {
    expect(parseCsv("a,,c\nd,e,")).toEqual([["a", "", "c"], ["d", "e", ""]])
    expect(csvRecords("")).toEqual([])
  })
})

describe("summarizeSegments", () => {
  it("counts customers and sums CLV and value at risk per segment, in the catalogue's order", () => {
    const rows = [
      { segment: "lost", churn_risk: 1, predicted_clv: 10 },
      { segment: "champions", churn_risk: 0.2, predicted_clv: 100 },
      { segment: "lost", churn_risk: 0.5, predicted_clv: 30 },
    ]
    expect(summarizeSegments(rows, ["champions", "lost"])).toEqual([
      { segment: "champions", customers: 1, totalClv: 100, valueAtRisk: 20, meanChurnRisk: 0.2 },
      { segment: "lost", customers: 2, totalClv: 40, valueAtRisk: 25, meanChurnRisk: 0.75 },
    ])
  })

  it("reads CSV records, leaving out a record with an unreadable number", () => {
    const records = [
      { segment: "new", churn_risk: "0.25", predicted_clv: "8" },
      { segment: "new", churn_risk: "", predicted_clv: "8" },
      { segment: "new", churn_risk: "x", predicted_clv: "8" },
    ]
    expect(scoredRowsOf(records)).toEqual([{ segment: "new", churn_risk: 0.25, predicted_clv: 8 }])
  })
})

describe("purchase picks", () => {
  const rec = (id: string, score: number): ProductRecommendation => ({ rank: 0, score, product: { id, title: id, handle: id, thumbnail: null, status: "published" } })

  it("merges lists at each product's best score, leaves out bought products and re-ranks", () => {
    const picks = mergePicks([[rec("x", 0.2), rec("y", 0.5)], [rec("x", 0.7), rec("bought", 0.9)]], new Set(["bought"]), 5)
    expect(picks.map((p) => [p.product.id, p.score, p.rank])).toEqual([
      ["x", 0.7, 1],
      ["y", 0.5, 2],
    ])
    expect(mergePicks([[rec("a", 0.3), rec("b", 0.2)]], new Set(), 1)).toHaveLength(1)
  })

  it("takes each product of the orders once, newest order first", () => {
    const orders = [{ items: [{ product_id: "p1" }, { product_id: "p2" }] }, { items: [{ product_id: "p1" }, { product_id: null }, { product_id: "p3" }] }, { items: null }]
    expect(recentProductIds(orders, 10)).toEqual(["p1", "p2", "p3"])
    expect(recentProductIds(orders, 2)).toEqual(["p1", "p2"])
  })
})

describe("the churn list's URL state", () => {
  it("round-trips through URL parameters, defaults left out", () => {
    const query = { segment: "at_risk", riskBand: "high" as const, minClv: 50, sort: "clv" as const, order: "asc" as const, page: 2 }
    const params = churnParamsOf(query, "churn")
    expect(churnQueryOf(params)).toEqual(query)
    expect(churnParamsOf(churnQueryOf(new URLSearchParams()), "churn").toString()).toBe("tab=churn")
  })

  it("falls back to the defaults for values it cannot read", () => {
    const query = churnQueryOf(new URLSearchParams("risk_band=extreme&sort=name&min_clv=abc&page=-1&order=up"))
    expect(query).toEqual({ segment: null, riskBand: null, minClv: null, sort: "churn_risk", order: "desc", page: 0 })
  })

  it("flips the order on the sorted column, starts another column descending, and goes back to the first page", () => {
    const query = churnQueryOf(new URLSearchParams("sort=clv&page=3"))
    expect(nextSort(query, "clv")).toMatchObject({ sort: "clv", order: "asc", page: 0 })
    expect(nextSort({ ...query, order: "asc" }, "churn_risk")).toMatchObject({ sort: "churn_risk", order: "desc", page: 0 })
  })
})

describe("formats", () => {
  it("shows a probability as a whole percent, with a decimal near 0% and 100%", () => {
    expect([percent(0.4213), percent(0.004), percent(0.997), percent(1), percent(0), percent(Number.NaN)]).toEqual(["42%", "0.4%", "99.7%", "100%", "0%", "–"])
  })

  it("shows a tiny positive amount as below the smallest shown", () => {
    expect([decimal(0.004), decimal(0), decimal(1.234)]).toEqual(["< 0.01", "0.00", "1.23"])
  })
})

describe("expected next order", () => {
  const scoredAt = "2025-01-02T00:00:00.000Z"

  it("is the scoring date plus the horizon over the expected orders", () => {
    expect(nextOrderOf(scoredAt, 2, 30)).toEqual({ kind: "around", date: "2025-01-17T00:00:00.000Z" })
    expect(nextOrderOf(scoredAt, 0.5, 30)).toEqual({ kind: "around", date: "2025-03-03T00:00:00.000Z" })
    expect(nextOrderOf(scoredAt, 1.25, 90)).toEqual({ kind: "around", date: "2025-03-15T00:00:00.000Z" })
  })

  it("is not expected in the horizon when the expected orders are about none", () => {
    expect(nextOrderOf(scoredAt, 0, 30)).toEqual({ kind: "not_expected", horizonDays: 30 })
    expect(nextOrderOf(scoredAt, 0.001, 60)).toEqual({ kind: "not_expected", horizonDays: 60 })
    // 30 / 0.05 = 600 days away: an extrapolation, not an expectation
    expect(nextOrderOf(scoredAt, 0.05, 30)).toEqual({ kind: "not_expected", horizonDays: 30 })
  })

  it("is unknown without the horizon, the scoring date or a number", () => {
    expect(nextOrderOf(scoredAt, 2, null)).toEqual({ kind: "unknown" })
    expect(nextOrderOf("not a date", 2, 30)).toEqual({ kind: "unknown" })
    expect(nextOrderOf(scoredAt, Number.NaN, 30)).toEqual({ kind: "unknown" })
  })
})

describe("stored metrics", () => {
  it("reads the classifiers' metrics, calibration and importance, and ignores malformed entries", () => {
    const metrics = {
      purchase: {
        accuracy: 0.8,
        rocAuc: 0.75,
        f1: "high",
        calibrationTable: [{ binStart: 0, binEnd: 0.1, count: 3, meanPredicted: 0.05, fractionPositive: 0 }, { binStart: 0.1 }],
        featureImportance: [{ feature: "a", importance: 0.1 }, { feature: "b", importance: 0.6 }, { feature: 3 }],
      },
      churn: null,
    }
    const [purchase, ...others] = classifiersOf(metrics)
    expect(others).toEqual([])
    expect(purchase.metrics.values).toEqual({ accuracy: 0.8, rocAuc: 0.75 })
    expect(purchase.metrics.calibration).toHaveLength(1)
    expect(purchase.metrics.importance.map((f) => f.feature)).toEqual(["b", "a"])
    expect(purchase.metrics.roc).toBeNull()
    expect(classifiersOf({ purchase: { rocCurve: [{ fpr: 1, tpr: 1 }, { fpr: 0, tpr: 0.5 }] } })[0].metrics.roc).toEqual([
      { fpr: 0, tpr: 0.5 },
      { fpr: 1, tpr: 1 },
    ])
  })

  it("reads the lists' ranking metrics, the promotion decision and the training's windows", () => {
    expect(rankingsOf({ boughtTogether: { cases: 9, ndcg: 0.5 }, lists: { similar: 8 } })).toEqual([
      { key: "boughtTogether", label: "Bought together", cases: 9, values: { ndcg: 0.5 } },
    ])
    expect(promotionOf({ promotion: { promote: false, metric: "purchase.prAuc", challenger: 0.4, champion: 0.5, reason: "worse" } })).toEqual({
      promote: false,
      metric: "purchase.prAuc",
      challenger: 0.4,
      champion: 0.5,
      reason: "worse",
    })
    expect(promotionOf({})).toBeNull()
    expect(modelContextOf({ horizonDays: 30, churnWindowDays: 60, clvHorizonDays: 365, data: { defaultCurrency: "eur" } })).toEqual({
      horizonDays: 30,
      churnWindowDays: 60,
      clvHorizonDays: 365,
      currency: "eur",
    })
    expect(modelContextOf(null).horizonDays).toBeNull()
  })
})

describe("model versions", () => {
  const version = (id: string, status: ModelVersion["status"], runId: string | null, created_at: string): ModelVersion => ({
    id,
    task: "t",
    status,
    learner: "l",
    metrics: {},
    confidence: { purchase: null, churn: null },
    hyperparameters: {},
    training_run_id: runId,
    data_cutoff: null,
    created_at,
    promoted_at: null,
  })

  it("lists the champion first, then the others newest first", () => {
    const versions = [version("old", "rejected", "r1", "2026-01-01"), version("champ", "champion", "r1", "2025-01-01"), version("new", "challenger", "r2", "2026-02-01")]
    expect(championFirst(versions).map((v) => v.id)).toEqual(["champ", "new", "old"])
  })

  it("groups versions by training run, newest run first; a version without a run stands alone", () => {
    const lines = trainingLines([version("a", "champion", "r1", "2026-01-01"), version("b", "champion", "r1", "2026-01-02"), version("c", "rejected", "r2", "2026-03-01"), version("d", "challenger", null, "2025-01-01")])
    expect(lines.map((l) => [l.key, l.at, l.versions.map((v) => v.id)])).toEqual([
      ["r2", "2026-03-01", ["c"]],
      ["r1", "2026-01-02", ["a", "b"]],
      ["d", "2025-01-01", ["d"]],
    ])
  })
})
