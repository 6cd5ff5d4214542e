import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import type { ChurnList } from "../response-types"
import type { ChurnListQuery } from "../validators"
import { readChurnList } from "./churn-list"

/**
 * GET /admin/ml/customers: the churn list of the current customer model. Filters
 * `segment`, `risk_band`, `min_clv`; `sort` churn_risk | clv | purchase_probability,
 * `order` asc | desc (default churn_risk desc); `limit` 1..100 (default 20), `offset`.
 */
export async function GET(req: AuthenticatedMedusaRequest<unknown, ChurnListQuery>, res: MedusaResponse): Promise<void> {
  const { limit, offset, ...filters } = req.validatedQuery
  const { rows, count, modelVersionId } = await readChurnList(req.scope, filters, { limit, offset })
  res.json({ customers: rows, count, limit, offset, model_version_id: modelVersionId } satisfies ChurnList)
}
