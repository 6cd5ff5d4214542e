/**
 * Checks that run before Medusa's own query and body validation of the admin routes,
 * for input that validation answers with a 500 or with a message naming no field.
 */
import type { MedusaNextFunction, MedusaRequest, MedusaResponse } from "@medusajs/framework/http"

function refuse(res: MedusaResponse, field: string, message: string): void {
  res.status(400).json({ type: "invalid_data", field, message: `Invalid request: ${message}` })
}

/**
 * A query parameter with a dot in its name ("limit.toString", "a.b.c"): Medusa reads it
 * as a nested filter, which none of these routes has, and answers 500 for three levels
 * or a nested `toString`. Refused as an unknown field, naming it.
 */
export function refuseDottedQueryKeys(req: MedusaRequest, res: MedusaResponse, next: MedusaNextFunction): void {
  const dotted = Object.keys(req.query ?? {}).find((key) => key.includes("."))
  if (dotted !== undefined) {
    refuse(res, dotted, `Unrecognized fields: '${dotted}'`)
    return
  }
  next()
}

/**
 * A body that is not a JSON object (an array, a string sent as text/plain, a number):
 * Medusa's message would name the field ''. A request without a body reaches here as {}.
 */
export function requireObjectBody(req: MedusaRequest, res: MedusaResponse, next: MedusaNextFunction): void {
  const body: unknown = req.body
  if (typeof body !== "object" || body === null || Array.isArray(body)) {
    const got = Array.isArray(body) ? "an array" : body === null || body === undefined ? String(body) : typeof body
    refuse(res, "body", `the body must be a JSON object, got ${got}`)
    return
  }
  next()
}
