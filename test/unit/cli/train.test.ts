import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import path from "node:path"
import { runCli } from "../../../bench/run-cli"
import { simulateStore, writeOrdersCsv } from "../../../src/core/simulate"

/** The train and export commands end to end, in their own process, on a small simulated store. */
describe("medusa-ml train and export predictions", () => {
  let work: string
  let orders: string
  beforeAll(() => {
    work = mkdtempSync(path.join(tmpdir(), "medusa-ml-cli-"))
    orders = path.join(work, "orders.csv")
    const store = simulateStore({ customers: 600, days: 400, seed: 3 })
    let csv = ""
    writeOrdersCsv(store.lines, (chunk) => (csv += chunk))
    writeFileSync(orders, csv)
  })
  afterAll(() => rmSync(work, { recursive: true, force: true }))

  it("trains, stores every customer's predictions, and exports them as CSV", async () => {
    const db = `sqlite:${path.join(work, "ml.db")}`
    const report = path.join(work, "report.json")
    const train = await runCli(["train", "--orders", orders, "--format", "generic", "--db", db, "--report", report, "--trials", "6"])
    expect(train.stderr).toBe("")
    expect(train.code).toBe(0)
    expect(train.stdout).toContain("customers most at risk")
    const parsed = JSON.parse(readFileSync(report, "utf8"))
    expect(parsed.purchase.metrics.rocAuc).toBeGreaterThan(0.6)
    expect(parsed.bgnbd.timeUnit).toBe("week")
    const out = path.join(work, "predictions.csv")
    const exported = await runCli(["export", "predictions", "--db", db, "--out", out])
    expect(exported.code).toBe(0)
    const lines = readFileSync(out, "utf8").trim().split("\n")
    expect(lines[0]).toBe(
      "customer_id,purchase_probability,churn_risk,p_alive,expected_orders,expected_spend,predicted_clv,segment,reason_1,reason_2,reason_3"
    )
    expect(lines.length - 1).toBe(parsed.customersScored)
    const first = lines[1].split(",")
    expect(Number(first[1])).toBeGreaterThanOrEqual(0)
    expect(Number(first[1])).toBeLessThanOrEqual(1)
  }, 180_000)

  it("exports the stored lists and answers requests from them, reporting malformed rows", async () => {
    const db = `sqlite:${path.join(work, "ml.db")}`
    const lists = path.join(work, "lists.csv")
    const exported = await runCli(["export", "recommendations", "--db", db, "--out", lists])
    expect(exported.code).toBe(0)
    const rows = readFileSync(lists, "utf8").trim().split("\n")
    expect(rows[0]).toBe("source_type,source_id,rank,product_id,score")
    const sources = new Set(rows.slice(1).map((r) => r.split(",")[0]))
    expect(sources).toEqual(new Set(["similar", "bought_together", "customer", "customer_new", "popular"]))
    const [, someProduct] = rows.find((r) => r.startsWith("bought_together,"))?.split(",") ?? []
    const requests = path.join(work, "requests.csv")
    writeFileSync(requests, `request_id,customer_id,product_ids\r\nq1,,${someProduct}\r\nq2,cus_00001,\r\nbroken\r\nq3,,\r\n`)
    const out = path.join(work, "answers.csv")
    const run = await runCli(["recommend", "--db", db, "--requests", requests, "--out", out, "--limit", "5"])
    expect(run.code).toBe(0)
    expect(run.stderr).toBe(`medusa-ml: ${requests}:4: skipped: expected 3 fields, got 1\n`)
    const answers = readFileSync(out, "utf8").trim().split("\n").slice(1).map((r) => r.split(","))
    for (const id of ["q1", "q2", "q3"]) expect(answers.filter((a) => a[0] === id).map((a) => a[1])).toEqual(["1", "2", "3", "4", "5"])
    expect(answers.filter((a) => a[0] === "q1").map((a) => a[2])).not.toContain(someProduct)
  }, 60_000)

  it("lists the model versions, and refuses promote and rollback without a target", async () => {
    const db = `sqlite:${path.join(work, "ml.db")}`
    const models = await runCli(["models", "--db", db])
    expect(models.code).toBe(0)
    const lines = models.stdout.trim().split("\n")
    // one line per version, and under the customer model the rung its scores rest on
    expect(lines).toHaveLength(3)
    expect(lines).toContain("    purchase: trained on 1 year and 1 month of orders; validated on a 90-day window")
    expect(lines.some((l) => /customer-scores\s+champion/.test(l) && l.includes("PR-AUC"))).toBe(true)
    expect(lines.some((l) => /recommendations\s+champion/.test(l))).toBe(true)
    const promote = await runCli(["promote", "mlver_nope", "--db", db])
    expect(promote.code).toBe(2)
    expect(promote.stderr).toBe(`medusa-ml: promote: no model version mlver_nope in ${db}\n`)
    const rollback = await runCli(["rollback", "--db", db])
    expect(rollback.code).toBe(2)
    expect(rollback.stderr).toBe(`medusa-ml: rollback: no earlier champion of customer-scores in ${db}\n`)
  }, 60_000)

  it("runs the demo end to end on a small simulated store", async () => {
    const run = await runCli(["demo", "--customers", "400", "--days", "300", "--seed", "4"])
    expect(run.stderr).toBe("")
    expect(run.code).toBe(0)
    expect(run.stdout).toContain("simulated a store: 400 customers")
    expect(run.stdout).toContain("customers most at risk")
    expect(run.stdout).toMatch(/bought with ".+": .+/)
    expect(run.stdout).toMatch(/report: .+report\.json/)
  }, 120_000)

  it("simulates a store's orders as a generic CSV", async () => {
    const out = path.join(work, "simulated.csv")
    const run = await runCli(["simulate", "--out", out, "--customers", "200", "--days", "120", "--seed", "9"])
    expect(run.code).toBe(0)
    const rows = readFileSync(out, "utf8").trim().split("\n")
    expect(rows[0]).toBe("order_id,customer_id,ordered_at,product_id,quantity,unit_price,title,category,country,currency")
    expect(run.stdout).toContain(`wrote ${(rows.length - 1).toLocaleString("en")} order lines of 200 customers`)
  }, 60_000)

  it.each([
    [["train", "--orders", "/no/such/file.csv", "--format", "generic"], "--orders: no such file: /no/such/file.csv"],
    [["train", "--orders", "ORDERS", "--format", "excel"], '--format: expected one of online-retail, cdnow, generic, got "excel"'],
    [["train", "--orders", "ORDERS", "--format", "generic", "--as-of", "2025-02-30"], '--as-of: expected a date as YYYY-MM-DD, got "2025-02-30"'],
    [["train", "--orders", "ORDERS", "--format", "generic", "--horizon-days", "0"], '--horizon-days: expected a whole number from 7 to 730, got "0"'],
    [["train", "--orders", "ORDERS", "--format", "generic", "--db", "mysql://x"], '--db: expected postgres://… or sqlite:PATH, got "mysql://x"'],
    [["train", "--orders", "ORDERS", "--format", "generic", "--map", "nonsense"], '--map: expected column=field, got "nonsense"'],
    [["export", "predictions", "--db", "sqlite::memory:", "--out", "/dev/null"], "--db: no trained model in sqlite::memory:; run medusa-ml train first"],
    [["export", "predictions", "--db", "sqlite::memory:", "--out", "/no/such/folder/p.csv"], "--out: no such folder: /no/such/folder"],
    [["train", "--orders", "ORDERS", "--format", "generic", "--report", "/no/such/folder/r.json"], "--report: no such folder: /no/such/folder"],
    [["recommend", "--db", "sqlite::memory:", "--requests", "/tmp", "--out", "x.csv"], "--requests: no such file: /tmp"],
  ])("exits 2 with one line for %j", async (args, message) => {
    const run = await runCli(args.map((a) => (a === "ORDERS" ? orders : a)))
    expect(run.code).toBe(2)
    expect(run.stderr).toBe(`medusa-ml: ${message}\n`)
  }, 60_000)

  it("ends 'not enough data', listing what is missing, on a store too small to learn from", async () => {
    const file = path.join(work, "tiny.csv")
    writeFileSync(
      file,
      "order_id,customer_id,ordered_at,product_id,quantity,unit_price\n1,c1,2025-01-01,p1,1,5\n2,c1,2025-03-01,p2,1,5\n3,c2,2025-03-02,p1,2,5\n"
    )
    const db = `sqlite:${path.join(work, "tiny.db")}`
    const run = await runCli(["train", "--orders", file, "--format", "generic", "--db", db])
    expect(run.code).toBe(2)
    expect(run.stderr).toBe(
      "medusa-ml: not enough data: 2 customers with orders (at least 50 needed); 1 customers with two or more orders (at least 20 needed)\n"
    )
    const models = await runCli(["models", "--db", db])
    expect(models.stdout).toBe(`no model versions in ${db}\n`)
  }, 60_000)

  it("exits 2 naming a required column the file lacks", async () => {
    const file = path.join(work, "no-price.csv")
    writeFileSync(file, "order_id,customer_id,ordered_at,product_id,quantity\n1,c1,2025-01-01,p1,1\n")
    const run = await runCli(["train", "--orders", file, "--format", "generic"])
    expect(run.code).toBe(2)
    expect(run.stderr.trim().split("\n")).toHaveLength(1)
    expect(run.stderr).toContain("unit_price")
  }, 60_000)
})
