/**
 * The store's latest readiness check (`ml_readiness`, one row): written by the
 * `check-readiness` job and by each training of the store, read by GET /admin/ml/readiness.
 */
import type { Repository } from "typeorm"
import type { QueryDeepPartialEntity } from "typeorm/query-builder/QueryPartialEntity"
import { STORE_READINESS_ID, type JsonObject, type ReadinessCheck } from "../models"
import type { MlDataSource } from "./data-source"

/** Replaces the stored check with this one. */
export async function saveReadinessCheck(ml: MlDataSource, checkedAt: Date, result: JsonObject): Promise<void> {
  const row: ReadinessCheck = { id: STORE_READINESS_ID, checkedAt, result }
  await upsertWhole(ml.dataSource.getRepository(ml.entities.readinessCheck), row)
}

/** TypeORM's QueryDeepPartialEntity cannot follow the recursive JSON column type ("excessively deep"): the row is passed whole. */
async function upsertWhole<T extends { id: string }>(repository: Repository<T>, row: T): Promise<void> {
  await repository.upsert(row as QueryDeepPartialEntity<T>, ["id"])
}

/** The latest check, or null before the first. */
export async function latestReadinessCheck(ml: MlDataSource): Promise<ReadinessCheck | null> {
  return ml.dataSource.getRepository(ml.entities.readinessCheck).findOneBy({ id: STORE_READINESS_ID })
}
