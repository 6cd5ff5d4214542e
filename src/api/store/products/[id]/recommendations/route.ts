import type { MedusaResponse, MedusaStoreRequest } from "@medusajs/framework/http"
import { keySalesChannels, recommendFor, type StoreRecommendationsResponse } from "../../../ml-recommendations"
import type { ProductRecommendationsQuery } from "../../../ml-query-schemas"

/** GET /store/products/:id/recommendations?kind=similar|bought_together&limit= */
export async function GET(req: MedusaStoreRequest<unknown, ProductRecommendationsQuery>, res: MedusaResponse<StoreRecommendationsResponse>): Promise<void> {
  const { kind, limit } = req.validatedQuery
  const context = { kind: "product", productId: req.params.id, list: kind } as const
  res.json(await recommendFor(req.scope, context, { limit, salesChannelIds: keySalesChannels(req) }))
}
