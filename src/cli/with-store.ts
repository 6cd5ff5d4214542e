import { redactUrl } from "../config/redact"
import type { ModelVersion } from "../models"
import { openMlDataSource } from "../store/data-source"
import { MlStore } from "../store/ml-store"
import { parseDb } from "./arguments"
import { UsageError } from "./io"

/** Opens the store named by --db (bringing its tables up to date), runs `work`, and always closes it. */
export async function withStore<T>(db: string, work: (store: MlStore) => Promise<T>): Promise<T> {
  const store = new MlStore(await openMlDataSource(parseDb(db), { migrate: true }))
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
