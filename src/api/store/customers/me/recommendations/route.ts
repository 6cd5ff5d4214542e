import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { keySalesChannels, recommendFor, type StoreRecommendationsResponse } from "../../../ml-recommendations"
import type { CustomerRecommendationsQuery } from "../../../ml-query-schemas"

/** GET /store/customers/me/recommendations?limit=: the signed-in customer's own list, and nobody else's. */
export async function GET(req: AuthenticatedMedusaRequest<unknown, CustomerRecommendationsQuery>, res: MedusaResponse<StoreRecommendationsResponse>): Promise<void> {
  const customerId = req.auth_context.actor_id
  const context = { kind: "customer", customerId } as const
  res.json(await recommendFor(req.scope, context, { limit: req.validatedQuery.limit, salesChannelIds: keySalesChannels(req) }))
}
