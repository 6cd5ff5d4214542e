import { prediction, versionInput } from "./fixtures"
import { openScratchStore, type OpenedStore } from "./store-harness"

describe.each(["sqlite", "postgres"] as const)("the plugin store on %s", (dialect) => {
  let opened: OpenedStore
  beforeEach(async () => {
    opened = await openScratchStore(dialect)
  })
  afterEach(async () => {
    await opened.dispose()
  })

  it("writes a model version with its predictions and recommendations, and reads them back", async () => {
    const version = await opened.store.saveModelVersion(versionInput())
    expect(version.status).toBe("champion")
    const champions = await opened.store.championVersions()
    expect(champions.map((v) => v.id)).toEqual([version.id])
    expect(champions[0].model).toEqual({ type: "logistic-regression", version: 1, params: {}, state: { weights: [0.5, -1] } })
    expect(champions[0].dataCutoff?.toISOString()).toBe("2026-01-01T00:00:00.000Z")
    const stored = await opened.store.predictionsOf(version.id)
    expect(stored.map((p) => [p.customerId, p.churnRisk, p.predictedClv])).toEqual([
      ["cus_a", 0.2, 410.25],
      ["cus_b", 0.7, 410.25],
    ])
    expect(stored[0].reasons[0].text).toBe("no order for 40 days; usually orders every 30")
    expect(stored[0].scoredAt.toISOString()).toBe("2026-01-02T03:04:05.000Z")
    expect(await opened.store.counts()).toEqual({ predictions: 2, recommendations: 1 })
  })

  it("leaves nothing behind when a write fails in the middle", async () => {
    const first = await opened.store.saveModelVersion(versionInput())
    // 4,500 good rows (three insert chunks), then one that breaks the unique (version, customer) index
    const many = Array.from({ length: 4500 }, (_, i) => prediction(`cus_${i}`, 0.5))
    const broken = versionInput({ predictions: [...many, prediction("cus_7", 0.1)] })
    await expect(opened.store.saveModelVersion(broken)).rejects.toThrow()
    const champions = await opened.store.championVersions()
    expect(champions.map((v) => v.id)).toEqual([first.id])
    const rows = await opened.ml.dataSource.query("SELECT COUNT(*) AS n FROM ml_customer_prediction")
    expect(Number(rows[0].n)).toBe(2)
    const versions = await opened.ml.dataSource.query("SELECT COUNT(*) AS n FROM ml_model_version")
    expect(Number(versions[0].n)).toBe(1)
  })

  it("writes the versions of one training together, or none of them", async () => {
    const first = await opened.store.saveModelVersion(versionInput())
    const lists = versionInput({ predictions: [], version: { ...versionInput().version, task: "recommendations" } })
    const broken = versionInput({ predictions: [prediction("cus_x", 0.1), prediction("cus_x", 0.2)] })
    await expect(opened.store.saveModelVersions([lists, broken])).rejects.toThrow()
    expect((await opened.store.championVersions()).map((v) => v.id)).toEqual([first.id])
    const saved = await opened.store.saveModelVersions([lists, versionInput()])
    expect((await opened.store.championVersions()).map((v) => v.id).sort()).toEqual(saved.map((v) => v.id).sort())
  })

  it("promotes a new champion and keeps the previous one as a challenger", async () => {
    const first = await opened.store.saveModelVersion(versionInput())
    const second = await opened.store.saveModelVersion(versionInput({ predictions: [prediction("cus_c", 0.4)] }))
    const champions = await opened.store.championVersions()
    expect(champions.map((v) => v.id)).toEqual([second.id])
    const rows = await opened.ml.dataSource.query(`SELECT status FROM ml_model_version WHERE id = '${first.id}'`)
    expect(rows[0].status).toBe("challenger")
    expect(await opened.store.counts()).toEqual({ predictions: 1, recommendations: 1 })
  })

  it("promotes a chosen version by hand and rolls back to the previous champion", async () => {
    const first = await opened.store.saveModelVersion(versionInput())
    const second = await opened.store.saveModelVersion(versionInput({ predictions: [] }))
    const rejected = await opened.store.saveModelVersion(versionInput({ promote: false, rejected: true, predictions: [] }))
    expect((await opened.store.rollback("customer-scores"))?.id).toBe(first.id)
    expect((await opened.store.championVersions()).map((v) => v.id)).toEqual([first.id])
    expect((await opened.store.promote(rejected.id)).status).toBe("champion")
    expect((await opened.store.championVersions()).map((v) => v.id)).toEqual([rejected.id])
    // the previous champion is the most recently promoted other version
    expect((await opened.store.rollback("customer-scores"))?.id).toBe(first.id)
    expect((await opened.store.modelVersions("customer-scores")).map((v) => v.id)).toEqual([rejected.id, second.id, first.id])
    await expect(opened.store.promote("mlver_nope")).rejects.toThrow("no model version mlver_nope")
    expect(await opened.store.rollback("recommendations")).toBeNull()
  })

  it("stores a losing version as rejected without touching the champion", async () => {
    const first = await opened.store.saveModelVersion(versionInput())
    const loser = await opened.store.saveModelVersion(versionInput({ promote: false, rejected: true }))
    expect(loser.status).toBe("rejected")
    expect((await opened.store.championVersions()).map((v) => v.id)).toEqual([first.id])
  })
})

describe("the Postgres migrations", () => {
  it("create exactly the tables the entity schemas describe", async () => {
    const opened = await openScratchStore("postgres")
    try {
      const pending = await opened.ml.dataSource.driver.createSchemaBuilder().log()
      expect(pending.upQueries.map((q) => q.query)).toEqual([])
    } finally {
      await opened.dispose()
    }
  })
})
