import { redactUrl } from "../config/redact"
import type { ModelVersion } from "../models"
import { openMlDataSource } from "../store/data-source"
import { MlStore } from "../store/ml-store"
import { parseDb } from "./arguments"
import { UsageError } from "./io"

/**
 * Opens the store named by --db (with `migrate`, bringing its tables up to date). A store
 * that cannot be opened (unreachable, refused) fails naming --db and the URL, password hidden.
 */
export async function openStore(db: string, options: { migrate?: boolean } = {}): Promise<MlStore> {
  const location = parseDb(db)
  try {
    return new MlStore(await openMlDataSource(location, options))
  } catch (error) {
    throw new Error(`--db: cannot open ${redactUrl(db)}: ${redactUrl(error instanceof Error ? error.message : String(error))}`)
  }
}

/** Opens the store named by --db (bringing its tables up to date), runs `work`, and always closes it. */
export async function withStore<T>(db: string, work: (store: MlStore) => Promise<T>): Promise<T> {
  const store = await openStore(db, { migrate: true })
  try {
    return await work(store)
  } finally {
    await store.close()
  }
}

/** The champion of a task, or a usage error saying the store has none yet. */
export async function requireChampion(store: MlStore, task: string, db: string, what: string): Promise<ModelVersion> {
  const champion = await store.champion(task)
  if (!champion) throw new UsageError(`--db: no ${what} in ${redactUrl(db)}; run medusa-ml train first`)
  return champion
}
