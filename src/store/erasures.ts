/**
 * Erasure: customers and products deleted from the store are recorded in `ml_erasure`
 * and their rows deleted in the same transaction; every later write of predictions or
 * lists leaves them out (see `withoutErased`), so a training or rescoring that read the
 * history before the deletion cannot bring them back.
 *
 * Writes that store predictions or lists and erasures take one Postgres advisory lock
 * (transaction-scoped): either the erasure commits first and the write sees it, or the
 * write commits first and the erasure's deletes see its rows. SQLite serializes writing
 * transactions itself.
 */
import type { EntityManager } from "typeorm"
import type { ErasureKind, MlEntities, Recommendation } from "../models"
import type { StoreDialect } from "../models"

/** Rows per IN (...) list: well under both dialects' parameter limits. */
const ID_CHUNK = 2000

/** The ids erased so far, by kind. */
export interface ErasedIds {
  customers: ReadonlySet<string>
  products: ReadonlySet<string>
}

export const NOTHING_ERASED: ErasedIds = { customers: new Set(), products: new Set() }

/** Serializes writers of predictions and lists with erasures (Postgres; a no-op on SQLite). */
export async function lockAgainstErasure(manager: EntityManager, dialect: StoreDialect): Promise<void> {
  if (dialect === "postgres") await manager.query("SELECT pg_advisory_xact_lock(hashtext('medusa-ml:erasure'))")
}

export async function erasedIds(manager: EntityManager, entities: MlEntities): Promise<ErasedIds> {
  const rows = await manager.find(entities.erasure, { select: { kind: true, subjectId: true } })
  const customers = new Set<string>()
  const products = new Set<string>()
  for (const row of rows) (row.kind === "customer" ? customers : products).add(row.subjectId)
  return { customers, products }
}

/** Records the ids as erased (again is harmless). */
export async function recordErasure(manager: EntityManager, entities: MlEntities, kind: ErasureKind, ids: readonly string[], at: Date): Promise<void> {
  for (const part of chunks(unique(ids))) {
    await manager
      .createQueryBuilder()
      .insert()
      .into(entities.erasure)
      .values(part.map((subjectId) => ({ kind, subjectId, erasedAt: at })))
      .orIgnore()
      .execute()
  }
}

/** Deletes these customers' predictions and lists in every version. */
export async function deleteCustomerRows(manager: EntityManager, entities: MlEntities, ids: readonly string[]): Promise<{ predictions: number; lists: number }> {
  let predictions = 0
  let lists = 0
  for (const part of chunks(unique(ids))) {
    const p = await manager.createQueryBuilder().delete().from(entities.customerPrediction).where("customer_id IN (:...ids)", { ids: part }).execute()
    const l = await manager
      .createQueryBuilder()
      .delete()
      .from(entities.recommendation)
      .where("source_type IN (:...types) AND source_id IN (:...ids)", { types: ["customer", "customer_new"], ids: part })
      .execute()
    predictions += p.affected ?? 0
    lists += l.affected ?? 0
  }
  return { predictions, lists }
}

/** Removes these products from every list, and their own lists, in every version. */
export async function deleteProductRows(manager: EntityManager, entities: MlEntities, ids: readonly string[]): Promise<{ entries: number }> {
  let entries = 0
  for (const part of chunks(unique(ids))) {
    const result = await manager
      .createQueryBuilder()
      .delete()
      .from(entities.recommendation)
      .where("product_id IN (:...ids) OR (source_type IN (:...types) AND source_id IN (:...ids))", { ids: part, types: ["similar", "bought_together"] })
      .execute()
    entries += result.affected ?? 0
  }
  return { entries }
}

/** Whether a list entry names an erased customer (its list) or an erased product (its list, or the entry). */
export function mentionsErased(entry: Pick<Recommendation, "sourceType" | "sourceId" | "productId">, erased: ErasedIds): boolean {
  if (erased.products.has(entry.productId)) return true
  if (entry.sourceType === "customer" || entry.sourceType === "customer_new") return erased.customers.has(entry.sourceId)
  if (entry.sourceType === "similar" || entry.sourceType === "bought_together") return erased.products.has(entry.sourceId)
  return false
}

function unique(ids: readonly string[]): string[] {
  return [...new Set(ids)]
}

function chunks<T>(items: T[]): T[][] {
  const out: T[][] = []
  for (let start = 0; start < items.length; start += ID_CHUNK) out.push(items.slice(start, start + ID_CHUNK))
  return out
}
