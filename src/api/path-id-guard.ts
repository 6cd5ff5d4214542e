/**
 * Path ids that no record can have, refused with 400 naming `id` before any route sees
 * them:
 *   - an id holding a NUL character ("%00"): PostgreSQL refuses such text, which the
 *     routes would answer 500;
 *   - a segment that is not valid percent-encoded UTF-8 ("%zz", "%ED%A0%80"): Express's
 *     decoding of route parameters throws on it, which Medusa answers 500. Under /store
 *     this guard runs first; under /admin Medusa's own "/admin*" middleware decodes the
 *     path before any plugin middleware, so such paths stay a 500 there, as on every
 *     core admin route.
 * Mounted as a global middleware on the plugin's prefixes (no parameters, so mounting
 * decodes nothing); it only looks at the plugin's routes with an id.
 */
import type { MedusaNextFunction, MedusaRequest, MedusaResponse } from "@medusajs/framework/http"

/** The plugin's routes with a path id, the id as the first capture (Express matches paths case-insensitively). */
const ROUTES_WITH_ID: readonly RegExp[] = [
  /^\/admin\/ml\/customers\/([^/]+)(?:\/recommendations)?\/?$/i,
  /^\/admin\/ml\/products\/([^/]+)\/recommendations\/?$/i,
  /^\/admin\/ml\/runs\/([^/]+)\/?$/i,
  /^\/store\/products\/([^/]+)\/recommendations\/?$/i,
  /^\/store\/carts\/([^/]+)\/recommendations\/?$/i,
]

/** The matchers to mount the guard on (prefixes; no parameters, so mounting decodes nothing). */
export const PATH_ID_GUARD_PREFIXES = ["/admin/ml", "/store/products", "/store/carts"] as const

/** Why a raw path segment can be no record's id, or undefined when it can be one. */
export function pathIdProblem(segment: string): string | undefined {
  let id: string
  try {
    id = decodeURIComponent(segment)
  } catch {
    return "is not valid percent-encoded UTF-8"
  }
  return id.includes("\u0000") ? "must not contain a NUL character" : undefined
}

export function refuseImpossiblePathIds(req: MedusaRequest, res: MedusaResponse, next: MedusaNextFunction): void {
  const path = (req.originalUrl ?? req.url).split("?")[0]
  for (const route of ROUTES_WITH_ID) {
    const match = route.exec(path)
    if (!match) continue
    const problem = pathIdProblem(match[1])
    if (problem) {
      res.status(400).json({ type: "invalid_data", field: "id", message: `id: ${problem}` })
      return
    }
    break
  }
  next()
}
