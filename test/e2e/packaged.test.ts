/**
 * The plugin as a merchant installs it: `npm pack` of the build, the tarball installed
 * into a fresh Medusa app made by the test (see harness/packed-app.ts for how its
 * other packages are provided), `medusa db:migrate`, `medusa build`, and `medusa
 * start` from .medusa/server with NODE_ENV=production. In headless Chromium, signed
 * in through a TLS-terminating proxy's header (production cookies are Secure), each
 * widget and the ML Insights page render and read the plugin's admin API; a store
 * route answers through the seeded publishable key. A file left out of `files`, an
 * export pointing nowhere or a runtime dependency declared only for development
 * fails here, where the repository's own tests would not see it. ML_PACKED_REPO_DIR
 * packs another built checkout instead of this one (e.g. a copy with a changed `files`).
 */
import { lstatSync, mkdtempSync, realpathSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import path from "node:path"
import type { Browser, Page } from "playwright-core"
import { launchChromium, signedInPage } from "./harness/admin-browser"
import { runChild } from "./harness/child-process"
import { bootPackedApp, type RunningPackedApp } from "./harness/packed-boot"

jest.setTimeout(120_000)

let workDir: string
let app: RunningPackedApp
let browser: Browser
let page: Page

beforeAll(async () => {
  workDir = mkdtempSync(path.join(tmpdir(), "medusa-ml-pack-"))
  app = await bootPackedApp(workDir, process.env.ML_PACKED_REPO_DIR || undefined)
  browser = await launchChromium()
  page = await signedInPage(browser, app.baseUrl, { "X-Forwarded-Proto": "https" })
}, 600_000)

afterAll(async () => {
  await browser?.close()
  await app?.stop()
  if (workDir) rmSync(workDir, { recursive: true, force: true })
  if (app) console.log(`packed install: ${app.app.pluginFiles} files from the tarball, ${app.app.packages} packages linked; timings (s): ${JSON.stringify(app.timings)}`)
})

describe("the packed plugin installed in a fresh app", () => {
  it("is the tarball's copy in the app's node_modules, not a link to the repository", () => {
    const installed = path.join(app.app.appDir, "node_modules/medusa-ml")
    expect(lstatSync(installed).isSymbolicLink()).toBe(false)
    expect(realpathSync(require.resolve("medusa-ml/package.json", { paths: [app.app.appDir] }))).toBe(realpathSync(path.join(installed, "package.json")))
    expect(app.app.pluginFiles).toBeGreaterThan(0)
  })

  it("has the medusa-ml command on the app's PATH, running the shipped compiled CLI", async () => {
    const help = await runChild(path.join(app.app.appDir, "node_modules/.bin/medusa-ml"), ["--help"], { cwd: app.app.appDir, env: process.env })
    for (const command of ["train", "recommend", "models", "worker"]) expect(help).toContain(command)
  })

  it("shows the customer list and customer details widgets, reading the plugin's admin API", async () => {
    await page.goto("/app/customers")
    await page.getByTestId("ml-at-risk-widget").waitFor()
    await page.goto(`/app/customers/${app.seeded.customerId}`)
    const widget = page.getByTestId("ml-customer-widget")
    await widget.getByTestId("ml-empty").waitFor()
    expect(await widget.getByTestId("ml-empty").innerText()).toContain("No model yet")
  })

  it("shows the product and order widgets", async () => {
    await page.goto(`/app/products/${app.seeded.productId}`)
    await page.getByTestId("ml-product-widget").getByTestId("ml-empty").waitFor()
    await page.goto(`/app/orders/${app.seeded.orderId}`)
    await page.getByTestId("ml-order-widget").waitFor()
  })

  it("shows the ML Insights page with the data check of the store", async () => {
    await page.goto("/app/ml-insights?tab=models")
    const insights = page.getByTestId("ml-insights-page")
    await insights.getByTestId("ml-readiness-table").waitFor()
    expect(await insights.getByTestId("ml-readiness-table").locator("tbody tr").count()).toBe(4)
    const status = await page.request.get("/admin/ml/status")
    expect(status.status()).toBe(200)
  })

  it("answers a store route through the publishable key, and refuses it without one", async () => {
    const url = `${app.baseUrl}/store/products/${app.seeded.productId}/recommendations?kind=similar`
    const answer = await fetch(url, { headers: { "x-publishable-api-key": app.seeded.publishableKey } })
    expect(answer.status).toBe(200)
    expect(await answer.json()).toMatchObject({ recommendations: [], model_version_id: null })
    expect((await fetch(url)).status).toBe(400)
  })
})
