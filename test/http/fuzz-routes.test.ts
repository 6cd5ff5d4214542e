/**
 * Property-based fuzzing of every admin and store route of the plugin, over raw HTTP:
 * query strings from the routes' own parameter names and random ones with hostile
 * values (repeated, bracketed, dotted, huge, negative, unicode, SQL-ish), random path
 * ids (encoded slashes, NUL, very long), and training-request bodies (random JSON,
 * broken JSON, other content types). For every request: never a 5xx; a 400 names a
 * parameter that was sent (or the path id, or the body); known ids answer 200 and
 * unknown ones 404. During the fuzzing no promise rejection goes unhandled in this
 * process (the app runs in it), and afterwards the app answers known requests exactly
 * as before. Seeds are fixed, so every run sends the same requests.
 */
import http from "node:http"
import fc from "fast-check"
import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { seedAdminFixture } from "./admin-api-fixtures"
import {
  decodedSegment,
  expectedTrainOutcome,
  fieldsNamedIn,
  parsedQueryNames,
  pathId,
  queryString,
  trainRequest,
} from "./fuzz-arbitraries"
import { adminHeaders, APP_DIR, configureTestApp, obliterateQueue, REDIS_URL, uniqueQueuePrefix } from "./helpers"
import { createPublishableKey, createStoreCart, PUBLISHABLE_KEY_HEADER, signInCustomer } from "./store-api-setup"

const prefix = uniqueQueuePrefix("fuzz")
// server mode: a training request is queued for workers this process does not run, so no training starts
configureTestApp({ workerMode: "server", pluginOptions: { redisUrl: REDIS_URL, queuePrefix: prefix } })

const SEED = 20250611
const run = (numRuns: number) => ({ seed: SEED, numRuns, endOnFailure: true })

interface Answer {
  status: number
  text: string
  json: any
}

/** One raw HTTP request: the path goes on the wire exactly as given (no client-side encoding or normalising). */
function send(base: URL, method: string, path: string, headers: Record<string, string>, body?: string): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const bytes = body === undefined ? undefined : Buffer.from(body, "utf8")
    const lengthHeader: Record<string, string> = bytes ? { "content-length": String(bytes.length) } : {}
    const request = http.request({ host: base.hostname, port: base.port, method, path, headers: { ...headers, ...lengthHeader } }, (response) => {
      let text = ""
      response.setEncoding("utf8")
      response.on("data", (chunk) => (text += chunk))
      response.on("end", () => {
        let json: unknown
        try {
          json = JSON.parse(text)
        } catch {
          json = undefined
        }
        resolve({ status: response.statusCode ?? 0, text, json })
      })
    })
    request.on("error", reject)
    request.end(bytes)
  })
}

/** Fails with the request and the answer unless the status is one of `allowed` (431: a request line too long for Node). */
function expectStatus(answer: Answer, allowed: number[], request: string): void {
  if (answer.status >= 500 || ![...allowed, 431].includes(answer.status)) {
    throw new Error(`${request} answered ${answer.status} (expected ${allowed.join(", ")}): ${answer.text.slice(0, 400)}`)
  }
}

/** A 400 must be invalid_data and name only fields among `sent` (as `field`, or in Medusa's message). */
function expectNamesSentField(answer: Answer, sent: Set<string>, request: string): void {
  const data = answer.json ?? {}
  const named: string[] = typeof data.field === "string" ? [data.field] : fieldsNamedIn(String(data.message ?? ""))
  const ok = data.type === "invalid_data" && named.length > 0 && named.every((name) => sent.has(name))
  if (typeof data.field === "string" && !String(data.message).includes(data.field)) {
    throw new Error(`${request}: the message does not name its field: ${answer.text.slice(0, 400)}`)
  }
  if (!ok) throw new Error(`${request}: the 400 names ${JSON.stringify(named)}, sent ${JSON.stringify([...sent])}: ${answer.text.slice(0, 400)}`)
}

medusaIntegrationTestRunner({
  cwd: APP_DIR,
  testSuite: ({ api, getContainer, dbConnection }) => {
    let base: URL
    let admin: Record<string, string>
    let store: Record<string, string>
    let ids: { customers: string[]; products: string[]; shownProducts: string[]; cart: string }
    /** Known requests and their answers before any fuzzing. */
    let before: Array<{ path: string; headers: Record<string, string>; answer: Answer }>
    let unhandled: unknown[] = []
    const countUnhandled = (reason: unknown) => unhandled.push(reason)

    beforeAll(async () => {
      const container = getContainer()
      const f = await seedAdminFixture(container, (text, values) => dbConnection.raw(text, values))
      admin = (await adminHeaders(container)).headers
      const key = await createPublishableKey(container, "Shop storefront", [f.store.salesChannelIds.shop])
      const token = await signInCustomer(api, container, f.customerIds.ann, "ann@medusa-ml.test")
      const p = f.store.products
      const cart = await createStoreCart(api, key, f.store.regionIds.usd, [p.scarf.variantId, p.trousers.variantId])
      store = { [PUBLISHABLE_KEY_HEADER]: key, authorization: `Bearer ${token}` }
      ids = {
        customers: Object.values(f.customerIds),
        products: Object.values(p).map((product) => product.productId),
        // the Shop channel shows trousers and scarf; shirt is only in Web and hat is a draft
        shownProducts: [p.trousers.productId, p.scarf.productId],
        cart,
      }
      base = new URL(api.defaults.baseURL as string)
      const known: Array<[string, Record<string, string>]> = [
        ["/admin/ml/customers?segment=at_risk,lost&sort=clv&order=asc", admin],
        ["/admin/ml/customers/export?risk_band=high", admin],
        ["/admin/ml/models?limit=2", admin],
        [`/admin/ml/customers/${f.customerIds.ann}`, admin],
        [`/admin/ml/customers/${f.customerIds.ann}/recommendations`, admin],
        [`/admin/ml/products/${p.shirt.productId}/recommendations`, admin],
        ["/admin/ml/readiness", admin],
        [`/store/products/${p.trousers.productId}/recommendations?kind=similar&limit=5`, store],
        [`/store/carts/${cart}/recommendations`, store],
        ["/store/customers/me/recommendations?limit=3", store],
      ]
      before = []
      for (const [path, headers] of known) {
        const answer = await send(base, "GET", path, headers)
        expect([path, answer.status]).toEqual([path, 200])
        before.push({ path, headers, answer })
      }
    })

    beforeEach(() => {
      unhandled = []
      process.on("unhandledRejection", countUnhandled)
    })

    afterEach(async () => {
      process.off("unhandledRejection", countUnhandled)
      // then the app still answers as it did before the fuzzing, and nothing was left unhandled
      for (const { path, headers, answer } of before) {
        const now = await send(base, "GET", path, headers)
        expect([path, now.status, now.text]).toEqual([path, answer.status, answer.text])
      }
      expect(unhandled).toEqual([])
    })

    afterAll(async () => {
      await obliterateQueue(prefix)
    })

    it.each([
      ["/admin/ml/customers", ["segment", "risk_band", "min_clv", "sort", "order", "limit", "offset"]],
      ["/admin/ml/customers/export", ["segment", "risk_band", "min_clv", "sort", "order"]],
      ["/admin/ml/models", ["limit"]],
      ["/admin/ml/runs", ["limit"]],
    ])("GET %s: any query is answered 200 or 400 naming a parameter sent", async (path, known) => {
      await fc.assert(
        fc.asyncProperty(queryString(known), async (query) => {
          const request = `GET ${path}?${query}`
          const answer = await send(base, "GET", `${path}?${query}`, admin)
          expectStatus(answer, [200, 400], request)
          if (answer.status === 400) expectNamesSentField(answer, parsedQueryNames(query), request)
        }),
        run(80)
      )
    }, 150_000)

    // Malformed escapes ("%zz") are left out of admin path ids: Medusa's own "/admin*"
    // middleware decodes every admin path before any plugin middleware and answers 500,
    // on its core routes as on the plugin's; a plugin cannot change that.
    it.each([
      ["/admin/ml/customers/:id", (id: string) => `/admin/ml/customers/${id}`, "customers"],
      ["/admin/ml/customers/:id/recommendations", (id: string) => `/admin/ml/customers/${id}/recommendations`, "customers"],
      ["/admin/ml/products/:id/recommendations", (id: string) => `/admin/ml/products/${id}/recommendations`, "products"],
      ["/admin/ml/runs/:id", (id: string) => `/admin/ml/runs/${id}`, "runs"],
    ] as const)("GET %s: a known id is 200, any other 404, an id with NUL 400 naming it", async (_, route, kind) => {
      const known = kind === "runs" ? [] : ids[kind]
      await fc.assert(
        fc.asyncProperty(pathId(known.length > 0 ? known : ["mlrun_00000000000000000000000000"], { malformed: false }), queryString([]), async (id, query) => {
          const request = `GET ${route(id)}?${query}`
          const answer = await send(base, "GET", `${route(id)}?${query}`, admin)
          const decoded = decodedSegment(id) as string
          const expected = decoded.includes("\u0000") ? 400 : known.includes(decoded) ? 200 : 404
          expectStatus(answer, [expected], request)
          if (answer.status === 400) expectNamesSentField(answer, new Set(["id"]), request)
        }),
        run(50)
      )
    }, 150_000)

    it.each(["/admin/ml/readiness", "/admin/ml/status"])("GET %s: ignores any query and answers 200", async (path) => {
      await fc.assert(
        fc.asyncProperty(queryString([]), async (query) => {
          expectStatus(await send(base, "GET", `${path}?${query}`, admin), [200], `GET ${path}?${query}`)
        }),
        run(15)
      )
    }, 150_000)

    it("POST /admin/ml/train: starts once, then 409; any other body is a 400 naming the body or its fields", async () => {
      let started = 0
      await fc.assert(
        fc.asyncProperty(trainRequest, async (sent) => {
          const headers = { ...admin, ...(sent.contentType ? { "content-type": sent.contentType } : {}) }
          const request = `POST /admin/ml/train (${sent.contentType}) ${JSON.stringify(sent.body.slice(0, 200))}`
          const answer = await send(base, "POST", "/admin/ml/train", headers, sent.body)
          const expected = expectedTrainOutcome(sent)
          if (expected.kind === "accepted") {
            expectStatus(answer, [202, 409], request)
            if (answer.status === 202) started += 1
            return
          }
          expectStatus(answer, [400], request)
          if (expected.kind === "unknown-fields") expectNamesSentField(answer, expected.names, request)
          else if (expected.kind === "not-an-object") expectNamesSentField(answer, new Set(["body"]), request)
          else expect(answer.json?.type).toBe("invalid_data")
        }),
        run(80)
      )
      // no worker runs in this process: the first accepted request queued the run, every later one found it queued
      expect(started).toBe(1)
    }, 150_000)

    it.each([
      ["/store/products/:id/recommendations", (id: string) => `/store/products/${id}/recommendations`, ["kind", "limit"]],
      ["/store/carts/:id/recommendations", (id: string) => `/store/carts/${id}/recommendations`, ["limit"]],
      ["/store/customers/me/recommendations", () => "/store/customers/me/recommendations", ["limit"]],
    ] as const)("GET %s: 200 for what the key's channel shows, 404 otherwise, 400 naming the id or a parameter sent", async (name, route, known) => {
      const shown = name.startsWith("/store/products") ? ids.shownProducts : [ids.cart]
      const candidates = name.startsWith("/store/products") ? ids.products : [ids.cart]
      await fc.assert(
        fc.asyncProperty(pathId(candidates, { malformed: true }), queryString(known), async (id, query) => {
          const path = `${route(id)}?${query}`
          const request = `GET ${path}`
          const answer = await send(base, "GET", path, store)
          const hasId = !name.endsWith("/me/recommendations")
          const decoded = decodedSegment(id)
          if (hasId && (decoded === undefined || decoded.includes("\u0000"))) {
            // an id no record can have is refused before the query is read
            expectStatus(answer, [400], request)
            expectNamesSentField(answer, new Set(["id"]), request)
            return
          }
          expectStatus(answer, [200, 400, 404], request)
          if (answer.status === 400) expectNamesSentField(answer, parsedQueryNames(query), request)
          else if (hasId) expectStatus(answer, [shown.includes(decoded as string) ? 200 : 404], request)
        }),
        run(60)
      )
    }, 150_000)
  },
})
