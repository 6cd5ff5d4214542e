/**
 * What the store recommendation routes share: read the champion's lists a request
 * needs, keep only products the publishable key's sales channels may show, answer,
 * and add what a storefront renders each product with.
 */
import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, MedusaError } from "@medusajs/framework/utils"
import { answerStorefront, listsFor, productsIn, restrictLists, type StorefrontContext } from "../../core/serving/storefront-lists"
import { indexStoredLists, type StoredLists } from "../../core/serving/stored-lists"
import type { GraphQuery } from "../../medusa/graph-query"
import { readShownProducts, type ShownProduct } from "../../medusa/storefront-products"
import { ML_MODULE, type MlModuleService } from "../../modules/ml"

/** A recommended product, ready to render. */
export interface StoreRecommendation extends ShownProduct {
  score: number
}

export interface StoreRecommendationsResponse {
  recommendations: StoreRecommendation[]
  /** True when the popular products of the channel answered, the request's own lists having nothing to show. */
  cold_start: boolean
  /** The recommendations model that answered; null before the first training. */
  model_version_id: string | null
  /** Why the list is empty, when it is. */
  reason?: string
}

export const NO_MODEL_REASON = "no recommendations model has been trained yet"
export const NOTHING_SHOWN_REASON = "no recommended or popular product is available in this sales channel"

/** The publishable key's sales channels (Medusa has checked the key itself); 400 when it has none. */
export function keySalesChannels(req: { publishable_key_context?: { sales_channel_ids?: string[] } }): string[] {
  const ids = req.publishable_key_context?.sales_channel_ids ?? []
  if (ids.length === 0) throw new MedusaError(MedusaError.Types.INVALID_DATA, "Publishable key needs to have a sales channel configured")
  return ids
}

/** Answers a storefront request; a product page for a product the channels may not show is 404. */
export async function recommendFor(
  scope: MedusaContainer,
  context: StorefrontContext,
  options: { limit: number; salesChannelIds: readonly string[] }
): Promise<StoreRecommendationsResponse> {
  const ml = scope.resolve<MlModuleService>(ML_MODULE)
  const query = scope.resolve<GraphQuery>(ContainerRegistrationKeys.QUERY)
  const champion = await ml.reads.recommendationsModel()
  const lists: StoredLists = champion ? indexStoredLists(await ml.reads.selectedLists(champion.id, listsFor(context))) : new Map()
  const candidates = productsIn(lists)
  if (context.kind === "product") candidates.add(context.productId)
  const shown = await readShownProducts(query, candidates, options.salesChannelIds)
  if (context.kind === "product" && !shown.has(context.productId)) {
    throw new MedusaError(MedusaError.Types.NOT_FOUND, `Product with id: ${context.productId} was not found`)
  }
  if (!champion) return { recommendations: [], cold_start: false, model_version_id: null, reason: NO_MODEL_REASON }
  const answer = answerStorefront(restrictLists(lists, (id) => shown.has(id)), context, options.limit)
  const recommendations = answer.items.map((item) => ({ ...(shown.get(item.productId) as ShownProduct), score: item.score }))
  return {
    recommendations,
    cold_start: answer.coldStart,
    model_version_id: champion.id,
    ...(recommendations.length === 0 ? { reason: NOTHING_SHOWN_REASON } : {}),
  }
}
