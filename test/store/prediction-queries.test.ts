import { riskBandOf, type RiskBand } from "../../src/core/segments/risk-bands"
import type { CustomerPrediction } from "../../src/models"
import type { NewPrediction, NewRecommendation, SaveVersionInput } from "../../src/store/ml-store"
import { churnList, predictionOf, productListsOf, type ChurnListFilter, type ChurnSort } from "../../src/store/prediction-queries"
import { openScratchStore, type OpenedStore } from "./store-harness"

/** [customer, churn risk, CLV, purchase probability, segment]: ties and band edges on purpose. */
const SCORED: Array<[string, number, number, number, string]> = [
  ["cus_a", 0.9, 50, 0.1, "lost"],
  ["cus_b", 0.7, 400, 0.35, "at_risk"],
  ["cus_c", 0.7, 120, 0.3, "cant_lose"],
  ["cus_d", 0.69, 120, 0.31, "at_risk"],
  ["cus_e", 0.4, 900, 0.6, "loyal"],
  ["cus_f", 0.39, 300, 0.6, "loyal"],
  ["cus_g", 0.1, 1500, 0.9, "champions"],
  ["cus_h", 0.55, 0, 0.45, "need_attention"],
]

function prediction([customerId, churnRisk, predictedClv, purchaseProbability, segment]: (typeof SCORED)[number]): NewPrediction {
  return {
    customerId,
    churnRisk,
    predictedClv,
    purchaseProbability,
    segment,
    pAlive: 0.5,
    expectedOrders: 1,
    expectedSpend: 10,
    reasons: [{ feature: "recency", text: `reason of ${customerId}`, contribution: 0.2 }],
    scoredAt: new Date("2026-02-01T00:00:00.000Z"),
  }
}

function version(task: string, extra: Partial<SaveVersionInput>): SaveVersionInput {
  return {
    version: { task, learner: "hand-made", hyperparameters: {}, metrics: {}, model: { type: "hand-made" }, trainingRunId: null, dataCutoff: new Date("2026-01-31T00:00:00.000Z") },
    promote: true,
    ...extra,
  }
}

const SORT_VALUE: Record<ChurnSort, (p: NewPrediction) => number> = {
  churn_risk: (p) => p.churnRisk,
  clv: (p) => p.predictedClv,
  purchase_probability: (p) => p.purchaseProbability,
  value_at_risk: (p) => p.churnRisk * p.predictedClv,
}

/** The churn list worked out in plain code over the hand-made rows: customer ids in list order. */
function expectedIds(filter: Omit<ChurnListFilter, "modelVersionId">, sort: ChurnSort, order: "asc" | "desc"): string[] {
  const sign = order === "asc" ? 1 : -1
  return SCORED.map(prediction)
    .filter((p) => !filter.segments || filter.segments.includes(p.segment))
    .filter((p) => !filter.riskBands || filter.riskBands.includes(riskBandOf(p.churnRisk)))
    .filter((p) => filter.minClv === undefined || p.predictedClv >= filter.minClv)
    .sort((a, b) => sign * (SORT_VALUE[sort](a) - SORT_VALUE[sort](b)) || (a.customerId < b.customerId ? -1 : 1))
    .map((p) => p.customerId)
}

const ids = (rows: CustomerPrediction[]) => rows.map((r) => r.customerId)

describe.each(["sqlite", "postgres"] as const)("prediction queries on %s", (dialect) => {
  let opened: OpenedStore
  let versionId: string

  beforeAll(async () => {
    opened = await openScratchStore(dialect)
    // an older version of the same task, with other values for the same customers, must never leak in
    await opened.store.saveModelVersion(version("customer-scores", { predictions: SCORED.map((s) => prediction([s[0], 0.5, 5000, 0.5, "lost"])) }))
    versionId = (await opened.store.saveModelVersion(version("customer-scores", { predictions: SCORED.map(prediction) }))).id
  })
  afterAll(async () => {
    await opened.dispose()
  })

  it("lists by churn risk, highest first, ties by customer id", async () => {
    const { rows, count } = await churnList(opened.ml, { modelVersionId: versionId }, { sort: "churn_risk", order: "desc" })
    expect(ids(rows)).toEqual(["cus_a", "cus_b", "cus_c", "cus_d", "cus_h", "cus_e", "cus_f", "cus_g"])
    expect(count).toBe(8)
    expect(rows[1]).toMatchObject({ churnRisk: 0.7, predictedClv: 400, purchaseProbability: 0.35, segment: "at_risk", modelVersionId: versionId })
    expect(rows[1].reasons).toEqual([{ feature: "recency", text: "reason of cus_b", contribution: 0.2 }])
  })

  it.each([
    ["clv", "asc"],
    ["clv", "desc"],
    ["purchase_probability", "asc"],
    ["purchase_probability", "desc"],
    ["churn_risk", "asc"],
    ["value_at_risk", "desc"],
    ["value_at_risk", "asc"],
  ] as const)("sorts by %s %s", async (sort, order) => {
    const { rows } = await churnList(opened.ml, { modelVersionId: versionId }, { sort, order })
    expect(ids(rows)).toEqual(expectedIds({}, sort, order))
  })

  it.each<[string, Omit<ChurnListFilter, "modelVersionId">]>([
    ["one segment", { segments: ["at_risk"] }],
    ["two segments", { segments: ["at_risk", "cant_lose"] }],
    ["the high band, from 0.7 on", { riskBands: ["high"] }],
    ["the medium band, 0.4 up to 0.7", { riskBands: ["medium"] }],
    ["the low band, below 0.4", { riskBands: ["low"] }],
    ["two bands", { riskBands: ["low", "high"] as RiskBand[] }],
    ["a minimum CLV, inclusive", { minClv: 300 }],
    ["a minimum CLV of 0", { minClv: 0 }],
    ["everything together", { segments: ["at_risk", "cant_lose", "loyal"], riskBands: ["high", "medium"], minClv: 120 }],
  ])("filters by %s", async (_, filter) => {
    const { rows, count } = await churnList(opened.ml, { modelVersionId: versionId, ...filter }, { sort: "churn_risk", order: "desc" })
    const expected = expectedIds(filter, "churn_risk", "desc")
    expect(ids(rows)).toEqual(expected)
    expect(count).toBe(expected.length)
    expect(expected.length).toBeGreaterThan(0)
  })

  it("pages through the list without repeats or gaps, and counts all matches on every page", async () => {
    const filter = { modelVersionId: versionId, minClv: 100 }
    const order = { sort: "clv", order: "desc" } as const
    const pages = []
    for (let offset = 0; offset < 10; offset += 3) pages.push(await churnList(opened.ml, filter, order, { limit: 3, offset }))
    expect(pages.map((p) => p.count)).toEqual([6, 6, 6, 6])
    expect(pages.map((p) => ids(p.rows))).toEqual([["cus_g", "cus_e", "cus_b"], ["cus_f", "cus_c", "cus_d"], [], []])
  })

  it("treats filter values as data, never as SQL", async () => {
    const { rows, count } = await churnList(opened.ml, { modelVersionId: versionId, segments: ["x' OR '1'='1"] }, { sort: "clv", order: "asc" })
    expect(rows).toEqual([])
    expect(count).toBe(0)
  })

  it("reads one customer's prediction in a version, or null", async () => {
    expect(await predictionOf(opened.ml, versionId, "cus_e")).toMatchObject({ customerId: "cus_e", churnRisk: 0.4, predictedClv: 900 })
    expect(await predictionOf(opened.ml, versionId, "cus_zz")).toBeNull()
  })
})

describe.each(["sqlite", "postgres"] as const)("product lists on %s", (dialect) => {
  let opened: OpenedStore

  beforeAll(async () => {
    opened = await openScratchStore(dialect)
  })
  afterAll(async () => {
    await opened.dispose()
  })

  it("reads a product's similar and bought-together lists in rank order, and nothing else", async () => {
    const entry = (sourceType: NewRecommendation["sourceType"], sourceId: string, rank: number, productId: string): NewRecommendation => ({
      sourceType,
      sourceId,
      rank,
      productId,
      score: 1 / rank,
    })
    const older = await opened.store.saveModelVersion(version("recommendations", { recommendations: [entry("similar", "prod_1", 1, "prod_old")] }))
    const current = await opened.store.saveModelVersion(
      version("recommendations", {
        recommendations: [
          entry("similar", "prod_1", 2, "prod_3"),
          entry("similar", "prod_1", 1, "prod_2"),
          entry("bought_together", "prod_1", 1, "prod_4"),
          entry("similar", "prod_2", 1, "prod_1"),
          entry("customer", "prod_1", 1, "prod_9"),
          entry("popular", "*", 1, "prod_1"),
        ],
      })
    )
    const lists = await productListsOf(opened.ml, current.id, "prod_1")
    expect(lists.similar.map((r) => [r.rank, r.productId, r.score])).toEqual([
      [1, "prod_2", 1],
      [2, "prod_3", 0.5],
    ])
    expect(lists.bought_together.map((r) => [r.rank, r.productId])).toEqual([[1, "prod_4"]])
    expect((await productListsOf(opened.ml, older.id, "prod_1")).similar.map((r) => r.productId)).toEqual(["prod_old"])
    expect(await productListsOf(opened.ml, current.id, "prod_5")).toEqual({ similar: [], bought_together: [] })
  })
})
