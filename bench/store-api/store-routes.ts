/**
 * The two storefront routes compared under load, on the same server, data, products
 * and publishable key: the plugin's GET /store/products/:id/recommendations and
 * Medusa's own GET /store/products/:id. Before any load, the plugin's route is checked
 * to answer from a trained model's stored lists for every product used.
 */
import type { BenchApp } from "./bench-app"
import type { Route } from "./load"

function storefrontHeaders(app: BenchApp): Record<string, string> {
  return { "x-publishable-api-key": app.seed.publishableKey }
}

export function recommendationsRoute(app: BenchApp): Route {
  return {
    name: "GET /store/products/:id/recommendations",
    baseUrl: app.baseUrl,
    paths: app.seed.products.map((p) => `/store/products/${p.productId}/recommendations`),
    headers: storefrontHeaders(app),
  }
}

export function medusaProductRoute(app: BenchApp): Route {
  return {
    name: "GET /store/products/:id (Medusa)",
    baseUrl: app.baseUrl,
    paths: app.seed.products.map((p) => `/store/products/${p.productId}`),
    headers: storefrontHeaders(app),
  }
}

/** Fails unless every product's list comes from a trained model and holds products (not the cold-start fallback). */
export async function checkServesStoredLists(route: Route): Promise<{ model: string; meanItems: number }> {
  let items = 0
  let model = ""
  for (const path of route.paths) {
    const response = await fetch(`${route.baseUrl}${path}`, { headers: route.headers })
    const body = (await response.json()) as { recommendations?: unknown[]; cold_start?: boolean; model_version_id?: string | null }
    if (response.status !== 200) throw new Error(`GET ${path} answered ${response.status}: ${JSON.stringify(body)}`)
    if (!body.model_version_id || !body.recommendations?.length || body.cold_start) {
      throw new Error(`GET ${path} does not answer from stored lists: ${JSON.stringify(body).slice(0, 300)}`)
    }
    items += body.recommendations.length
    model = body.model_version_id
  }
  return { model, meanItems: items / route.paths.length }
}
