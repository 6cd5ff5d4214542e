import { defineMiddlewares } from "@medusajs/framework/http"
import { adminMlMiddlewares } from "./admin/ml/middlewares"
import { PATH_ID_GUARD_PREFIXES, refuseImpossiblePathIds } from "./path-id-guard"
import { storeMlMiddlewares } from "./store/ml-middlewares"

/**
 * The plugin's routes: path ids no record can have (before any route decodes them),
 * validation of query and body, and the customer session for /store/customers/me.
 */
export default defineMiddlewares({
  routes: [
    ...PATH_ID_GUARD_PREFIXES.map((matcher) => ({ matcher, middlewares: [refuseImpossiblePathIds] })),
    ...adminMlMiddlewares,
    ...storeMlMiddlewares,
  ],
})
