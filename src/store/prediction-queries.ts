/**
 * Read models over a model version's stored outputs, for the admin API: the churn list
 * (filtered, sorted and paged in SQL), one customer's prediction and product list, and
 * one product's similar and bought-together lists. Every value reaches the database as
 * a bound parameter; sort columns come from a fixed table, never from the request.
 */
import { Brackets, type SelectQueryBuilder } from "typeorm"
import { riskBandRange, type RiskBand } from "../core/segments/risk-bands"
import type { CustomerPrediction, Recommendation } from "../models"
import type { MlDataSource } from "./data-source"

/** What the churn list can be sorted by. */
export const CHURN_SORTS = ["churn_risk", "clv", "purchase_probability", "value_at_risk"] as const
export type ChurnSort = (typeof CHURN_SORTS)[number]
export type SortOrder = "asc" | "desc"

const SORT_COLUMNS: Readonly<Record<ChurnSort, string>> = {
  churn_risk: "p.churnRisk",
  clv: "p.predictedClv",
  purchase_probability: "p.purchaseProbability",
  // the value a store expects to lose with the customer: churn risk x predicted CLV
  value_at_risk: "p.churnRisk * p.predictedClv",
}

export interface ChurnListFilter {
  /** The version whose predictions are listed (the champion's, for the admin). */
  modelVersionId: string
  /** Only these segments (any of them). */
  segments?: readonly string[]
  /** Only churn risks within these bands (any of them). */
  riskBands?: readonly RiskBand[]
  /** Only predicted CLVs at or above this. */
  minClv?: number
}

export interface ChurnListOrder {
  sort: ChurnSort
  order: SortOrder
}

export interface Page {
  limit: number
  offset: number
}

export interface ChurnListPage {
  rows: CustomerPrediction[]
  /** Rows matching the filter, all pages together. */
  count: number
}

/**
 * One page of the churn list (every matching row when `page` is absent), and the count
 * of all matching rows. Equal sort values are ordered by customer id, so pages neither
 * repeat nor skip rows.
 */
export async function churnList(
  source: MlDataSource,
  filter: ChurnListFilter,
  order: ChurnListOrder,
  page?: Page
): Promise<ChurnListPage> {
  const filtered = filteredPredictions(source, filter)
  const count = await filtered.clone().getCount()
  const sorted = filtered.orderBy(SORT_COLUMNS[order.sort], order.order === "asc" ? "ASC" : "DESC").addOrderBy("p.customerId", "ASC")
  if (page) sorted.limit(page.limit).offset(page.offset)
  return { rows: await sorted.getMany(), count }
}

/** A customer's prediction in a version, or null. */
export async function predictionOf(source: MlDataSource, modelVersionId: string, customerId: string): Promise<CustomerPrediction | null> {
  return source.dataSource.getRepository(source.entities.customerPrediction).findOneBy({ modelVersionId, customerId })
}

/** The product-to-product lists the admin shows for a product. */
export const PRODUCT_LIST_KINDS = ["similar", "bought_together"] as const
export type ProductListKind = (typeof PRODUCT_LIST_KINDS)[number]

/** A product's similar and bought-together lists in a version, each in rank order (empty when not stored). */
export async function productListsOf(
  source: MlDataSource,
  modelVersionId: string,
  productId: string
): Promise<Record<ProductListKind, Recommendation[]>> {
  const rows = await source.dataSource
    .getRepository(source.entities.recommendation)
    .createQueryBuilder("r")
    .where("r.modelVersionId = :modelVersionId", { modelVersionId })
    .andWhere("r.sourceType IN (:...kinds)", { kinds: [...PRODUCT_LIST_KINDS] })
    .andWhere("r.sourceId = :productId", { productId })
    .orderBy("r.sourceType", "ASC")
    .addOrderBy("r.rank", "ASC")
    .getMany()
  const lists: Record<ProductListKind, Recommendation[]> = { similar: [], bought_together: [] }
  for (const row of rows) lists[row.sourceType as ProductListKind].push(row)
  return lists
}

/** A customer's stored "customer" list in a version, in rank order (empty when not stored). */
export async function customerListOf(source: MlDataSource, modelVersionId: string, customerId: string): Promise<Recommendation[]> {
  return source.dataSource
    .getRepository(source.entities.recommendation)
    .createQueryBuilder("r")
    .where("r.modelVersionId = :modelVersionId", { modelVersionId })
    .andWhere("r.sourceType = :sourceType", { sourceType: "customer" })
    .andWhere("r.sourceId = :customerId", { customerId })
    .orderBy("r.rank", "ASC")
    .getMany()
}

function filteredPredictions(source: MlDataSource, filter: ChurnListFilter): SelectQueryBuilder<CustomerPrediction> {
  const query = source.dataSource
    .getRepository(source.entities.customerPrediction)
    .createQueryBuilder("p")
    .where("p.modelVersionId = :modelVersionId", { modelVersionId: filter.modelVersionId })
  if (filter.segments?.length) query.andWhere("p.segment IN (:...segments)", { segments: [...filter.segments] })
  if (filter.minClv !== undefined) query.andWhere("p.predictedClv >= :minClv", { minClv: filter.minClv })
  if (filter.riskBands?.length) {
    const bands = [...new Set(filter.riskBands)]
    query.andWhere(
      new Brackets((any) => {
        bands.forEach((band, i) => {
          const { min, below } = riskBandRange(band)
          const params = { [`bandMin${i}`]: min, [`bandBelow${i}`]: below }
          const clause = below === null ? `p.churnRisk >= :bandMin${i}` : `(p.churnRisk >= :bandMin${i} AND p.churnRisk < :bandBelow${i})`
          any.orWhere(clause, params)
        })
      })
    )
  }
  return query
}
