import type { MedusaResponse, MedusaStoreRequest } from "@medusajs/framework/http"
import { ContainerRegistrationKeys, MedusaError } from "@medusajs/framework/utils"
import type { GraphQuery } from "../../../../../medusa/graph-query"
import { readCartProductIds } from "../../../../../medusa/cart-products"
import { keySalesChannels, recommendFor, type StoreRecommendationsResponse } from "../../../ml-recommendations"
import type { CartRecommendationsQuery } from "../../../ml-query-schemas"

/** GET /store/carts/:id/recommendations?limit=: completes the cart; its items are never returned. */
export async function GET(req: MedusaStoreRequest<unknown, CartRecommendationsQuery>, res: MedusaResponse<StoreRecommendationsResponse>): Promise<void> {
  const salesChannelIds = keySalesChannels(req)
  const productIds = await readCartProductIds(req.scope.resolve<GraphQuery>(ContainerRegistrationKeys.QUERY), req.params.id)
  if (!productIds) throw new MedusaError(MedusaError.Types.NOT_FOUND, `Cart with id: ${req.params.id} was not found`)
  res.json(await recommendFor(req.scope, { kind: "cart", productIds }, { limit: req.validatedQuery.limit, salesChannelIds }))
}
