import { DataSource } from "typeorm"
import { openMlDataSource, type MlDataSource } from "../../src/store/data-source"
import { MlStore } from "../../src/store/ml-store"
import type { StoreLocation } from "../../src/store/store-location"

/** The local test Postgres (trust auth), as CI and the developers' machines have it. */
export const TEST_POSTGRES_URL = process.env.ML_TEST_POSTGRES_URL ?? "postgres://postgres@127.0.0.1:5432/test"

export interface OpenedStore {
  ml: MlDataSource
  store: MlStore
  /** Drops what the test created (the scratch schema on Postgres). */
  dispose(): Promise<void>
}

/** A fresh, empty store of the given dialect: SQLite in memory, or a scratch Postgres schema with our migrations run. */
export async function openScratchStore(dialect: "sqlite" | "postgres"): Promise<OpenedStore> {
  if (dialect === "sqlite") {
    const ml = await openMlDataSource({ dialect: "sqlite", path: ":memory:" })
    const store = new MlStore(ml)
    return { ml, store, dispose: () => store.close() }
  }
  const schema = `ml_test_${process.pid}_${Math.floor(Math.random() * 1e9)}`
  const admin = new DataSource({ type: "postgres", url: TEST_POSTGRES_URL })
  await admin.initialize()
  await admin.query(`CREATE SCHEMA "${schema}"`)
  const location: StoreLocation = { dialect: "postgres", url: TEST_POSTGRES_URL, schema }
  const ml = await openMlDataSource(location, { migrate: true })
  const store = new MlStore(ml)
  return {
    ml,
    store,
    dispose: async () => {
      await store.close()
      await admin.query(`DROP SCHEMA "${schema}" CASCADE`)
      await admin.destroy()
    },
  }
}
