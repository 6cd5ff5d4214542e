import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { MedusaError } from "@medusajs/framework/utils"
import { ML_MODULE } from "../../../../../../modules/ml"
import type MlModuleService from "../../../../../../modules/ml/service"
import { customersById, productsById, queryOf } from "../../../medusa-records"
import type { CustomerRecommendations } from "../../../response-types"

/**
 * GET /admin/ml/customers/:id/recommendations: the products stored for the customer in
 * the current recommendations model, best first, with each product's id, title, handle,
 * thumbnail and status; 404 for an unknown customer. Entries whose product no longer
 * exists are left out.
 */
export async function GET(req: AuthenticatedMedusaRequest, res: MedusaResponse): Promise<void> {
  const { id } = req.params
  const query = queryOf(req.scope)
  if (!(await customersById(query, [id])).has(id)) throw new MedusaError(MedusaError.Types.NOT_FOUND, `Customer with id: ${id} was not found`)

  const ml = req.scope.resolve<MlModuleService>(ML_MODULE)
  const champion = await ml.reads.recommendationsModel()
  if (!champion) {
    res.json({ recommendations: [], model_version_id: null } satisfies CustomerRecommendations)
    return
  }
  const list = await ml.reads.customerList(champion.id, id)
  const products = await productsById(query, list.map((r) => r.productId))
  const recommendations = list.flatMap((r) => {
    const product = products.get(r.productId)
    return product ? [{ rank: r.rank, score: r.score, product }] : []
  })
  res.json({ recommendations, model_version_id: champion.id } satisfies CustomerRecommendations)
}
