import { defineMiddlewares } from "@medusajs/framework/http"
import { adminMlMiddlewares } from "./admin/ml/middlewares"
import { storeMlMiddlewares } from "./store/ml-middlewares"

/** The plugin's routes: validation of query and body, and the customer session for /store/customers/me. */
export default defineMiddlewares({
  routes: [...adminMlMiddlewares, ...storeMlMiddlewares],
})
