/**
 * The query strings of the store recommendation routes. Unknown parameters are refused,
 * so no parameter can ever name another customer, cart or sales channel.
 */
import { z } from "zod"

export const MAX_RECOMMENDATIONS = 50
export const DEFAULT_RECOMMENDATIONS = 10

const LIMIT_PROBLEM = `must be a whole number from 1 to ${MAX_RECOMMENDATIONS}`

/** `limit`: how many products to answer, 1..50, 10 when left out. */
const limit = z.coerce
  .number({ error: LIMIT_PROBLEM })
  .int({ error: LIMIT_PROBLEM })
  .min(1, { error: LIMIT_PROBLEM })
  .max(MAX_RECOMMENDATIONS, { error: LIMIT_PROBLEM })
  .default(DEFAULT_RECOMMENDATIONS)

/** GET /store/products/:id/recommendations */
export const productRecommendationsQuery = z.strictObject({
  kind: z.enum(["similar", "bought_together"], { error: "must be similar or bought_together" }).default("similar"),
  limit,
})
export type ProductRecommendationsQuery = z.infer<typeof productRecommendationsQuery>

/** GET /store/carts/:id/recommendations */
export const cartRecommendationsQuery = z.strictObject({ limit })
export type CartRecommendationsQuery = z.infer<typeof cartRecommendationsQuery>

/** GET /store/customers/me/recommendations: the customer is the signed-in one, never a parameter. */
export const customerRecommendationsQuery = z.strictObject({ limit })
export type CustomerRecommendationsQuery = z.infer<typeof customerRecommendationsQuery>

export type QueryParse<T> = { ok: true; value: T } | { ok: false; field: string; message: string }

/** Parses a query string object, naming the first bad (or unknown) parameter. */
export function parseQuery<S extends z.ZodType>(schema: S, query: unknown): QueryParse<z.output<S>> {
  const result = schema.safeParse(query ?? {})
  if (result.success) return { ok: true, value: result.data }
  const issue = result.error.issues[0]
  if (issue.code === "unrecognized_keys") {
    const field = [...issue.path, issue.keys[0]].map(String).join(".")
    return { ok: false, field, message: `${field}: is not a parameter of this route` }
  }
  const field = issue.path.length > 0 ? issue.path.map(String).join(".") : "(query)"
  return { ok: false, field, message: `${field}: ${issue.message}` }
}
