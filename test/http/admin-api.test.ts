import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { parse } from "csv-parse/sync"
import {
  BACKDATED_ORDER_AT,
  CARDS,
  DATA_CUTOFF,
  expectedNames,
  expectedRow,
  seedAdminFixture,
  type AdminFixture,
  type ScoredName,
} from "./admin-api-fixtures"
import { adminHeaders, APP_DIR, configureTestApp } from "./helpers"

// no redisUrl: trainings run inline in the app's process
configureTestApp({ workerMode: "shared", pluginOptions: {} })

const DAY_MS = 86_400_000

medusaIntegrationTestRunner({
  cwd: APP_DIR,
  testSuite: ({ api, getContainer, dbConnection }) => {
    let f: AdminFixture
    let admin: { headers: Record<string, string>; validateStatus: () => boolean }
    const get = (url: string, params: Record<string, unknown> = {}) => api.get(url, { ...admin, params })

    beforeAll(async () => {
      f = await seedAdminFixture(getContainer(), (text, values) => dbConnection.raw(text, values))
      admin = { ...(await adminHeaders(getContainer())), validateStatus: () => true }
    })

    const row = (name: ScoredName) => expectedRow(f, name)
    const names = (rows: Array<{ customer_id: string }>) =>
      rows.map((r) => (Object.keys(f.scoredIds) as ScoredName[]).find((n) => f.scoredIds[n] === r.customer_id))

    it("answers 401 on every route without an admin", async () => {
      const routes: Array<["get" | "post", string]> = [
        ["get", "/admin/ml/customers"],
        ["get", `/admin/ml/customers/${f.customerIds.ann}`],
        ["get", "/admin/ml/customers/export"],
        ["get", `/admin/ml/products/${f.store.products.shirt.productId}/recommendations`],
        ["get", `/admin/ml/customers/${f.customerIds.ann}/recommendations`],
        ["get", "/admin/ml/models"],
        ["get", "/admin/ml/runs/mlrun_any"],
        ["get", "/admin/ml/runs"],
        ["get", "/admin/ml/readiness"],
        ["post", "/admin/ml/train"],
      ]
      const statuses = await Promise.all(routes.map(([method, url]) => api.request({ method, url, validateStatus: () => true })))
      expect(statuses.map((r, i) => [routes[i][1], r.status])).toEqual(routes.map(([, url]) => [url, 401]))
    })

    it("lists the champion's predictions by churn risk with each customer's email, name and reasons", async () => {
      const { status, data } = await get("/admin/ml/customers")
      expect(status).toBe(200)
      const order = expectedNames(f.scoredIds, {})
      expect(order.slice(0, 4)).toEqual(["gone", "ann", ...(f.scoredIds.dana < f.scoredIds.eli ? ["dana", "eli"] : ["eli", "dana"])])
      expect(data).toEqual({ customers: order.map(row), count: 8, limit: 20, offset: 0, model_version_id: f.versions.scores })
    })

    it.each<[string, Record<string, unknown>, Parameters<typeof expectedNames>[1]]>([
      ["two segments", { segment: "at_risk,cant_lose" }, { segments: ["at_risk", "cant_lose"] }],
      ["the high band (from 0.7)", { risk_band: "high" }, { bands: ["high"] }],
      ["the medium band (0.4 to under 0.7)", { risk_band: "medium" }, { bands: ["medium"] }],
      ["a minimum CLV, inclusive", { min_clv: 310 }, { minClv: 310 }],
      ["all three", { segment: "at_risk,cant_lose,lost", risk_band: "high", min_clv: 100 }, { segments: ["at_risk", "cant_lose", "lost"], bands: ["high"], minClv: 100 }],
    ])("filters by %s", async (_, params, filter) => {
      const { status, data } = await get("/admin/ml/customers", params)
      expect(status).toBe(200)
      const expected = expectedNames(f.scoredIds, filter)
      expect(expected.length).toBeGreaterThan(0)
      expect(expected.length).toBeLessThan(8)
      expect(names(data.customers)).toEqual(expected)
      expect(data.count).toBe(expected.length)
    })

    it("takes a repeated parameter as a list", async () => {
      const { data } = await api.get("/admin/ml/customers?risk_band=low&risk_band=medium", admin)
      expect(names(data.customers)).toEqual(expectedNames(f.scoredIds, { bands: ["low", "medium"] }))
    })

    it.each([
      ["clv", "asc"],
      ["clv", "desc"],
      ["purchase_probability", "desc"],
      ["churn_risk", "asc"],
    ] as const)("sorts by %s %s", async (sort, order) => {
      const { data } = await get("/admin/ml/customers", { sort, order })
      expect(names(data.customers)).toEqual(expectedNames(f.scoredIds, {}, sort, order))
    })

    it("pages with limit and offset, counting every match on each page", async () => {
      const pages = []
      for (const offset of [0, 3, 6, 9]) pages.push((await get("/admin/ml/customers", { sort: "clv", limit: 3, offset })).data)
      expect(pages.map((p) => [p.count, p.limit, p.offset])).toEqual([
        [8, 3, 0],
        [8, 3, 3],
        [8, 3, 6],
        [8, 3, 9],
      ])
      const all = expectedNames(f.scoredIds, {}, "clv", "desc")
      expect(pages.map((p) => names(p.customers))).toEqual([all.slice(0, 3), all.slice(3, 6), all.slice(6), []])
    })

    it("exports the filtered list as CSV, every row, the same rows and values as the list", async () => {
      const params = { risk_band: "high,medium", sort: "clv", order: "asc" }
      const list = (await get("/admin/ml/customers", { ...params, limit: 100 })).data.customers
      const response = await api.get("/admin/ml/customers/export", { ...admin, params, responseType: "text" })
      expect(response.status).toBe(200)
      expect(response.headers["content-type"]).toMatch(/^text\/csv/)
      expect(response.headers["content-disposition"]).toBe('attachment; filename="churn-list.csv"')
      const records: Array<Record<string, string>> = parse(response.data, { columns: true })
      expect(records.length).toBe(expectedNames(f.scoredIds, { bands: ["high", "medium"] }).length)
      expect(records.map((r) => r.customer_id)).toEqual(list.map((r: { customer_id: string }) => r.customer_id))
      const cell = (value: unknown) => (value === null ? "" : typeof value === "string" && /^[=+\-@]/.test(value) ? `'${value}` : String(value))
      records.forEach((record, i) => {
        const json = list[i]
        const { reasons, ...rest } = json
        expect(record).toEqual({
          ...Object.fromEntries(Object.entries(rest).map(([k, v]) => [k, cell(v)])),
          reasons: reasons.map((r: { text: string }) => r.text).join(" | "),
        })
      })
      // quoting and a formula-looking name, as a spreadsheet would read them
      expect(response.data).toContain(`,"'=SUM(1,2)","O""Hara, Jr.",`)
      const dana = records.find((r) => r.customer_id === f.customerIds.dana)
      expect([dana?.first_name, dana?.last_name]).toEqual(["'=SUM(1,2)", 'O"Hara, Jr.'])
      expect(Number(dana?.churn_risk)).toBe(0.7)
    })

    it("shows one customer's insight with the reasons and the segment", async () => {
      const { status, data } = await get(`/admin/ml/customers/${f.customerIds.ann}`)
      expect(status).toBe(200)
      const { customer_id, email, first_name, last_name, ...prediction } = row("ann")
      expect(data).toEqual({
        customer: { id: customer_id, email, first_name, last_name },
        status: "scored",
        prediction,
        segment: { id: "at_risk", label: "At risk", action: expect.any(String), description: expect.any(String) },
        // a hand-made version without a ladder in its metrics (stored before it): no rung to show
        model: { id: f.versions.scores, data_cutoff: DATA_CUTOFF.toISOString(), created_at: expect.any(String), ladder: null },
      })
      expect(data.prediction.reasons[0].text).toBe("ann: no order for 40 days; usually orders every 30")
    })

    it.each([
      ["cleo", "no_orders", /no orders that count: canceled and draft orders/],
      ["ivy", "no_orders", /no orders yet/],
      ["hal", "no_orders_before_cutoff", /first order \(\d{4}-\d\d-\d\d\) came after the current model's data cutoff \(2025-01-01\)/],
      ["jay", "not_in_model", /has orders before the current model's data cutoff/],
    ] as const)("says why %s is not scored yet (%s)", async (name, reason, message) => {
      const { status, data } = await get(`/admin/ml/customers/${f.customerIds[name]}`)
      expect(status).toBe(200)
      expect(data).toMatchObject({ customer: { id: f.customerIds[name], email: CARDS[name]?.email ?? `${name}@medusa-ml.test` }, status: "not_scored", reason })
      expect(data.message).toMatch(message)
      expect(data.model.id).toBe(f.versions.scores)
    })

    it("says there is no model yet, and lists nothing, before the first customer model", async () => {
      await dbConnection.raw("UPDATE ml_model_version SET status = 'challenger' WHERE task = 'customer-scores'")
      const insight = await get(`/admin/ml/customers/${f.customerIds.ann}`)
      expect(insight.data).toMatchObject({ status: "not_scored", reason: "no_model", model: null })
      const list = await get("/admin/ml/customers")
      expect(list.data).toEqual({ customers: [], count: 0, limit: 20, offset: 0, model_version_id: null })
    })

    it("shows a product's similar and bought-together lists with product data, leaving out deleted products", async () => {
      const p = f.store.products
      const { status, data } = await get(`/admin/ml/products/${p.shirt.productId}/recommendations`)
      expect(status).toBe(200)
      const card = (key: "shirt" | "trousers" | "scarf" | "hat", status = "published") => ({ id: p[key].productId, title: p[key].title, handle: key, thumbnail: null, status })
      expect(data).toEqual({
        product: card("shirt"),
        similar: [
          { rank: 1, score: 0.9, product: card("trousers") },
          { rank: 3, score: 0.7, product: card("hat", "draft") },
        ],
        bought_together: [{ rank: 1, score: 0.9, product: card("scarf") }],
        model_version_id: f.versions.lists,
      })
      const scarf = await get(`/admin/ml/products/${p.scarf.productId}/recommendations`)
      expect(scarf.data).toMatchObject({ similar: [], bought_together: [] })
    })

    it("shows the products stored for a customer in rank order with product data, leaving out deleted products", async () => {
      const p = f.store.products
      const card = (key: "trousers" | "scarf" | "hat", status = "published") => ({ id: p[key].productId, title: p[key].title, handle: key, thumbnail: null, status })
      const { status, data } = await get(`/admin/ml/customers/${f.customerIds.ann}/recommendations`)
      expect(status).toBe(200)
      expect(data).toEqual({
        recommendations: [
          { rank: 1, score: 0.9, product: card("hat", "draft") },
          { rank: 3, score: 0.7, product: card("trousers") },
        ],
        model_version_id: f.versions.lists,
      })
      const fay = await get(`/admin/ml/customers/${f.customerIds.fay}/recommendations`)
      expect(fay.data).toEqual({ recommendations: [], model_version_id: f.versions.lists })
    })

    it("lists no products for a customer before the first recommendations model", async () => {
      await dbConnection.raw("UPDATE ml_model_version SET status = 'challenger' WHERE id = ?", [f.versions.lists])
      const { status, data } = await get(`/admin/ml/customers/${f.customerIds.ann}/recommendations`)
      await dbConnection.raw("UPDATE ml_model_version SET status = 'champion' WHERE id = ?", [f.versions.lists])
      expect(status).toBe(200)
      expect(data).toEqual({ recommendations: [], model_version_id: null })
    })

    it("answers 404 for unknown ids", async () => {
      const responses = await Promise.all(
        [
          "/admin/ml/customers/cus_unknown",
          `/admin/ml/customers/${f.scoredIds.gone}`,
          "/admin/ml/products/prod_unknown/recommendations",
          "/admin/ml/runs/mlrun_unknown",
          "/admin/ml/customers/cus_unknown/recommendations",
        ].map((url) => get(url))
      )
      expect(responses.map((r) => r.status)).toEqual([404, 404, 404, 404, 404])
      expect(responses[0].data).toMatchObject({ type: "not_found", message: "Customer with id: cus_unknown was not found" })
      expect(responses[3].data.message).toBe("Training run with id: mlrun_unknown was not found")
      expect(responses[4].data).toMatchObject({ type: "not_found", message: "Customer with id: cus_unknown was not found" })
    })

    it.each([
      ["/admin/ml/customers", { limit: 0 }, "limit"],
      ["/admin/ml/customers", { limit: 101 }, "limit"],
      ["/admin/ml/customers", { limit: "many" }, "limit"],
      ["/admin/ml/customers", { offset: -1 }, "offset"],
      ["/admin/ml/customers", { sort: "email" }, "sort"],
      ["/admin/ml/customers", { order: "up" }, "order"],
      ["/admin/ml/customers", { risk_band: "severe" }, "risk_band"],
      ["/admin/ml/customers", { segment: "at_risk,vip" }, "segment"],
      ["/admin/ml/customers", { min_clv: "lots" }, "min_clv"],
      ["/admin/ml/customers", { colour: "red" }, "colour"],
      ["/admin/ml/customers/export", { risk_band: "severe" }, "risk_band"],
      ["/admin/ml/customers/export", { limit: 10 }, "limit"],
      ["/admin/ml/models", { limit: 0 }, "limit"],
    ])("answers 400 naming the field: %s %j", async (url, params, field) => {
      const { status, data } = await get(url, params)
      expect(status).toBe(400)
      expect(data.type).toBe("invalid_data")
      expect(data.message).toContain(`'${field}'`)
    })

    it("refuses a training request with a body it does not know", async () => {
      const { status, data } = await api.post("/admin/ml/train", { horizon: 30 }, admin)
      expect(status).toBe(400)
      expect(data.message).toContain("'horizon'")
    })

    it("lists model versions by task, newest first, with status, metrics and dates", async () => {
      const { status, data } = await get("/admin/ml/models")
      expect(status).toBe(200)
      const v = f.versions
      expect(data.tasks.map((t: { task: string; count: number; versions: Array<{ id: string; status: string }> }) => [t.task, t.count, t.versions.map((x) => [x.id, x.status])])).toEqual([
        ["customer-scores", 3, [[v.rejectedScores, "rejected"], [v.scores, "champion"], [v.oldScores, "challenger"]]],
        ["recommendations", 1, [[v.lists, "champion"]]],
      ])
      expect(data.tasks[0].versions[1]).toEqual({
        id: v.scores,
        task: "customer-scores",
        status: "champion",
        learner: "gradient-boosting",
        metrics: { prAuc: 0.7 },
        // a version stored without validation intervals
        confidence: { purchase: null, churn: null },
        hyperparameters: { hand: true },
        training_run_id: null,
        data_cutoff: DATA_CUTOFF.toISOString(),
        created_at: expect.any(String),
        promoted_at: expect.any(String),
      })
      const newest = await get("/admin/ml/models", { limit: 1 })
      expect(newest.data.tasks[0]).toMatchObject({ count: 3, versions: [{ id: v.rejectedScores }] })
    })

    it("reports readiness from a check made off the request: first 'checking', then figures against the thresholds, what is missing, currencies without a rate", async () => {
      // no check has run yet: the request does not read the orders, it asks for a check and says so
      const first = await get("/admin/ml/readiness")
      expect(first.status).toBe(200)
      expect(first.data).toEqual({ readiness: null, checking: true })
      const askedAt = Date.now()
      let data = first.data
      for (let i = 0; i < 300 && data.readiness === null; i++) {
        await new Promise((resolve) => setTimeout(resolve, 100))
        data = (await get("/admin/ml/readiness")).data
      }
      // the stored check, fresh: no new one is asked for
      expect(data.checking).toBe(false)
      expect(Date.parse(data.readiness.checked_at)).toBeGreaterThanOrEqual(askedAt - 1_000)
      expect(Date.parse(data.readiness.checked_at)).toBeLessThanOrEqual(Date.now())
      // ann and ben (two orders each), hal, jay; cleo's only order was canceled
      expect(data.readiness).toEqual({
        ready: false,
        checked_at: expect.any(String),
        as_of: new Date(Math.floor(f.lastOrderAt.getTime() / DAY_MS) * DAY_MS + DAY_MS).toISOString(),
        figures: {
          customers_with_orders: 4,
          repeat_customers: 2,
          history_days: Math.floor((f.lastOrderAt.getTime() - BACKDATED_ORDER_AT.getTime()) / DAY_MS),
          recent_orders: 5,
          unpriced_orders: 2,
        },
        thresholds: { min_customers_with_orders: 50, min_repeat_customers: 20, min_history_days: 60, min_recent_orders: 1 },
        recent_days: 30,
        missing: ["4 customers with orders (at least 50 needed)", "2 customers with two or more orders (at least 20 needed)"],
        // the plan the training follows: no part can be built, each says why
        plan: {
          recommendations: { ready: false, why: expect.stringContaining("4 customers with orders (at least 50 needed)") },
          values: { ready: false, why: "4 customers with orders (at least 50 needed); 2 customers with two or more orders (at least 20 needed)" },
          purchase: expect.objectContaining({ rung: "none", window_days: null, target_days: 90 }),
          churn: null,
        },
        currencies_without_rate: { eur: 1, gbp: 1 },
      })
    })

    it("starts a training (202), refuses a second while it runs (409), and shows the run to its end", async () => {
      const runOf = async (id: string) => (await get(`/admin/ml/runs/${id}`)).data.run
      const until = async (id: string, done: (run: { status: string; stage: string | null }) => boolean) => {
        for (let i = 0; i < 600; i++) {
          const run = await runOf(id)
          if (done(run)) return run
          await new Promise((resolve) => setTimeout(resolve, 100))
        }
        throw new Error(`run ${id} never reached the expected state: ${JSON.stringify(await runOf(id))}`)
      }
      const final = (run: { status: string }) => ["succeeded", "failed", "not_enough_data"].includes(run.status)

      // the training's read of the orders waits on this lock, so the run is surely still active below
      const lock = await dbConnection.transaction()
      let runId: string
      try {
        await lock.raw('LOCK TABLE "order" IN ACCESS EXCLUSIVE MODE')
        const started = await api.post("/admin/ml/train", undefined, admin)
        expect(started.status).toBe(202)
        runId = started.data.run_id
        expect(runId).toMatch(/^mlrun_/)
        const refused = await api.post("/admin/ml/train", {}, admin)
        expect(refused.status).toBe(409)
        expect(refused.data).toMatchObject({ type: "conflict", run_id: runId })
        const reading = await until(runId, (run) => run.status === "running")
        expect(reading).toMatchObject({ trigger: "admin", stage: "reading", progress: 0, finished_at: null })
      } finally {
        await lock.rollback()
      }

      const ended = await until(runId, final)
      const readiness = (await get("/admin/ml/readiness")).data.readiness
      expect(ended).toMatchObject({ id: runId, status: "not_enough_data", error: `not enough data: ${readiness.missing.join("; ")}` })
      // the training stored its own check of the orders it read: the readiness answer is that one
      expect(Date.parse(readiness.checked_at)).toBeGreaterThanOrEqual(Date.parse(ended.started_at))
      expect(Date.parse(ended.finished_at)).toBeGreaterThanOrEqual(Date.parse(ended.started_at))
      // one attempt, ended as the run did
      expect(ended.attempts).toEqual([{ attempt: 1, started_at: ended.started_at, ended_at: ended.finished_at, outcome: "not_enough_data", error: ended.error }])

      const again = await api.post("/admin/ml/train", {}, admin)
      expect(again.status).toBe(202)
      expect(again.data.run_id).not.toBe(runId)
      expect((await until(again.data.run_id, final)).status).toBe("not_enough_data")

      // both runs are listed, newest first, though neither wrote a version
      const { data: listed } = await get("/admin/ml/runs")
      const ours = listed.runs.filter((run: { id: string }) => [runId, again.data.run_id].includes(run.id))
      expect(ours.map((run: { id: string; status: string }) => [run.id, run.status])).toEqual([
        [again.data.run_id, "not_enough_data"],
        [runId, "not_enough_data"],
      ])
      expect(ours[1]).toMatchObject({ trigger: "admin", error: ended.error })
      expect(ours[1]).not.toHaveProperty("report")
      const newest = await get("/admin/ml/runs?limit=1")
      expect(newest.data.runs.map((run: { id: string }) => run.id)).toEqual([again.data.run_id])
      const refused = await get("/admin/ml/runs?limit=0")
      expect(refused.status).toBe(400)
    })
  },
})
