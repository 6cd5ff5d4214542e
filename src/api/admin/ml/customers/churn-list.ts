/**
 * The churn list shared by GET /admin/ml/customers and its CSV export: the predictions
 * of the customer-scores champion, filtered, sorted and paged in SQL, with each
 * customer's email and name from Medusa.
 */
import type { MedusaContainer } from "@medusajs/framework/types"
import { ML_MODULE } from "../../../../modules/ml"
import type MlModuleService from "../../../../modules/ml/service"
import type { Page } from "../../../../modules/ml/reads"
import { customersById, queryOf } from "../medusa-records"
import { churnRowJson, type ChurnRowJson } from "../responses"
import type { ChurnExportQuery } from "../validators"

export interface ChurnListResult {
  rows: ChurnRowJson[]
  count: number
  /** The champion whose predictions are listed; null before the first model. */
  modelVersionId: string | null
}

/** One page of the churn list, or every row when `page` is absent. */
export async function readChurnList(scope: MedusaContainer, query: ChurnExportQuery, page?: Page): Promise<ChurnListResult> {
  const ml = scope.resolve<MlModuleService>(ML_MODULE)
  const champion = await ml.reads.customerModel()
  if (!champion) return { rows: [], count: 0, modelVersionId: null }
  const { rows, count } = await ml.reads.churnList(
    { modelVersionId: champion.id, segments: query.segment, riskBands: query.risk_band, minClv: query.min_clv },
    { sort: query.sort, order: query.order },
    page
  )
  const customers = await customersById(queryOf(scope), rows.map((r) => r.customerId))
  return { rows: rows.map((r) => churnRowJson(r, customers.get(r.customerId))), count, modelVersionId: champion.id }
}
