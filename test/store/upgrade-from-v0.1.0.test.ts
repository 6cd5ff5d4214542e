import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import path from "node:path"
import { gunzipSync } from "node:zlib"
import Database from "better-sqlite3"
import { DataSource } from "typeorm"
import { runCli } from "../../bench/run-cli"
import { historyLoader } from "../../src/engine/history-source"
import { rescoreCustomers } from "../../src/engine/rescore"
import { openMlDataSource, type MlDataSource } from "../../src/store/data-source"
import { MlStore } from "../../src/store/ml-store"
import { churnList, customerListOf, predictionOf, productListsOf } from "../../src/store/prediction-queries"
import type { StoreLocation } from "../../src/store/store-location"
import { TEST_POSTGRES_URL } from "./store-harness"

/**
 * A merchant's data written by 0.1.0 (test/fixtures/v0.1.0), opened by this version:
 * the tables are brought up to date (Postgres: our migrations, as `medusa db:migrate`
 * runs them; SQLite: on open), every stored prediction and list is still served as
 * 0.1.0 stored it, the stored champion's models still rescore, and the next training
 * on the same store succeeds.
 */
const FIXTURE = path.join(__dirname, "../fixtures/v0.1.0")
const fixture = (name: string) => gunzipSync(readFileSync(path.join(FIXTURE, name)))

interface RawPrediction {
  customer_id: string
  model_version_id: string
  churn_risk: number
  predicted_clv: number
  segment: string
}
interface RawListEntry {
  model_version_id: string
  source_type: string
  source_id: string
  rank: number
  product_id: string
}

/** What 0.1.0 stored, read with plain SQL before this version touches the tables. */
interface StoredBefore {
  champions: Record<string, string>
  predictions: RawPrediction[]
  lists: RawListEntry[]
}

type Query = (sql: string) => Promise<Record<string, unknown>[]>

async function readBefore(query: Query): Promise<StoredBefore> {
  const versions = await query("SELECT id, task FROM ml_model_version WHERE status = 'champion'")
  const champions = Object.fromEntries(versions.map((v) => [v.task as string, v.id as string]))
  const predictions = (await query(
    "SELECT customer_id, model_version_id, churn_risk, predicted_clv, segment FROM ml_customer_prediction ORDER BY customer_id"
  )) as unknown as RawPrediction[]
  const lists = (await query(
    "SELECT model_version_id, source_type, source_id, rank, product_id FROM ml_recommendation ORDER BY source_type, source_id, rank"
  )) as unknown as RawListEntry[]
  return { champions, predictions, lists }
}

/** Every prediction and list 0.1.0 stored is served by this version's read paths, unchanged. */
async function expectServedAsStored(ml: MlDataSource, store: MlStore, before: StoredBefore): Promise<void> {
  const customersChampion = await store.champion("customer-scores")
  const listsChampion = await store.champion("recommendations")
  expect(customersChampion?.id).toBe(before.champions["customer-scores"])
  expect(listsChampion?.id).toBe(before.champions["recommendations"])
  expect(before.predictions.length).toBe(300)
  for (const raw of before.predictions) {
    const served = await predictionOf(ml, customersChampion!.id, raw.customer_id)
    expect(served).not.toBeNull()
    expect([served!.churnRisk, served!.predictedClv, served!.segment]).toEqual([Number(raw.churn_risk), Number(raw.predicted_clv), raw.segment])
    expect(Array.isArray(served!.reasons)).toBe(true)
  }
  const page = await churnList(ml, { modelVersionId: customersChampion!.id }, { sort: "churn_risk", order: "desc" }, { limit: 20, offset: 0 })
  expect(page.count).toBe(300)
  expect(page.rows[0].churnRisk).toBe(Math.max(...before.predictions.map((p) => Number(p.churn_risk))))

  const productIds = [...new Set(before.lists.filter((l) => l.source_type !== "customer").map((l) => l.source_id))]
  expect(productIds.length).toBeGreaterThan(10)
  for (const productId of productIds.slice(0, 25)) {
    const served = await productListsOf(ml, listsChampion!.id, productId)
    for (const kind of ["similar", "bought_together"] as const) {
      const stored = before.lists.filter((l) => l.source_type === kind && l.source_id === productId).map((l) => l.product_id)
      expect(served[kind].map((r) => r.productId)).toEqual(stored)
    }
  }
  const customer = before.lists.find((l) => l.source_type === "customer")!.source_id
  const storedList = before.lists.filter((l) => l.source_type === "customer" && l.source_id === customer).map((l) => l.product_id)
  expect((await customerListOf(ml, listsChampion!.id, customer)).map((r) => r.productId)).toEqual(storedList)
}

/** The 0.1.0 champion's stored models rescore customers with this version's code. */
async function expectChampionRescores(store: MlStore, ordersPath: string, customerIds: string[]): Promise<void> {
  const rescored = await rescoreCustomers(store, historyLoader(), {
    source: { kind: "orders-file", path: ordersPath, format: "generic", map: {} },
    customerIds,
  })
  expect(rescored).toBe(customerIds.length)
}

/** Opens the 0.1.0 store with this version (migrating Postgres as `db:migrate` does) and checks what it serves and rescores. */
async function expectUpgradeKeepsData(location: StoreLocation, before: StoredBefore, ordersPath: string): Promise<void> {
  const ml = await openMlDataSource(location, { migrate: true })
  const store = new MlStore(ml)
  try {
    await expectServedAsStored(ml, store, before)
    await expectChampionRescores(store, ordersPath, before.predictions.slice(0, 5).map((p) => p.customer_id))
  } finally {
    await store.close()
  }
}

/** The next training on the upgraded store succeeds and every customer is served by a champion afterwards. */
async function expectNextTrainingSucceeds(db: string, ordersPath: string): Promise<void> {
  const train = await runCli(["train", "--orders", ordersPath, "--format", "generic", "--db", db, "--seed", "7", "--trials", "6"])
  expect(train.stderr).toBe("")
  expect(train.code).toBe(0)
  expect(train.stdout).toMatch(/stored 300 predictions/)
}

describe("upgrading a store written by 0.1.0", () => {
  let work: string
  let orders: string
  beforeAll(() => {
    work = mkdtempSync(path.join(tmpdir(), "medusa-ml-upgrade-"))
    orders = path.join(work, "orders.csv")
    writeFileSync(orders, fixture("orders.csv.gz"))
  })
  afterAll(() => rmSync(work, { recursive: true, force: true }))

  it("SQLite: opened by this version, serves 0.1.0's predictions and lists, rescores with its models, trains next", async () => {
    const file = path.join(work, "v0.1.0.db")
    writeFileSync(file, fixture("sqlite.db.gz"))
    const raw = new Database(file, { readonly: true })
    const before = await readBefore(async (sql) => raw.prepare(sql).all() as Record<string, unknown>[])
    raw.close()

    await expectUpgradeKeepsData({ dialect: "sqlite", path: file }, before, orders)
    await expectNextTrainingSucceeds(`sqlite:${file}`, orders)
  }, 120_000)

  it("Postgres: migrated as db:migrate does, serves 0.1.0's predictions and lists, rescores with its models, trains next", async () => {
    const database = `ml_upgrade_${process.pid}_${Math.floor(Math.random() * 1e6)}`
    const admin = new DataSource({ type: "postgres", url: TEST_POSTGRES_URL })
    await admin.initialize()
    await admin.query(`CREATE DATABASE "${database}"`)
    const url = TEST_POSTGRES_URL.replace(/\/[^/]*$/, `/${database}`)
    try {
      const raw = new DataSource({ type: "postgres", url })
      await raw.initialize()
      await raw.query(fixture("postgres.sql.gz").toString("utf8"))
      await raw.query("SET search_path TO public")
      const before = await readBefore((sql) => raw.query(sql))
      await raw.destroy()

      await expectUpgradeKeepsData({ dialect: "postgres", url }, before, orders)
      await expectNextTrainingSucceeds(url, orders)
    } finally {
      await admin.query(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`)
      await admin.destroy()
    }
  }, 120_000)
})
