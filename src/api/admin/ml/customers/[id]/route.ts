import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { MedusaError } from "@medusajs/framework/utils"
import { SEGMENTS, type SegmentId } from "../../../../../core/segments"
import { ML_MODULE } from "../../../../../modules/ml"
import type MlModuleService from "../../../../../modules/ml/service"
import { customerOrderDates, customersById, queryOf } from "../../medusa-records"
import type { CustomerInsight } from "../../response-types"
import { iso, predictionJson } from "../../responses"
import { notScoredReason } from "./not-scored"

/**
 * GET /admin/ml/customers/:id: the customer's predictions and reasons in the current
 * customer model, or "not_scored" with the reason; 404 for an unknown customer.
 */
export async function GET(req: AuthenticatedMedusaRequest, res: MedusaResponse): Promise<void> {
  const { id } = req.params
  const query = queryOf(req.scope)
  const customer = (await customersById(query, [id])).get(id)
  if (!customer) throw new MedusaError(MedusaError.Types.NOT_FOUND, `Customer with id: ${id} was not found`)

  const ml = req.scope.resolve<MlModuleService>(ML_MODULE)
  const champion = await ml.reads.customerModel()
  const model = champion && { id: champion.id, data_cutoff: iso(champion.dataCutoff), created_at: iso(champion.createdAt) }
  const prediction = champion ? await ml.reads.prediction(champion.id, id) : null
  if (!prediction || !model) {
    const orders = champion ? await customerOrderDates(query, id) : []
    res.json({ customer, status: "not_scored", ...notScoredReason(champion, orders), model } satisfies CustomerInsight)
    return
  }
  const segment = SEGMENTS[prediction.segment as SegmentId] ?? null
  res.json({ customer, status: "scored", prediction: predictionJson(prediction), segment, model } satisfies CustomerInsight)
}
