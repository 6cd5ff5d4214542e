import type { NewRecommendation } from "../../src/store/ml-store"
import { readSelectedLists } from "../../src/store/storefront-list-queries"
import { openScratchStore, type OpenedStore } from "./store-harness"

function list(sourceType: NewRecommendation["sourceType"], sourceId: string, productIds: string[]): NewRecommendation[] {
  return productIds.map((productId, i) => ({ sourceType, sourceId, rank: i + 1, productId, score: productIds.length - i }))
}

const version = {
  task: "recommendations",
  learner: "item-to-item",
  hyperparameters: {},
  metrics: {},
  model: { type: "stored-lists", version: 1 },
  trainingRunId: null,
  dataCutoff: null,
}

describe.each(["sqlite", "postgres"] as const)("readSelectedLists on %s", (dialect) => {
  let opened: OpenedStore
  beforeEach(async () => {
    opened = await openScratchStore(dialect)
  })
  afterEach(async () => {
    await opened.dispose()
  })

  it("reads only the selected lists of one version, each in rank order", async () => {
    // saved out of rank order, to see the read put them back
    const rows = [
      ...list("bought_together", "p1", ["p2", "p3", "p4"]).reverse(),
      ...list("bought_together", "p2", ["p1"]),
      ...list("bought_together", "p9", ["p1"]),
      ...list("similar", "p1", ["p5"]),
      ...list("customer", "cus_a", ["p3"]),
      ...list("popular", "*", ["p4", "p1"]),
    ]
    const saved = await opened.store.saveModelVersion({ version, recommendations: rows, promote: true })
    const other = await opened.store.saveModelVersion({ version, recommendations: list("bought_together", "p1", ["p7"]), promote: false })

    const read = await readSelectedLists(opened.ml, saved.id, [
      { sourceType: "bought_together", sourceIds: ["p1", "p2", "p1"] },
      { sourceType: "popular", sourceIds: ["*"] },
    ])
    expect(read.map((r) => [r.sourceType, r.sourceId, r.rank, r.productId])).toEqual([
      ["bought_together", "p1", 1, "p2"],
      ["bought_together", "p1", 2, "p3"],
      ["bought_together", "p1", 3, "p4"],
      ["bought_together", "p2", 1, "p1"],
      ["popular", "*", 1, "p4"],
      ["popular", "*", 2, "p1"],
    ])
    expect(read[0].score).toBe(3)

    const ofOther = await readSelectedLists(opened.ml, other.id, [{ sourceType: "bought_together", sourceIds: ["p1"] }])
    expect(ofOther.map((r) => r.productId)).toEqual(["p7"])
  })

  it("reads nothing for no selection, an unknown list or an unknown version", async () => {
    const saved = await opened.store.saveModelVersion({ version, recommendations: list("popular", "*", ["p1"]), promote: true })
    expect(await readSelectedLists(opened.ml, saved.id, [])).toEqual([])
    expect(await readSelectedLists(opened.ml, saved.id, [{ sourceType: "customer", sourceIds: ["cus_x"] }])).toEqual([])
    expect(await readSelectedLists(opened.ml, "mlver_unknown", [{ sourceType: "popular", sourceIds: ["*"] }])).toEqual([])
  })

  it("reads a selection of more source ids than one statement takes", async () => {
    const ids = Array.from({ length: 1201 }, (_, i) => `p${String(i).padStart(4, "0")}`)
    const saved = await opened.store.saveModelVersion({ version, recommendations: ids.flatMap((id) => list("bought_together", id, ["q"])), promote: true })
    const read = await readSelectedLists(opened.ml, saved.id, [{ sourceType: "bought_together", sourceIds: ids }])
    expect(read.map((r) => r.sourceId)).toEqual(ids)
  })
})
