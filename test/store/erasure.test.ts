/**
 * Erasure on both dialects: deleting a customer or product records it in ml_erasure and
 * deletes its rows at once; later writes (a training's versions, a rescore) and history
 * reads leave it out, so nothing brings it back.
 */
import { buildOrderHistory, type OrderLine } from "../../src/core/data"
import { withoutErased } from "../../src/engine/erased-history"
import type { HistoryLoader } from "../../src/engine/history-source"
import { prediction, versionInput } from "./fixtures"
import { openScratchStore, type OpenedStore } from "./store-harness"

const day = 86_400_000

function line(customerId: string, orderId: string, productId: string, at: number): OrderLine {
  return { orderId, customerId, orderedAt: at * day, productId, quantity: 1, unitPrice: 10 }
}

const LINES = [line("cus_a", "o1", "prod_1", 1), line("cus_b", "o2", "prod_2", 2), line("cus_a", "o3", "prod_2", 3), line("cus_c", "o4", "prod_3", 4)]

/** A loader as the store's would be: every line, and the products the store still has. */
const everyLine: HistoryLoader = async () => ({
  history: buildOrderHistory(LINES),
  data: { linesRead: LINES.length, linesKept: LINES.length, customers: 3, orders: 4, products: 3 },
  liveProductIds: ["prod_1", "prod_2", "prod_3"],
})

describe.each(["sqlite", "postgres"] as const)("erasure on %s", (dialect) => {
  let opened: OpenedStore
  beforeEach(async () => {
    opened = await openScratchStore(dialect)
  })
  afterEach(async () => {
    await opened.dispose()
  })

  it("records an erased customer and deletes their predictions and lists in every version", async () => {
    const lists = [
      { sourceType: "customer" as const, sourceId: "cus_a", rank: 1, productId: "prod_2", score: 1 },
      { sourceType: "customer_new" as const, sourceId: "cus_a", rank: 1, productId: "prod_3", score: 1 },
      { sourceType: "customer" as const, sourceId: "cus_b", rank: 1, productId: "prod_1", score: 1 },
    ]
    const old = await opened.store.saveModelVersion(versionInput({ recommendations: lists }))
    const current = await opened.store.saveModelVersion(versionInput({ recommendations: lists }))
    expect(await opened.store.purgeCustomers(["cus_a", "cus_a"])).toEqual({ predictions: 2, lists: 4 })
    for (const version of [old, current]) {
      expect((await opened.store.predictionsOf(version.id)).map((p) => p.customerId)).toEqual(["cus_b"])
      expect((await opened.store.recommendationsOf(version.id)).map((r) => r.sourceId)).toEqual(["cus_b"])
    }
    const erased = await opened.store.erased()
    expect([...erased.customers]).toEqual(["cus_a"])
    expect(erased.products.size).toBe(0)
    // erasing again is harmless
    expect(await opened.store.purgeCustomers(["cus_a"])).toEqual({ predictions: 0, lists: 0 })
  })

  it("refuses an erased customer's rows in every later write: a new version and a rescore", async () => {
    await opened.store.purgeCustomers(["cus_a"])
    const version = await opened.store.saveModelVersion(
      versionInput({ recommendations: [{ sourceType: "customer", sourceId: "cus_a", rank: 1, productId: "prod_2", score: 1 }] })
    )
    expect((await opened.store.predictionsOf(version.id)).map((p) => p.customerId)).toEqual(["cus_b"])
    expect(await opened.store.recommendationsOf(version.id)).toEqual([])
    await opened.store.replacePredictions(version.id, [prediction("cus_a", 0.9), prediction("cus_b", 0.1)])
    expect((await opened.store.predictionsOf(version.id)).map((p) => [p.customerId, p.churnRisk])).toEqual([["cus_b", 0.1]])
  })

  it("removes an erased product from every list, and keeps it out of later lists", async () => {
    const lists = [
      { sourceType: "similar" as const, sourceId: "prod_1", rank: 1, productId: "prod_2", score: 1 },
      { sourceType: "similar" as const, sourceId: "prod_2", rank: 1, productId: "prod_3", score: 1 },
      { sourceType: "popular" as const, sourceId: "*", rank: 1, productId: "prod_1", score: 1 },
      { sourceType: "customer" as const, sourceId: "cus_b", rank: 1, productId: "prod_3", score: 1 },
    ]
    const before = await opened.store.saveModelVersion(versionInput({ recommendations: lists }))
    expect(await opened.store.purgeProducts(["prod_1"])).toEqual({ entries: 2 })
    const after = await opened.store.saveModelVersion(versionInput({ recommendations: lists }))
    for (const version of [before, after]) {
      const left = await opened.store.recommendationsOf(version.id)
      expect(left.map((r) => `${r.sourceType}:${r.sourceId}>${r.productId}`)).toEqual(["customer:cus_b>prod_3", "similar:prod_2>prod_3"])
    }
    expect([...(await opened.store.erased()).products]).toEqual(["prod_1"])
  })

  it("leaves erased customers' orders out of every history read, and erased products out of what may be listed", async () => {
    const load = withoutErased(opened.store, everyLine)
    const whole = await load({ kind: "store" }, {})
    expect(whole.history.lines).toHaveLength(4)
    await opened.store.purgeCustomers(["cus_a"])
    await opened.store.purgeProducts(["prod_3"])
    const { history, data, liveProductIds } = await load({ kind: "store" }, {})
    expect(history.lines.map((l) => l.orderId)).toEqual(["o2", "o4"])
    expect(history.firstAt).toBe(2 * day)
    expect(data).toMatchObject({ linesKept: 2, customers: 2, orders: 2, erasedCustomersLeftOut: 1, erasedCustomersLinesLeftOut: 2 })
    // the erased product's line stays in cus_c's history (what they bought), but it is never listed
    expect(liveProductIds).toEqual(["prod_1", "prod_2"])
  })
})
