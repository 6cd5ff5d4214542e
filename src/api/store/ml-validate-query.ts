import type { MedusaNextFunction, MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import type { z } from "zod"
import { parseQuery } from "./ml-query-schemas"

/**
 * Validates the query string with a zod schema: on success the parsed values become
 * `req.validatedQuery`; otherwise 400 `{ type: "invalid_data", field, message }`
 * naming the first bad parameter.
 */
export function validateQueryWith(schema: z.ZodType) {
  return (req: MedusaRequest, res: MedusaResponse, next: MedusaNextFunction): void => {
    const parsed = parseQuery(schema, req.query)
    if (!parsed.ok) {
      res.status(400).json({ type: "invalid_data", field: parsed.field, message: parsed.message })
      return
    }
    req.validatedQuery = parsed.value as MedusaRequest["validatedQuery"]
    next()
  }
}
