import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import path from "node:path"
import { runCli } from "../../../bench/run-cli"
import type { OrderLine } from "../../../src/core/data"
import { simulateStore, writeOrdersCsv } from "../../../src/core/simulate"

jest.setTimeout(240_000)

const DAY_MS = 86_400_000
const csvOf = (lines: OrderLine[]) => {
  let csv = ""
  writeOrdersCsv(lines, (chunk) => (csv += chunk))
  return csv
}
const orderLine = (orderId: string, customerId: string, day: number, productId: string): OrderLine => ({
  orderId,
  customerId,
  orderedAt: Date.UTC(2025, 0, 1) + day * DAY_MS,
  productId,
  quantity: 1,
  unitPrice: 10,
})

/** Each output on its own: `train` builds whatever parts a store's data allows, and says why it skipped the others. */
describe("medusa-ml train on stores that allow only some parts", () => {
  let work: string
  beforeAll(() => {
    work = mkdtempSync(path.join(tmpdir(), "medusa-ml-ladder-"))
  })
  afterAll(() => rmSync(work, { recursive: true, force: true }))

  const train = async (name: string, csv: string, extra: string[] = []) => {
    const orders = path.join(work, `${name}.csv`)
    writeFileSync(orders, csv)
    const db = `sqlite:${path.join(work, `${name}.db`)}`
    const report = path.join(work, `${name}.json`)
    const run = await runCli(["train", "--orders", orders, "--format", "generic", "--db", db, "--report", report, "--trials", "3", ...extra])
    const exported = async (what: "predictions" | "recommendations") => {
      const out = path.join(work, `${name}-${what}.csv`)
      const result = await runCli(["export", what, "--db", db, "--out", out])
      return result.code === 0 ? readFileSync(out, "utf8").trim().split("\n").slice(1) : null
    }
    return { run, report: run.code === 0 ? JSON.parse(readFileSync(report, "utf8")) : null, exported }
  }

  it("a store with 45 days of orders: BG/NBD values, segments and lists stored; the classifiers skipped with the reason", async () => {
    const store = simulateStore({ customers: 1500, days: 45, seed: 5 })
    let csv = ""
    writeOrdersCsv(store.lines, (chunk) => (csv += chunk))
    const { run, report, exported } = await train("young", csv)
    expect(run.stderr).toBe("")
    expect(run.code).toBe(0)
    expect(run.stdout).toMatch(/skipped purchase propensity classifier: the store has 44 days of orders; a classifier needs 60; it appears once the store has about 60 days of orders \(until then the BG\/NBD model gives the probability\)/)
    expect(report.purchase).toBeNull()
    expect(report.ladder.purchase).toMatchObject({ rung: "bgnbd", windowDays: null })
    expect(report.skipped.map((s: { part: string }) => s.part)).toEqual(["purchase"])
    expect(report.bgnbd.r).toBeGreaterThan(0)
    const predictions = (await exported("predictions"))!
    expect(predictions.length).toBe(report.customersScored)
    expect(report.customersScored).toBe(new Set(store.lines.map((l) => l.customerId)).size)
    for (const row of predictions.slice(0, 50)) {
      const [, purchase, churn, pAlive, expectedOrders] = row.split(",").map(Number)
      // BG/NBD alone: P(at least one order in the horizon) = 1 - P(none); churn = P(none) with the churn window = horizon
      expect(purchase + churn).toBeCloseTo(1, 5)
      expect(purchase).toBeLessThanOrEqual(pAlive + 1e-9)
      expect(expectedOrders).toBeGreaterThanOrEqual(0)
    }
    expect((await exported("recommendations"))!.length).toBeGreaterThan(0)
    const models = await runCli(["models", "--db", `sqlite:${path.join(work, "young.db")}`])
    expect(models.stdout).toContain("purchase probability from the BG/NBD model alone")
  })

  it("a store with several products but no repeat buyer: lists built, values and classifiers skipped", async () => {
    // 80 customers of one order each, two products per order, over 160 days
    const lines = Array.from({ length: 80 }, (_, i) => [orderLine(`o${i}`, `c${i}`, 2 * i, `p${i % 7}`), orderLine(`o${i}`, `c${i}`, 2 * i, `p${(i + 3) % 7}`)]).flat()
    const { run, report, exported } = await train("no-repeat", csvOf(lines))
    expect(run.stderr).toBe("")
    expect(run.code).toBe(0)
    expect(run.stdout).toContain("skipped customer values and segments (BG/NBD, Gamma-Gamma, RFM): 0 customers with two or more orders (at least 20 needed)")
    expect(report.skipped.map((s: { part: string }) => s.part)).toEqual(["values", "purchase"])
    expect(await exported("predictions")).toBeNull()
    expect((await exported("recommendations"))!.length).toBeGreaterThan(0)
  })

  it("a store of one product with repeat buyers: values, segments and classifiers built, lists skipped", async () => {
    const store = simulateStore({ customers: 400, days: 300, seed: 9 })
    const lines = store.lines.map((l) => ({ ...l, productId: "only" }))
    let csv = ""
    writeOrdersCsv(lines, (chunk) => (csv += chunk))
    const { run, report, exported } = await train("one-product", csv)
    expect(run.stderr).toBe("")
    expect(run.code).toBe(0)
    expect(run.stdout).toContain("skipped recommendations: 1 products ordered (at least 2 needed)")
    expect(report.skipped.map((s: { part: string }) => s.part)).toEqual(["lists"])
    expect(report.ladder.purchase.rung).toBe("full")
    expect((await exported("predictions"))!.length).toBe(report.customersScored)
    expect(await exported("recommendations")).toBeNull()
  })

  it("exits 2 with one line when no part at all can be built", async () => {
    const { run } = await train("tiny", csvOf([orderLine("o1", "c1", 0, "p1"), orderLine("o2", "c2", 1, "p2")]))
    expect(run.code).toBe(2)
    expect(run.stderr.trim().split("\n")).toHaveLength(1)
    expect(run.stderr).toContain("not enough data")
  })
})
