/**
 * What a storefront is shown, answered from stored lists: a product's similar or
 * bought-together list, a cart completed from its items' lists, or a signed-in
 * customer's own list. Only products the storefront may show are ever returned; when
 * nothing is left for the request, the popular list (filtered the same way) answers.
 */
import type { ScoredProduct } from "../recommend"
import { answerRequest, type StoredLists } from "./stored-lists"

/** The lists a product page can ask for. */
export type ProductListKind = "similar" | "bought_together"

/** What a storefront asks recommendations for. */
export type StorefrontContext =
  | { kind: "product"; productId: string; list: ProductListKind }
  | { kind: "cart"; productIds: readonly string[] }
  | { kind: "customer"; customerId: string }

/** One list to read from the store: its type and the sources wanted ("*" for popular). */
export interface WantedLists {
  sourceType: "similar" | "bought_together" | "customer" | "popular"
  sourceIds: string[]
}

export interface StorefrontAnswer {
  items: ScoredProduct[]
  /** True when the popular list answered because the request's own lists had nothing to show. */
  coldStart: boolean
}

/** The stored lists a request needs: its own lists, and the popular list for a cold start. */
export function listsFor(context: StorefrontContext): WantedLists[] {
  const popular: WantedLists = { sourceType: "popular", sourceIds: ["*"] }
  switch (context.kind) {
    case "product":
      return [{ sourceType: context.list, sourceIds: [context.productId] }, popular]
    case "cart":
      return context.productIds.length > 0 ? [{ sourceType: "bought_together", sourceIds: [...new Set(context.productIds)] }, popular] : [popular]
    case "customer":
      return [{ sourceType: "customer", sourceIds: [context.customerId] }, popular]
  }
}

/** Every product id the lists mention: the candidates whose visibility must be known. */
export function productsIn(lists: StoredLists): Set<string> {
  const ids = new Set<string>()
  for (const bySource of lists.values()) {
    for (const items of bySource.values()) for (const item of items) ids.add(item.productId)
  }
  return ids
}

/** The same lists without the products `isShown` rejects (ranks close up; scores kept). */
export function restrictLists(lists: StoredLists, isShown: (productId: string) => boolean): StoredLists {
  const restricted: StoredLists = new Map()
  for (const [source, bySource] of lists) {
    const kept = new Map<string, ScoredProduct[]>()
    for (const [sourceId, items] of bySource) {
      const shown = items.filter((item) => isShown(item.productId))
      if (shown.length > 0) kept.set(sourceId, shown)
    }
    restricted.set(source, kept)
  }
  return restricted
}

/**
 * The top `limit` products for a request, from lists already restricted to what the
 * storefront may show. A product page gets its own list (never the product itself); a
 * cart gets its items' bought-together lists blended and filled up with popular products
 * (never an item of the cart); a customer gets their list filled up the same way. When
 * the request's own lists have nothing, the popular list answers with its own scores.
 */
export function answerStorefront(lists: StoredLists, context: StorefrontContext, limit: number): StorefrontAnswer {
  if (!Number.isInteger(limit) || limit < 1) throw new RangeError(`limit must be a whole number above 0, got ${limit}`)
  const exclude = new Set(context.kind === "product" ? [context.productId] : context.kind === "cart" ? context.productIds : [])
  const own = ownAnswer(lists, context, limit, exclude)
  if (own.length > 0) return { items: own, coldStart: false }
  const popular = (lists.get("popular")?.get("*") ?? []).filter((item) => !exclude.has(item.productId))
  return { items: popular.slice(0, limit), coldStart: true }
}

function ownAnswer(lists: StoredLists, context: StorefrontContext, limit: number, exclude: ReadonlySet<string>): ScoredProduct[] {
  if (context.kind === "product") {
    const list = lists.get(context.list)?.get(context.productId) ?? []
    return list.filter((item) => !exclude.has(item.productId)).slice(0, limit)
  }
  const request = context.kind === "cart" ? { productIds: context.productIds } : { customerId: context.customerId, productIds: [] }
  // answered first without the popular list: is there anything of the request's own?
  const withoutPopular: StoredLists = new Map([...lists].filter(([source]) => source !== "popular"))
  const options = { limit, excludePurchased: false }
  if (answerRequest(withoutPopular, request, options).length === 0) return []
  return answerRequest(lists, request, options)
}
