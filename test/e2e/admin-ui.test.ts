/**
 * The plugin's admin extensions in a real browser: Debian's chromium (playwright-core)
 * against a Medusa app started with `medusa start`, the admin built with the plugin's
 * extensions, on a seeded store. Before any training every panel says there is no
 * model yet; "Retrain now" trains one with a live progress bar; then the customer,
 * customer list, product and order widgets and the Insights tabs show what the admin
 * API stores; an API error shows a message. Screenshots go to docs/screenshots.
 */
import { readFileSync } from "node:fs"
import type { Browser, Page } from "playwright-core"
import { csvRecords } from "../../src/admin/lib/csv"
import { day, metric, percent, RISK_BAND_LABELS } from "../../src/admin/lib/format"
import { nextOrderOf } from "../../src/admin/lib/next-order"
import type { ChurnList, CustomerInsight, CustomerRecommendations, ModelRegistry, ProductRecommendations } from "../../src/admin/lib/types"
import { cellValues, churnRowIds, eventually, launchChromium, screenshot, signedInPage } from "./harness/admin-browser"
import { bootApp, type RunningApp } from "./harness/medusa-app"

jest.setTimeout(300_000)

let app: RunningApp
let browser: Browser
let page: Page
const timings: Record<string, number> = {}
let stepStart = Date.now()

/** An admin route read through the signed-in browser context (its login cookie). */
async function api<T>(path: string): Promise<T> {
  const response = await page.request.get(path)
  if (!response.ok()) throw new Error(`GET ${path}: ${response.status()} ${await response.text()}`)
  return (await response.json()) as T
}

const usd = (amount: number) => new Intl.NumberFormat("en-US", { style: "currency", currency: "USD" }).format(amount)
const isSorted = (values: number[], order: "asc" | "desc") => values.every((v, i) => i === 0 || (order === "desc" ? values[i - 1] >= v : values[i - 1] <= v))
const customerId = () => app.seeded.customerIds[0]
const productId = () => app.seeded.products[0].productId

beforeAll(async () => {
  app = await bootApp()
  Object.assign(timings, app.timings)
  browser = await launchChromium()
  page = await signedInPage(browser, app.baseUrl)
}, 540_000)

beforeEach(() => {
  stepStart = Date.now()
})

afterEach(() => {
  timings[expect.getState().currentTestName ?? "test"] = (Date.now() - stepStart) / 1000
})

afterAll(async () => {
  await browser?.close()
  await app?.stop()
  console.log(`e2e timings (s): ${JSON.stringify(timings, null, 1)}`)
})

describe("the admin extensions", () => {
  it("say there is no model yet before any training, with what the data check found", async () => {
    const insight = await api<CustomerInsight>(`/admin/ml/customers/${customerId()}`)
    expect(insight).toMatchObject({ status: "not_scored", reason: "no_model" })
    await page.goto(`/app/customers/${customerId()}`)
    const widget = page.getByTestId("ml-customer-widget")
    await widget.getByTestId("ml-empty").waitFor()
    expect(await widget.getByTestId("ml-empty").innerText()).toContain("No model yet")
    expect(await widget.getByTestId("ml-not-scored-message").innerText()).toBe(insight.status === "not_scored" ? insight.message : "")
    // the seeded store passes every readiness threshold: the note says so instead of listing what is missing
    await widget.getByTestId("ml-readiness-ready").waitFor()
    await screenshot(widget, "customer-widget-no-model")

    await page.goto(`/app/products/${productId()}`)
    const product = page.getByTestId("ml-product-widget")
    await product.getByTestId("ml-empty").waitFor()
    expect(await product.getByTestId("ml-empty").innerText()).toContain("No model yet")

    await page.goto("/app/ml-insights?tab=models")
    const models = page.getByTestId("ml-insights-page")
    await models.getByTestId("ml-empty").waitFor()
    await models.getByTestId("ml-readiness-table").waitFor()
    expect(await models.getByTestId("ml-readiness-table").locator("tbody tr").count()).toBe(4)
  })

  it("trains from Models → Retrain now, the progress bar following the run to done", async () => {
    await page.goto("/app/ml-insights?tab=models")
    await page.getByTestId("ml-retrain-button").click()
    const bar = page.getByTestId("ml-retrain-progress")
    const status = page.getByTestId("ml-retrain-status")
    const seen: number[] = []
    let shotInProgress = false
    await eventually(
      "the training to end",
      async () => {
        // the status first: once it says the run ended, the bar read next is the final one
        const ended = (await status.count()) > 0 ? await status.getAttribute("data-status") : null
        if (ended && ended !== "succeeded") throw new Error(`the training ended ${ended}: ${await status.innerText()}`)
        if (await bar.count()) {
          const value = Number(await bar.getAttribute("aria-valuenow"))
          if (seen[seen.length - 1] !== value) seen.push(value)
          if (!shotInProgress && !ended && value > 0 && value < 100) {
            shotInProgress = true
            await screenshot(page.getByTestId("ml-retrain-panel"), "insights-retrain-progress")
          }
        }
        return ended === "succeeded"
      },
      240_000,
      200
    )
    // the bar moved through the run's stages before it reached the end
    expect(seen.some((v) => v > 0 && v < 100)).toBe(true)
    expect(seen[seen.length - 1]).toBe(100)
    expect(await status.innerText()).toContain("Done")

    // the run is listed among the recent runs, as the API lists them
    const { runs } = await api<{ runs: Array<{ id: string; status: string }> }>("/admin/ml/runs?limit=10")
    expect(runs[0].status).toBe("succeeded")
    await eventually("the recent runs to list the run", async () =>
      JSON.stringify(await page.getByTestId("ml-run-row").evaluateAll((rows) => rows.map((r) => r.getAttribute("data-run-id")))) ===
      JSON.stringify(runs.map((r) => r.id))
    )
    expect(await page.getByTestId("ml-run-status").first().innerText()).toBe("succeeded")

    const registry = await api<ModelRegistry>("/admin/ml/models")
    const scores = registry.tasks.find((t) => t.task === "customer-scores")!
    const champion = scores.versions.find((v) => v.status === "champion")!
    const row = page.locator(`[data-testid="ml-metrics-purchase"] [data-version-id="${champion.id}"]`)
    await row.waitFor()
    const purchase = champion.metrics.purchase as Record<string, unknown>
    for (const name of ["accuracy", "precision", "recall", "f1", "rocAuc", "prAuc"]) {
      expect(await row.locator(`[data-metric="${name}"]`).innerText()).toBe(metric(purchase[name]))
    }
    await page.getByTestId("ml-calibration-chart").first().waitFor()
    await page.getByTestId("ml-feature-importance").first().waitFor()
    // the training stores the validation ROC curve's points, from (0, 0) to (1, 1); the chart draws every one
    const rocCurve = purchase.rocCurve as Array<{ fpr: number; tpr: number }>
    expect(rocCurve.length).toBeGreaterThanOrEqual(2)
    expect([rocCurve[0], rocCurve[rocCurve.length - 1]]).toEqual([
      { fpr: 0, tpr: 0 },
      { fpr: 1, tpr: 1 },
    ])
    const rocLine = page.locator('[data-testid="ml-charts-purchase"] [data-testid="ml-roc-chart"] polyline')
    await rocLine.waitFor()
    expect(((await rocLine.getAttribute("points")) ?? "").trim().split(/\s+/)).toHaveLength(rocCurve.length + 2)
    expect(await page.getByTestId("ml-roc-missing").count()).toBe(0)
    await page.getByTestId("ml-task-recommendations").waitFor()
    expect(await page.getByTestId("ml-history-row").count()).toBe(registry.tasks.reduce((n, t) => n + t.versions.length, 0))
  })

  it("shows the customer's stored predictions on the customer page", async () => {
    const insight = await api<CustomerInsight>(`/admin/ml/customers/${customerId()}`)
    if (insight.status !== "scored") throw new Error(`customer not scored: ${insight.message}`)
    const p = insight.prediction
    await page.goto(`/app/customers/${customerId()}`)
    const widget = page.getByTestId("ml-customer-widget")
    const risk = widget.getByTestId("ml-churn-risk")
    await risk.waitFor()
    expect(Number(await risk.getAttribute("data-value"))).toBe(p.churn_risk)
    expect(await risk.getByTestId("ml-risk-badge").innerText()).toBe(`${RISK_BAND_LABELS[p.risk_band]} · ${percent(p.churn_risk)}`)
    // the BG/NBD view beside churn risk: the chance the customer is gone for good
    expect(Number(await widget.getByTestId("ml-gone-for-good").getAttribute("data-value"))).toBeCloseTo(1 - p.p_alive, 12)
    expect(await widget.getByTestId("ml-gone-for-good").innerText()).toContain(percent(1 - p.p_alive))
    expect(Number(await widget.getByTestId("ml-purchase-probability").getAttribute("data-value"))).toBe(p.purchase_probability)
    expect(await widget.getByTestId("ml-purchase-probability").innerText()).toContain(percent(p.purchase_probability))
    expect(Number(await widget.getByTestId("ml-clv").getAttribute("data-value"))).toBe(p.predicted_clv)
    // the currency and the 30-day windows come from the model's training report
    await eventually("the model's currency and windows", async () => (await widget.getByTestId("ml-clv").innerText()).includes(usd(p.predicted_clv)))
    expect(await widget.getByTestId("ml-purchase-probability").innerText()).toContain("in the next 30 days")
    expect(Number(await widget.getByTestId("ml-expected-orders").getAttribute("data-value"))).toBe(p.expected_orders)
    // the next order: scored_at + 30 days / expected orders, or none expected within the 30 days
    const next = nextOrderOf(p.scored_at, p.expected_orders, 30)
    expect(await widget.getByTestId("ml-next-order").innerText()).toBe(
      next.kind === "around" ? `around ${day(next.date)}` : next.kind === "not_expected" ? "not expected within 30 days" : "–"
    )
    expect(next.kind).not.toBe("unknown")
    expect(await widget.getByTestId("ml-segment").innerText()).toContain(insight.segment!.label)
    expect(await widget.getByTestId("ml-segment").innerText()).toContain(insight.segment!.action)
    expect(await widget.getByTestId("ml-reason-text").allInnerTexts()).toEqual(p.reasons.map((r) => r.text))
    expect(await widget.getByTestId("ml-reasons").locator("li").allInnerTexts()).toEqual(
      p.reasons.map((r) => expect.stringContaining(r.contribution > 0 ? "raises risk" : "lowers risk"))
    )
    expect(await widget.getByTestId("ml-scored-at").innerText()).toContain(p.model_version_id)
    // the products the recommendations model stored for this customer, in rank order
    const picks = await api<CustomerRecommendations>(`/admin/ml/customers/${customerId()}/recommendations`)
    expect(picks.recommendations.length).toBeGreaterThan(0)
    const list = widget.getByTestId("ml-customer-recommendations")
    await list.waitFor()
    expect(await widget.getByText("Recommended for this customer").count()).toBe(1)
    expect(await list.locator("a").allInnerTexts()).toEqual(picks.recommendations.map((r) => r.product.title))
    // a thumbnail for each product that has one, a placeholder for the others
    expect(await list.locator("img").evaluateAll((imgs) => imgs.map((i) => i.getAttribute("src")))).toEqual(
      picks.recommendations.flatMap((r) => (r.product.thumbnail ? [r.product.thumbnail] : []))
    )
    await screenshot(widget, "customer-widget")
  })

  it("sorts and pages the churn list, and exports it as CSV with the list's filters and order", async () => {
    await page.goto("/app/ml-insights")
    await page.getByTestId("ml-churn-table").waitFor()
    const byRisk = await api<ChurnList>("/admin/ml/customers?limit=20")
    expect(await churnRowIds(page)).toEqual(byRisk.customers.map((c) => c.customer_id))
    expect(isSorted(await cellValues(page, "ml-cell-churn-risk"), "desc")).toBe(true)
    await screenshot(page, "insights-churn")

    const showsPage = async (path: string) => {
      const expected = (await api<ChurnList>(path)).customers.map((c) => c.customer_id)
      await eventually(`the table to show ${path}`, async () => JSON.stringify(await churnRowIds(page)) === JSON.stringify(expected))
    }
    await page.getByTestId("ml-sort-value_at_risk").click()
    await showsPage("/admin/ml/customers?limit=20&sort=value_at_risk&order=desc")
    expect(isSorted(await cellValues(page, "ml-cell-value-at-risk"), "desc")).toBe(true)
    await page.getByTestId("ml-sort-clv").click()
    await showsPage("/admin/ml/customers?limit=20&sort=clv&order=desc")
    expect(isSorted(await cellValues(page, "ml-cell-clv"), "desc")).toBe(true)
    await page.getByTestId("ml-sort-clv").click()
    await showsPage("/admin/ml/customers?limit=20&sort=clv&order=asc")
    expect(isSorted(await cellValues(page, "ml-cell-clv"), "asc")).toBe(true)
    expect(new URL(page.url()).searchParams.get("order")).toBe("asc")
    await page.getByRole("button", { name: "Next" }).click()
    await showsPage("/admin/ml/customers?limit=20&offset=20&sort=clv&order=asc")

    await page.getByTestId("ml-filter-risk-band").click()
    await page.getByRole("option", { name: "High" }).click()
    await showsPage("/admin/ml/customers?limit=20&sort=clv&order=asc&risk_band=high")
    const high = await api<ChurnList>("/admin/ml/customers?limit=100&sort=clv&order=asc&risk_band=high")
    expect(high.count).toBeGreaterThan(0)

    const [download] = await Promise.all([page.waitForEvent("download"), page.getByTestId("ml-export-csv").click()])
    const csv = readFileSync((await download.path())!, "utf8")
    const records = csvRecords(csv)
    expect(csv.split(/\r?\n/)[0].split(",")).toEqual(expect.arrayContaining(["customer_id", "email", "segment", "risk_band", "churn_risk", "predicted_clv", "reasons"]))
    expect(records).toHaveLength(high.count)
    expect(records.every((r) => r.risk_band === "high")).toBe(true)
    expect(isSorted(records.map((r) => Number(r.predicted_clv)), "asc")).toBe(true)
    expect(records.slice(0, high.customers.length).map((r) => r.customer_id)).toEqual(high.customers.map((c) => c.customer_id))
    const first = high.customers[0]
    expect(records[0]).toMatchObject({ email: first.email, segment: first.segment, churn_risk: String(first.churn_risk), predicted_clv: String(first.predicted_clv) })
  })

  it("sums customers and value per segment, with the action of each", async () => {
    await page.goto("/app/ml-insights?tab=segments")
    await page.getByTestId("ml-segments-table").waitFor()
    const all = await api<ChurnList>("/admin/ml/customers?limit=1")
    const counts = (await page.getByTestId("ml-segment-customers").allInnerTexts()).map((t) => parseInt(t, 10))
    expect(counts.reduce((a, b) => a + b, 0)).toBe(all.count)
    const segments = await page.getByTestId("ml-segment-row").evaluateAll((rows) => rows.map((r) => r.getAttribute("data-segment")))
    for (const segment of segments) {
      const inSegment = await api<ChurnList>(`/admin/ml/customers?limit=1&segment=${segment}`)
      expect(counts[segments.indexOf(segment)]).toBe(inSegment.count)
    }
    await screenshot(page, "insights-segments")
  })

  it("lists the customers with the most value at risk above the customer list", async () => {
    const every: ChurnList["customers"] = []
    for (let offset = 0, count = 1; offset < count; offset += 100) {
      const page = await api<ChurnList>(`/admin/ml/customers?limit=100&offset=${offset}`)
      every.push(...page.customers)
      count = page.count
    }
    // worked out here from every scored customer: churn risk x CLV, highest first, ties by id
    const expected = [...every]
      .sort((a, b) => b.churn_risk * b.predicted_clv - a.churn_risk * a.predicted_clv || (a.customer_id < b.customer_id ? -1 : 1))
      .slice(0, 5)
      .map((c) => c.customer_id)
    await page.goto("/app/customers")
    const widget = page.getByTestId("ml-at-risk-widget")
    await widget.getByTestId("ml-at-risk-table").waitFor()
    const links = await widget.getByTestId("ml-at-risk-row").locator("a").evaluateAll((as) => as.map((a) => a.getAttribute("href") ?? ""))
    expect(links.map((href) => href.split("/").pop())).toEqual(expected)
    await screenshot(widget, "customer-list-widget")
    await widget.getByText("Open the churn list").click()
    await page.getByTestId("ml-churn-table").waitFor()
  })

  it("shows a product's bought-together and similar lists with their scores", async () => {
    const recs = await api<ProductRecommendations>(`/admin/ml/products/${productId()}/recommendations`)
    expect(recs.bought_together.length + recs.similar.length).toBeGreaterThan(0)
    await page.goto(`/app/products/${productId()}`)
    const widget = page.getByTestId("ml-product-widget")
    for (const [testId, list] of [["ml-bought-together", recs.bought_together], ["ml-similar", recs.similar]] as const) {
      if (list.length === 0) {
        await widget.getByTestId(`${testId}-empty`).waitFor()
        continue
      }
      const items = widget.getByTestId(testId).getByTestId("ml-recommendation")
      await items.first().waitFor()
      expect(await items.locator("a").allInnerTexts()).toEqual(list.map((r) => r.product.title))
      expect(await widget.getByTestId(testId).getByTestId("ml-recommendation-score").allInnerTexts()).toEqual(list.map((r) => r.score.toFixed(3)))
      expect(await items.locator("img").count()).toBe(list.filter((r) => r.product.thumbnail).length)
    }
    await screenshot(widget, "product-widget")
  })

  it("shows the order's customer's churn risk and segment beside the order", async () => {
    const insight = await api<CustomerInsight>(`/admin/ml/customers/${customerId()}`)
    if (insight.status !== "scored") throw new Error("customer not scored")
    const { orders } = await api<{ orders: { id: string }[] }>(`/admin/orders?customer_id=${customerId()}&limit=1&fields=id`)
    await page.goto(`/app/orders/${orders[0].id}`)
    const widget = page.getByTestId("ml-order-widget")
    await widget.getByTestId("ml-risk-badge").waitFor()
    expect(await widget.getByTestId("ml-risk-badge").innerText()).toBe(`${RISK_BAND_LABELS[insight.prediction.risk_band]} · ${percent(insight.prediction.churn_risk)}`)
    expect(await widget.getByTestId("ml-order-segment").innerText()).toContain(insight.segment!.label)
    await screenshot(widget, "order-widget")
  })

  it("shows a message when the API fails or cannot be reached, and recovers on retry", async () => {
    await page.route("**/admin/ml/customers/*", (route) =>
      route.fulfill({ status: 500, contentType: "application/json", body: JSON.stringify({ type: "unknown_error", message: "The prediction store is unavailable" }) })
    )
    await page.goto(`/app/customers/${customerId()}`)
    const widget = page.getByTestId("ml-customer-widget")
    await widget.getByTestId("ml-error").waitFor()
    const message = await widget.getByTestId("ml-error").innerText()
    expect(message).toContain("The prediction store is unavailable")
    expect(message).toContain("HTTP 500")
    await screenshot(widget, "customer-widget-error")
    await page.unroute("**/admin/ml/customers/*")
    await widget.getByRole("button", { name: "Try again" }).click()
    await widget.getByTestId("ml-churn-risk").waitFor()

    await page.route("**/admin/ml/products/*/recommendations", (route) => route.abort("connectionrefused"))
    await page.goto(`/app/products/${productId()}`)
    const product = page.getByTestId("ml-product-widget")
    await product.getByTestId("ml-error").waitFor()
    expect(await product.getByTestId("ml-error").innerText()).toContain("could not be reached")
    await page.unroute("**/admin/ml/products/*/recommendations")
  })

  it("retrains again and lists each task's new version beside the champion, with the outcome", async () => {
    await page.goto("/app/ml-insights?tab=models")
    await page.getByTestId("ml-task-customer-scores").waitFor()
    await page.getByTestId("ml-retrain-button").click()
    const status = page.getByTestId("ml-retrain-status")
    await eventually(
      "the second training to end",
      async () => {
        const ended = (await status.count()) > 0 ? await status.getAttribute("data-status") : null
        if (ended && ended !== "succeeded") throw new Error(`the training ended ${ended}: ${await status.innerText()}`)
        return ended === "succeeded"
      },
      240_000,
      500
    )
    const registry = await api<ModelRegistry>("/admin/ml/models")
    for (const { task, versions } of registry.tasks) {
      expect(versions).toHaveLength(2)
      expect(versions.filter((v) => v.status === "champion")).toHaveLength(1)
      const section = page.getByTestId(`ml-task-${task}`)
      const shown = () => section.getByTestId("ml-version-status").allInnerTexts()
      await eventually(`both ${task} versions to be listed`, async () => (await shown()).length === 2)
      // champion first, then the other version with its own outcome
      expect(await shown()).toEqual([...versions].sort((a, b) => Number(b.status === "champion") - Number(a.status === "champion")).map((v) => v.status))
    }
    expect(await page.getByTestId("ml-history-row").count()).toBe(4)
    const { status: ml } = await api<{ status: { counts: { predictions: number; recommendations: number } } }>("/admin/ml/status")
    expect(await page.getByTestId("ml-system-status").innerText()).toContain(
      `${ml.counts.predictions} customer predictions and ${ml.counts.recommendations} recommendation entries stored`
    )
    await page.getByTestId("ml-readiness-table").waitFor()
    await screenshot(page, "insights-models")
  })
})
