/**
 * Debian's chromium driven by playwright-core (no browser download): a signed-in
 * admin page, screenshots under docs/screenshots, and small waits on the page.
 */
import { mkdirSync } from "node:fs"
import path from "node:path"
import { chromium, type Browser, type Locator, type Page } from "playwright-core"
import { REPO_ROOT } from "./app-files"
import { ADMIN_EMAIL, ADMIN_PASSWORD } from "./medusa-app"

export const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium"
export const SCREENSHOTS_DIR = path.join(REPO_ROOT, "docs/screenshots")

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: ["--no-sandbox"] })
}

/**
 * A new page of the admin, signed in through its login form. `headers` go with every
 * request (e.g. the X-Forwarded-Proto of a TLS-terminating proxy in front of a
 * production server, whose session cookie is Secure).
 */
export async function signedInPage(browser: Browser, baseUrl: string, headers?: Record<string, string>): Promise<Page> {
  // en-US: the amounts the test reads back are formatted in the browser's locale
  const context = await browser.newContext({
    baseURL: baseUrl,
    viewport: { width: 1440, height: 1400 },
    locale: "en-US",
    acceptDownloads: true,
    extraHTTPHeaders: headers,
  })
  const page = await context.newPage()
  page.setDefaultTimeout(30_000)
  await page.goto("/app/login")
  await page.fill("input[name=email]", ADMIN_EMAIL)
  await page.fill("input[name=password]", ADMIN_PASSWORD)
  await page.click("button[type=submit]")
  await page.waitForURL((url) => !url.pathname.includes("/login"), { timeout: 60_000 })
  return page
}

/** Writes docs/screenshots/<name>.png of an element, or of the whole page. */
export async function screenshot(target: Page | Locator, name: string): Promise<void> {
  mkdirSync(SCREENSHOTS_DIR, { recursive: true })
  const file = path.join(SCREENSHOTS_DIR, `${name}.png`)
  if ("goto" in target) await fullHeight(target, () => target.screenshot({ path: file }))
  else {
    await target.scrollIntoViewIfNeeded()
    await target.screenshot({ path: file })
  }
}

/**
 * The dashboard scrolls its main column, not the document, so a "full page" shot
 * stops at the window: the window is made as tall as the tallest scrolling content.
 */
async function fullHeight(page: Page, shoot: () => Promise<unknown>): Promise<void> {
  const viewport = page.viewportSize() ?? { width: 1440, height: 1400 }
  const height = await page.evaluate(() => Math.max(...Array.from(document.querySelectorAll("*"), (e) => e.scrollHeight)))
  await page.setViewportSize({ width: viewport.width, height: Math.min(Math.max(height + 40, viewport.height), 5000) })
  try {
    await page.waitForTimeout(300)
    await shoot()
  } finally {
    await page.setViewportSize(viewport)
  }
}

/** The `data-value` numbers of the cells matching `testId`, top to bottom. */
export async function cellValues(page: Page, testId: string): Promise<number[]> {
  return page.getByTestId(testId).evaluateAll((cells) => cells.map((c) => Number(c.getAttribute("data-value"))))
}

/** The customer ids of the churn table's rows, top to bottom. */
export async function churnRowIds(page: Page): Promise<string[]> {
  return page.getByTestId("ml-churn-row").evaluateAll((rows) => rows.map((r) => r.getAttribute("data-customer-id") ?? ""))
}

/** Polls `check` until it returns true; fails naming `what` after `timeoutMs`. */
export async function eventually(what: string, check: () => Promise<boolean>, timeoutMs = 30_000, everyMs = 250): Promise<void> {
  const deadline = Date.now() + timeoutMs
  let last: unknown
  for (;;) {
    try {
      if (await check()) return
    } catch (error) {
      last = error
    }
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${last ? `: ${String(last)}` : ""}`)
    await new Promise((resolve) => setTimeout(resolve, everyMs))
  }
}
