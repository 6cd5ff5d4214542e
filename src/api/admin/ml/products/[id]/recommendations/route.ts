import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { MedusaError } from "@medusajs/framework/utils"
import type { Recommendation } from "../../../../../../models"
import { ML_MODULE } from "../../../../../../modules/ml"
import type MlModuleService from "../../../../../../modules/ml/service"
import { productsById, queryOf, type ProductCard } from "../../../medusa-records"
import type { ProductRecommendation, ProductRecommendations } from "../../../response-types"

/**
 * GET /admin/ml/products/:id/recommendations: the product's stored "similar" and
 * "bought together" lists in the current recommendations model, best first, with each
 * product's id, title, handle, thumbnail and status; 404 for an unknown product.
 * Entries whose product no longer exists are left out.
 */
export async function GET(req: AuthenticatedMedusaRequest, res: MedusaResponse): Promise<void> {
  const { id } = req.params
  const query = queryOf(req.scope)
  const product = (await productsById(query, [id])).get(id)
  if (!product) throw new MedusaError(MedusaError.Types.NOT_FOUND, `Product with id: ${id} was not found`)

  const ml = req.scope.resolve<MlModuleService>(ML_MODULE)
  const champion = await ml.reads.recommendationsModel()
  if (!champion) {
    res.json({ product, similar: [], bought_together: [], model_version_id: null } satisfies ProductRecommendations)
    return
  }
  const lists = await ml.reads.productLists(champion.id, id)
  const products = await productsById(query, [...lists.similar, ...lists.bought_together].map((r) => r.productId))
  const entries = (list: Recommendation[]) => withProducts(list, products)
  res.json({ product, similar: entries(lists.similar), bought_together: entries(lists.bought_together), model_version_id: champion.id } satisfies ProductRecommendations)
}

function withProducts(list: Recommendation[], products: Map<string, ProductCard>): ProductRecommendation[] {
  return list.flatMap((r) => {
    const product = products.get(r.productId)
    return product ? [{ rank: r.rank, score: r.score, product }] : []
  })
}
