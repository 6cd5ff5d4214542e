/**
 * The stored readiness check on both dialects: none before the first, each check
 * replaces the one row, a check of the store reads the history through the loader it is
 * given and stores what GET /admin/ml/readiness answers, and a training of the store
 * stores its own check (even one that ends "not enough data"), a training of an orders
 * file does not.
 */
import { buildOrderHistory, type OrderLine } from "../../src/core/data"
import { NotEnoughDataError } from "../../src/core/errors"
import type { HistoryLoader } from "../../src/engine/history-source"
import { checkStoreReadiness, readinessFromRow, READINESS_FORMAT } from "../../src/engine/readiness-check"
import { runTraining } from "../../src/engine/run-training"
import { checkReadinessPayloadSchema, PAYLOAD_VERSION, trainPayloadSchema } from "../../src/queue/payloads"
import { openScratchStore, type OpenedStore } from "./store-harness"

const DAY = 86_400_000

function line(customerId: string, orderId: string, at: number, priced = true): OrderLine {
  return { orderId, customerId, orderedAt: at * DAY, productId: "prod_1", quantity: 1, unitPrice: priced ? 10 : 0, ...(priced ? {} : { priced: false }) }
}

// cus_a ordered twice, cus_b once (in a currency without a rate); the last order on day 40
const LINES = [line("cus_a", "o1", 1), line("cus_b", "o2", 20, false), line("cus_a", "o3", 40)]

const loaderOf =
  (lines: OrderLine[], seen: unknown[] = []): HistoryLoader =>
  async (source) => {
    seen.push(source)
    return {
      history: buildOrderHistory(lines),
      data: { linesRead: lines.length, linesKept: lines.length, customers: 2, orders: lines.length, products: 1, currenciesWithoutRate: { eur: 1 } },
    }
  }

const thresholds = { minCustomersWithOrders: 2, minRepeatCustomers: 1, minHistoryDays: 30, minRecentOrders: 1 }
const payload = checkReadinessPayloadSchema.parse({ version: PAYLOAD_VERSION, source: { kind: "store" }, settings: { horizonDays: 30, readiness: thresholds } })

describe.each(["sqlite", "postgres"] as const)("the stored readiness check on %s", (dialect) => {
  let opened: OpenedStore
  beforeEach(async () => {
    opened = await openScratchStore(dialect)
  })
  afterEach(async () => {
    await opened.dispose()
  })

  it("is null before the first check; a check reads the history it is given and is stored as one row", async () => {
    const { store, ml } = opened
    expect(await store.readinessCheck()).toBeNull()
    const seen: unknown[] = []
    const checkedAt = new Date("2026-03-01T10:00:00.123Z")
    const check = await checkStoreReadiness(store, loaderOf(LINES, seen), payload, () => checkedAt)
    expect(seen).toEqual([{ kind: "store" }])

    const stored = readinessFromRow(await store.readinessCheck())
    expect(stored).toEqual(check)
    expect(stored!.checkedAt.toISOString()).toBe("2026-03-01T10:00:00.123Z")
    // the day after the last order, as a training measures
    expect(stored!.asOf).toBe(41 * DAY)
    expect(stored!.readiness.figures).toMatchObject({ customersWithOrders: 2, repeatCustomers: 1, historyDays: 39, unpricedOrders: 1 })
    expect(stored!.readiness.missing).toEqual([])
    expect(stored!.thresholds).toEqual(thresholds)
    expect(stored!.windows).toEqual({ horizonDays: 30, churnWindowDays: 30 })
    expect(stored!.currenciesWithoutRate).toEqual({ eur: 1 })

    // a second check replaces the first: still one row
    const later = new Date("2026-03-01T11:00:00.000Z")
    await checkStoreReadiness(store, loaderOf(LINES.slice(0, 1)), payload, () => later)
    const rows = await ml.dataSource.query("SELECT id FROM ml_readiness")
    expect(rows).toEqual([{ id: "store" }])
    const replaced = readinessFromRow(await store.readinessCheck())!
    expect(replaced.checkedAt).toEqual(later)
    expect(replaced.readiness.figures.customersWithOrders).toBe(1)
    expect(replaced.readiness.missing).toContain("1 customers with orders (at least 2 needed)")
  })

  it("reads a row of another format as no check", async () => {
    const { store } = opened
    await store.saveReadinessCheck(new Date(), { format: READINESS_FORMAT + 1, anything: true })
    expect(await store.readinessCheck()).not.toBeNull()
    expect(readinessFromRow(await store.readinessCheck())).toBeNull()
  })

  it("an empty store is checked at the check's own time", async () => {
    const { store } = opened
    const checkedAt = new Date("2026-03-02T00:00:00.000Z")
    const check = await checkStoreReadiness(store, loaderOf([]), payload, () => checkedAt)
    expect(check.asOf).toBe(checkedAt.getTime())
    expect(check.readiness.ready).toBe(false)
    expect(readinessFromRow(await store.readinessCheck())!.readiness.figures.customersWithOrders).toBe(0)
  })

  it("a training of the store stores its check, even when it ends for lack of data; one of an orders file does not", async () => {
    const { store } = opened
    const train = (source: object) =>
      runTraining(trainPayloadSchema.parse({ version: PAYLOAD_VERSION, trigger: "admin", source, settings: { horizonDays: 30, readiness: { ...thresholds, minCustomersWithOrders: 50 } } }), {
        store,
        loadHistory: loaderOf(LINES),
      })
    await expect(train({ kind: "orders-file", path: "/nowhere.csv", format: "generic" })).rejects.toThrow(NotEnoughDataError)
    expect(await store.readinessCheck()).toBeNull()

    await expect(train({ kind: "store" })).rejects.toThrow(NotEnoughDataError)
    const stored = readinessFromRow(await store.readinessCheck())!
    expect(stored.readiness.ready).toBe(false)
    expect(stored.readiness.missing).toEqual(["2 customers with orders (at least 50 needed)"])
    expect(stored.thresholds.minCustomersWithOrders).toBe(50)
    expect(stored.asOf).toBe(41 * DAY)
  })
})
