/**
 * The storefront's read of stored lists: only the lists one request needs (a product's,
 * a cart's items', a customer's, and the popular one) of one model version, in rank
 * order, through the (version, source type, source id, rank) index.
 */
import { Brackets } from "typeorm"
import type { Recommendation } from "../models"
import type { MlDataSource } from "./data-source"

/** Source ids per statement, well under every driver's parameter limit. */
const SOURCE_IDS_PER_QUERY = 500

export interface ListSelection {
  sourceType: string
  sourceIds: readonly string[]
}

/** The entries of the selected lists of a version, list by list in rank order. */
export async function readSelectedLists(
  source: MlDataSource,
  modelVersionId: string,
  selections: readonly ListSelection[]
): Promise<Array<Pick<Recommendation, "sourceType" | "sourceId" | "rank" | "productId" | "score">>> {
  const batches = selections.flatMap((selection) => {
    const ids = [...new Set(selection.sourceIds)]
    const parts: ListSelection[] = []
    for (let start = 0; start < ids.length; start += SOURCE_IDS_PER_QUERY) {
      parts.push({ sourceType: selection.sourceType, sourceIds: ids.slice(start, start + SOURCE_IDS_PER_QUERY) })
    }
    return parts
  })
  if (batches.length === 0) return []
  const rows = await source.dataSource
    .getRepository(source.entities.recommendation)
    .createQueryBuilder("r")
    .select(["r.sourceType", "r.sourceId", "r.rank", "r.productId", "r.score"])
    .where("r.modelVersionId = :modelVersionId", { modelVersionId })
    .andWhere(
      new Brackets((any) => {
        batches.forEach((batch, i) => {
          any.orWhere(`(r.sourceType = :type${i} AND r.sourceId IN (:...ids${i}))`, { [`type${i}`]: batch.sourceType, [`ids${i}`]: batch.sourceIds })
        })
      })
    )
    .orderBy("r.sourceType", "ASC")
    .addOrderBy("r.sourceId", "ASC")
    .addOrderBy("r.rank", "ASC")
    .getMany()
  return rows.map(({ sourceType, sourceId, rank, productId, score }) => ({ sourceType, sourceId, rank, productId, score }))
}
