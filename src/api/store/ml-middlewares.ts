import { authenticate, type MiddlewareRoute } from "@medusajs/framework/http"
import { cartRecommendationsQuery, customerRecommendationsQuery, productRecommendationsQuery } from "./ml-query-schemas"
import { validateQueryWith } from "./ml-validate-query"

/**
 * Validation of the store recommendation routes, and the customer session for
 * /store/customers/me. Medusa itself requires a publishable key on every /store route.
 */
export const storeMlMiddlewares: MiddlewareRoute[] = [
  {
    method: ["GET"],
    matcher: "/store/products/:id/recommendations",
    middlewares: [validateQueryWith(productRecommendationsQuery)],
  },
  {
    method: ["GET"],
    matcher: "/store/carts/:id/recommendations",
    middlewares: [validateQueryWith(cartRecommendationsQuery)],
  },
  {
    method: ["GET"],
    matcher: "/store/customers/me/recommendations",
    middlewares: [authenticate("customer", ["session", "bearer"]), validateQueryWith(customerRecommendationsQuery)],
  },
]
