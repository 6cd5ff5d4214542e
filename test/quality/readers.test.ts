import { createReadStream, readFileSync } from "node:fs"
import { readOrders } from "../../src/core/data"
import { datasetFile } from "../../bench/datasets"


describe("online-retail reader on the UCI Online Retail file", () => {
  it("keeps the protocol's 396,337 lines, 4,334 customers, 18,402 invoices and 3,659 products", async () => {
    const file = datasetFile("online-retail/online_retail.csv")
    const started = performance.now()
    const { history, summary } = await readOrders(createReadStream(file), { format: "online-retail" })
    const seconds = (performance.now() - started) / 1000
    // Under jest's module sandbox the parser runs several times slower than in a plain node process.
    console.log(`read online_retail.csv (541,909 lines, 45 MB) in ${seconds.toFixed(2)} s`)

    expect(summary.linesRead).toBe(541_909)
    expect(summary.linesKept).toBe(396_337)
    expect(history.lines).toHaveLength(396_337)
    expect(summary.customers).toBe(4_334)
    expect(summary.orders).toBe(18_402)
    expect(summary.products).toBe(3_659)
    expect(summary.firstAt).toBe(Date.UTC(2010, 11, 1, 8, 26))
    expect(summary.lastAt).toBe(Date.UTC(2011, 11, 9, 12, 50))
    const droppedTotal = Object.values(summary.dropped).reduce((sum, rows) => sum + rows.count, 0)
    expect(droppedTotal).toBe(541_909 - 396_337)
    expect(summary.dropped.missing_customer.count).toBe(135_080)
    expect(summary.dropped.bad_date.count).toBe(0)
    expect(summary.dropped.column_count.count).toBe(0)
  }, 60_000)

  it("finds the 3,368 customers with a line before the 2011-09-10 cutoff", async () => {
    const file = datasetFile("online-retail/online_retail.csv")
    const asOf = Date.UTC(2011, 8, 10)
    const { history, summary } = await readOrders(createReadStream(file), { format: "online-retail", asOf })

    expect(summary.customers).toBe(3_368)
    expect(summary.linesKept + summary.afterAsOf).toBe(396_337)
    expect(history.lastAt).toBeLessThan(asOf)
  }, 60_000)
})

describe("cdnow reader on the CDNOW files", () => {
  it("gives every sample customer the papers' repeat purchases x = purchase days - 1 before 1997-10-01", async () => {
    const sampleFile = datasetFile("cdnow/CDNOW_sample.txt")
    const summaryFile = datasetFile("cdnow/cdnow_customers_summary_with_transactions.csv")
    const asOf = Date.UTC(1997, 9, 1)
    const { history, summary } = await readOrders(createReadStream(sampleFile), { format: "cdnow", asOf })
    expect(summary.linesRead).toBe(6_919)

    const purchaseDays = new Map<string, Set<number>>()
    for (const line of history.lines) {
      const days = purchaseDays.get(line.customerId) ?? new Set<number>()
      days.add(line.orderedAt)
      purchaseDays.set(line.customerId, days)
    }
    // The summary is keyed by sample_id (column 2 of the sample file); the reader by master_id.
    const masterIdOfSampleId = new Map<string, string>()
    for (const text of readFileSync(sampleFile, "utf8").split(/\r?\n/)) {
      const columns = text.trim().split(/\s+/)
      if (columns.length === 5) masterIdOfSampleId.set(String(Number(columns[1])), columns[0])
    }
    const [header, ...rows] = readFileSync(summaryFile, "utf8").trim().split(/\r?\n/)
    expect(header.split(",")).toEqual(["ID", "x", "t_x", "T", "zbar"])
    expect(rows).toHaveLength(2_357)

    const mismatches: string[] = []
    for (const row of rows) {
      const [id, x] = row.split(",")
      const masterId = masterIdOfSampleId.get(id)
      const days = masterId === undefined ? 0 : (purchaseDays.get(masterId)?.size ?? 0)
      if (days - 1 !== Number(x)) mismatches.push(`ID ${id}: ${days} purchase days, x = ${x}`)
    }
    expect(mismatches).toEqual([])
    expect(summary.customers).toBe(2_357)
  })

  it("reads the 4-column master file, skipping its header line", async () => {
    const file = datasetFile("cdnow/CDNOW_master.txt")
    const { summary } = await readOrders(createReadStream(file), { format: "cdnow" })

    expect(summary.linesRead).toBe(69_659)
    expect(summary.linesKept).toBe(69_659)
    expect(summary.customers).toBe(23_570)
    expect(summary.firstAt).toBe(Date.UTC(1997, 0, 1))
    expect(summary.lastAt).toBe(Date.UTC(1998, 5, 30))
  })
})
