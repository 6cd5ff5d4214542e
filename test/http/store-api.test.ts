import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import type { MedusaContainer } from "@medusajs/framework/types"
import { RECOMMENDATIONS_TASK } from "../../src/engine/save-recommendations"
import { ML_MODULE, type MlModuleService } from "../../src/modules/ml"
import type { NewRecommendation } from "../../src/store/ml-store"
import { adminHeaders, APP_DIR, configureTestApp } from "./helpers"
import { createCatalog, seedStore, type SeededProduct, type SeededStore } from "./seed"
import { createPublishableKey, createStoreCart, PUBLISHABLE_KEY_HEADER, sessionCookie, signInCustomer } from "./store-api-setup"

configureTestApp({ workerMode: "shared", pluginOptions: {} })

type ProductKey = "shirt" | "trousers" | "scarf" | "hat" | "gloves" | "beanie" | "mittens" | "belt"

interface Fixture {
  store: SeededStore
  products: Record<ProductKey, SeededProduct>
  /** Keys linked to "Shop", to "Web", and to no channel. */
  keys: { shop: string; web: string; none: string }
  /** Bearer tokens of customers signed in through emailpass. */
  tokens: { ann: string; ben: string; cleo: string }
  /** A cart made through the store API with the Shop key, holding a scarf and chinos. */
  cartId: string
}

/**
 * The champion's lists. With the Shop key, shown are trousers, scarf, gloves, beanie and
 * mittens; hat is unpublished (in Shop) and shirt and belt are only in Web.
 */
function championLists(f: Fixture): NewRecommendation[] {
  const id = (key: ProductKey) => f.products[key].productId
  const list = (sourceType: NewRecommendation["sourceType"], sourceId: string, entries: Array<[ProductKey, number]>) =>
    entries.map(([key, score], i) => ({ sourceType, sourceId, rank: i + 1, productId: id(key), score }))
  const { ann, ben } = f.store.customerIds
  return [
    ...list("similar", id("scarf"), [["hat", 0.9], ["shirt", 0.8], ["gloves", 0.7], ["scarf", 0.6], ["beanie", 0.5], ["trousers", 0.3]]),
    ...list("bought_together", id("scarf"), [["shirt", 5], ["hat", 4], ["trousers", 3], ["gloves", 1]]),
    ...list("bought_together", id("trousers"), [["belt", 6], ["gloves", 4], ["scarf", 2]]),
    ...list("similar", id("trousers"), [["shirt", 0.9], ["hat", 0.8], ["belt", 0.7]]),
    ...list("customer", ann, [["hat", 9], ["beanie", 6], ["shirt", 5], ["gloves", 3]]),
    ...list("customer_new", ann, [["mittens", 1]]),
    ...list("customer", ben, [["mittens", 7], ["belt", 2]]),
    ...list("popular", "*", [["shirt", 50], ["hat", 40], ["trousers", 30], ["scarf", 20], ["gloves", 10], ["belt", 5]]),
  ]
}

async function saveChampion(container: MedusaContainer, f: Fixture): Promise<string> {
  const ml = container.resolve<MlModuleService>(ML_MODULE)
  const version = await ml.store.saveModelVersion({
    version: {
      task: RECOMMENDATIONS_TASK,
      learner: "item-to-item",
      hyperparameters: {},
      metrics: {},
      model: { type: "stored-lists", version: 1 },
      trainingRunId: null,
      dataCutoff: null,
    },
    recommendations: championLists(f),
    promote: true,
  })
  return version.id
}

medusaIntegrationTestRunner({
  cwd: APP_DIR,
  testSuite: ({ api, getContainer }) => {
    let f: Fixture
    const get = (url: string, headers: Record<string, string> = {}) => api.get(url, { headers, validateStatus: () => true })
    const withKey = (key: string, extra: Record<string, string> = {}) => ({ [PUBLISHABLE_KEY_HEADER]: key, ...extra })
    const bearer = (token: string) => ({ authorization: `Bearer ${token}` })
    const idOf = (key: ProductKey) => f.products[key].productId
    const keyOf = (productId: string) => (Object.keys(f.products) as ProductKey[]).find((k) => f.products[k].productId === productId)
    /** Product keys of an answer, checking each entry carries what a storefront renders. */
    const shownKeys = (data: { recommendations: Array<Record<string, unknown>> }) =>
      data.recommendations.map((r) => {
        const key = keyOf(r.id as string)
        expect(key).toBeDefined()
        expect(r).toEqual({ id: idOf(key as ProductKey), title: f.products[key as ProductKey].title, handle: key, thumbnail: null, score: expect.any(Number) })
        return key
      })

    beforeAll(async () => {
      const container = getContainer()
      const store = await seedStore(container)
      const { web, shop } = store.salesChannelIds
      const extra = await createCatalog(container, {
        gloves: { title: "Leather gloves", salesChannelIds: [shop], prices: { usd: 35 } },
        beanie: { title: "Knit beanie", salesChannelIds: [shop], prices: { usd: 18 } },
        mittens: { title: "Felt mittens", salesChannelIds: [shop], prices: { usd: 22 } },
        belt: { title: "Canvas belt", salesChannelIds: [web], prices: { usd: 15 } },
      })
      const keys = {
        shop: await createPublishableKey(container, "Shop storefront", [shop]),
        web: await createPublishableKey(container, "Web storefront", [web]),
        none: await createPublishableKey(container, "Unlinked", []),
      }
      const { ann, ben, cleo } = store.customerIds
      const tokens = {
        ann: await signInCustomer(api, container, ann, "ann@medusa-ml.test"),
        ben: await signInCustomer(api, container, ben, "ben@medusa-ml.test"),
        cleo: await signInCustomer(api, container, cleo, "cleo@medusa-ml.test"),
      }
      const products = { ...store.products, ...extra }
      const cartId = await createStoreCart(api, keys.shop, store.regionIds.usd, [products.scarf.variantId, products.trousers.variantId])
      f = { store, products, keys, tokens, cartId }
    })

    it("needs a publishable key on every route", async () => {
      const urls = [`/store/products/${idOf("scarf")}/recommendations`, `/store/carts/${f.cartId}/recommendations`, "/store/customers/me/recommendations"]
      for (const url of urls) {
        const without = await get(url, bearer(f.tokens.ann))
        expect(without.status).toBe(400)
        expect(without.data.message).toMatch(/publishable api key required/i)
        const unknown = await get(url, withKey("pk_unknown", bearer(f.tokens.ann)))
        expect(unknown.status).toBe(400)
        const unlinked = await get(url, withKey(f.keys.none, bearer(f.tokens.ann)))
        expect(unlinked.status).toBe(400)
        expect(unlinked.data.message).toMatch(/sales channel/)
      }
    })

    it("answers an empty list with a reason before any model is trained, and still 404s what the key cannot see", async () => {
      const urls = [`/store/products/${idOf("scarf")}/recommendations`, `/store/carts/${f.cartId}/recommendations`, "/store/customers/me/recommendations"]
      for (const url of urls) {
        const response = await get(url, withKey(f.keys.shop, bearer(f.tokens.ann)))
        expect(response.status).toBe(200)
        expect(response.data).toEqual({ recommendations: [], cold_start: false, model_version_id: null, reason: expect.stringMatching(/no recommendations model/) })
      }
      expect((await get(`/store/products/${idOf("hat")}/recommendations`, withKey(f.keys.shop))).status).toBe(404)
      expect((await get("/store/carts/cart_unknown/recommendations", withKey(f.keys.shop))).status).toBe(404)
    })

    describe("with a recommendations champion", () => {
      let championId: string
      beforeEach(async () => {
        championId = await saveChampion(getContainer(), f)
      })

      it("shows a product's similar list without the unpublished product, other channels' products or the product itself", async () => {
        const response = await get(`/store/products/${idOf("scarf")}/recommendations?kind=similar`, withKey(f.keys.shop))
        expect(response.status).toBe(200)
        expect(shownKeys(response.data)).toEqual(["gloves", "beanie", "trousers"])
        expect(response.data.recommendations.map((r: { score: number }) => r.score)).toEqual([0.7, 0.5, 0.3])
        expect(response.data).toMatchObject({ cold_start: false, model_version_id: championId })
        expect(response.data.reason).toBeUndefined()
      })

      it("shows the bought-together list, similar by default, and at most `limit` products", async () => {
        const together = await get(`/store/products/${idOf("scarf")}/recommendations?kind=bought_together`, withKey(f.keys.shop))
        expect(shownKeys(together.data)).toEqual(["trousers", "gloves"])
        const byDefault = await get(`/store/products/${idOf("scarf")}/recommendations?limit=2`, withKey(f.keys.shop))
        expect(shownKeys(byDefault.data)).toEqual(["gloves", "beanie"])
      })

      it("falls back to the channel's popular products when nothing of the list may be shown", async () => {
        const response = await get(`/store/products/${idOf("trousers")}/recommendations`, withKey(f.keys.shop))
        expect(shownKeys(response.data)).toEqual(["scarf", "gloves"])
        expect(response.data.recommendations.map((r: { score: number }) => r.score)).toEqual([20, 10])
        expect(response.data.cold_start).toBe(true)
      })

      it("404s a product that is unpublished, outside the key's channels or unknown", async () => {
        for (const productId of [idOf("hat"), idOf("shirt"), "prod_unknown"]) {
          const response = await get(`/store/products/${productId}/recommendations`, withKey(f.keys.shop))
          expect(response.status).toBe(404)
        }
        // the same shirt is shown through a key of its channel
        const web = await get(`/store/products/${idOf("shirt")}/recommendations`, withKey(f.keys.web))
        expect(web.status).toBe(200)
        expect(shownKeys(web.data)).toEqual(["trousers", "belt"])
      })

      it("completes a cart without returning its items or anything the key cannot show", async () => {
        const response = await get(`/store/carts/${f.cartId}/recommendations`, withKey(f.keys.shop))
        expect(response.status).toBe(200)
        // scarf's list gives gloves 1/3 (chinos are in the cart), chinos' list gives gloves 4/4; the popular fill is all in the cart
        expect(shownKeys(response.data)).toEqual(["gloves"])
        expect(response.data.recommendations[0].score).toBeCloseTo(4 / 3, 12)
        expect(response.data.cold_start).toBe(false)
      })

      it("404s an unknown cart", async () => {
        expect((await get("/store/carts/cart_unknown/recommendations", withKey(f.keys.shop))).status).toBe(404)
      })

      it("refuses /store/customers/me/recommendations without a customer session", async () => {
        expect((await get("/store/customers/me/recommendations", withKey(f.keys.shop))).status).toBe(401)
        const admin = await adminHeaders(getContainer())
        expect((await get("/store/customers/me/recommendations", withKey(f.keys.shop, admin.headers))).status).toBe(401)
        expect((await get("/store/customers/me/recommendations", withKey(f.keys.shop, bearer("not-a-token")))).status).toBe(401)
      })

      it("gives a signed-in customer their own list, then the channel's popular products", async () => {
        const ann = await get("/store/customers/me/recommendations", withKey(f.keys.shop, bearer(f.tokens.ann)))
        expect(ann.status).toBe(200)
        expect(shownKeys(ann.data)).toEqual(["beanie", "gloves", "trousers", "scarf"])
        expect(ann.data.cold_start).toBe(false)
        const ben = await get("/store/customers/me/recommendations?limit=1", withKey(f.keys.shop, bearer(f.tokens.ben)))
        expect(shownKeys(ben.data)).toEqual(["mittens"])
        const cleo = await get("/store/customers/me/recommendations", withKey(f.keys.shop, bearer(f.tokens.cleo)))
        expect(shownKeys(cleo.data)).toEqual(["trousers", "scarf", "gloves"])
        expect(cleo.data.cold_start).toBe(true)
        const annOnWeb = await get("/store/customers/me/recommendations", withKey(f.keys.web, bearer(f.tokens.ann)))
        expect(shownKeys(annOnWeb.data)).toEqual(["shirt", "trousers", "belt"])
      })

      it("answers a customer signed in with a session cookie", async () => {
        const cookie = await sessionCookie(api, f.tokens.ann)
        const response = await get("/store/customers/me/recommendations?limit=2", withKey(f.keys.shop, { cookie }))
        expect(response.status).toBe(200)
        expect(shownKeys(response.data)).toEqual(["beanie", "gloves"])
      })

      it("never reaches another customer's list through a parameter or a header", async () => {
        const { ben } = f.store.customerIds
        for (const name of ["customer_id", "id", "customer"]) {
          const response = await get(`/store/customers/me/recommendations?${name}=${ben}`, withKey(f.keys.shop, bearer(f.tokens.ann)))
          expect(response.status).toBe(400)
          expect(response.data).toMatchObject({ type: "invalid_data", field: name })
        }
        const headers = withKey(f.keys.shop, { ...bearer(f.tokens.ann), "x-customer-id": ben, "x-medusa-customer-id": ben })
        const withHeaders = await get("/store/customers/me/recommendations", headers)
        expect(shownKeys(withHeaders.data)).toEqual(["beanie", "gloves", "trousers", "scarf"])
        expect(shownKeys(withHeaders.data)).not.toContain("mittens")
      })

      it("refuses bad query values with 400 naming the field", async () => {
        const cases: Array<[string, string]> = [
          [`/store/products/${idOf("scarf")}/recommendations?limit=0`, "limit"],
          [`/store/products/${idOf("scarf")}/recommendations?limit=51`, "limit"],
          [`/store/products/${idOf("scarf")}/recommendations?kind=popular`, "kind"],
          [`/store/carts/${f.cartId}/recommendations?limit=ten`, "limit"],
          [`/store/customers/me/recommendations?limit=2.5`, "limit"],
        ]
        for (const [url, field] of cases) {
          const response = await get(url, withKey(f.keys.shop, bearer(f.tokens.ann)))
          expect(response.status).toBe(400)
          expect(response.data.field).toBe(field)
          expect(response.data.message).toMatch(new RegExp(`^${field}: `))
        }
        const fifty = await get(`/store/products/${idOf("scarf")}/recommendations?limit=50`, withKey(f.keys.shop))
        expect(fifty.status).toBe(200)
      })
    })
  },
})
