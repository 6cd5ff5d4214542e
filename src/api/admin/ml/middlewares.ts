import { validateAndTransformBody, validateAndTransformQuery, type MiddlewareRoute } from "@medusajs/framework/http"
import { refuseDottedQueryKeys, requireObjectBody } from "./request-guards"
import { churnExportQuerySchema, churnListQuerySchema, modelsQuerySchema, runsQuerySchema, trainBodySchema } from "./validators"

/**
 * Validation of the admin routes under /admin/ml (admin authentication is Medusa's own
 * for every /admin route). Routes with only a path id validate nothing here: an unknown
 * id is their 404 (an id no record can have is refused by ../../path-id-guard).
 */
export const adminMlMiddlewares: MiddlewareRoute[] = [
  { matcher: "/admin/ml/customers", methods: ["GET"], middlewares: [refuseDottedQueryKeys, validateAndTransformQuery(churnListQuerySchema, {})] },
  { matcher: "/admin/ml/customers/export", methods: ["GET"], middlewares: [refuseDottedQueryKeys, validateAndTransformQuery(churnExportQuerySchema, {})] },
  { matcher: "/admin/ml/models", methods: ["GET"], middlewares: [refuseDottedQueryKeys, validateAndTransformQuery(modelsQuerySchema, {})] },
  { matcher: "/admin/ml/runs", methods: ["GET"], middlewares: [refuseDottedQueryKeys, validateAndTransformQuery(runsQuerySchema, {})] },
  { matcher: "/admin/ml/train", methods: ["POST"], middlewares: [requireObjectBody, validateAndTransformBody(trainBodySchema)] },
]
