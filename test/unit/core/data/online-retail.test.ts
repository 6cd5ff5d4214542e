import { InvalidInputError } from "../../../../src/core/errors"
import { DROP_REASONS, readOrders, type DropReason, type ReadSummary } from "../../../../src/core/data"
import { endlessStream, textStream } from "./text-stream"

const HEADER = "InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country"

/** One row per drop reason (the reason in the comment), between three kept rows; file lines 2-13. */
const ROWS = [
  "536365,85123A,WHITE HANGING HEART T-LIGHT HOLDER,6,2010-12-01 08:26:00,2.55,17850.0,United Kingdom", // kept
  '536477,22041,"RECORD FRAME 7"" SINGLE SIZE",48,2010-12-01 12:27:00,2.1,16210,United Kingdom', // kept
  '536544,90214D,"LETTER ""D"" BLING KEY RING",1,2010-12-01 14:32:00,0.85,,United Kingdom', // missing_customer
  "C536379,D,Discount,-1,2010-12-01 09:41:00,27.5,14527,United Kingdom", // cancellation
  "536380,22961,JAM MAKING SET PRINTED,-24,2010-12-01 09:41:00,1.45,14527,United Kingdom", // non_positive_quantity
  "536381,22139,RETROSPOT TEA SET,1,2010-12-01 09:41:00,0,14527,United Kingdom", // non_positive_price
  "536382,POST,POSTAGE,1,2010-12-01 09:45:00,18,12583,France", // non_product_code
  "536383,22632,HAND WARMER RED POLKA DOT,6,2010-13-01 09:45:00,1.85,12583,France", // bad_date
  "536384,22633,HAND WARMER UNION JACK,six,2010-12-01 09:45:00,1.85,12583,France", // bad_number
  "536385,22634,CHILDS BREAKFAST SET,1,2010-12-01 09:45:00,9.95,12583", // column_count
  ",22635,MUG,1,2010-12-01 09:45:00,1,12583,France", // missing_order
  "536386,85099b,JUMBO BAG,2,2010-12-01 07:00:00,1.95,13047,United Kingdom", // kept
]

function onlyDropped(summary: ReadSummary): Partial<Record<DropReason, number[]>> {
  const dropped: Partial<Record<DropReason, number[]>> = {}
  for (const reason of DROP_REASONS) {
    if (summary.dropped[reason].count > 0) dropped[reason] = summary.dropped[reason].firstLines
  }
  return dropped
}

describe("readOrders, online-retail format", () => {
  it("keeps the protocol's lines and drops each other row with its reason and line number", async () => {
    const text = [HEADER, ...ROWS].join("\n") + "\n"
    const { history, summary } = await readOrders(textStream(text), { format: "online-retail" })

    expect(onlyDropped(summary)).toEqual({
      missing_customer: [4],
      cancellation: [5],
      non_positive_quantity: [6],
      non_positive_price: [7],
      non_product_code: [8],
      bad_date: [9],
      bad_number: [10],
      column_count: [11],
      missing_order: [12],
    })
    expect(summary).toMatchObject({ linesRead: 12, linesKept: 3, afterAsOf: 0, customers: 3, orders: 3, products: 3 })
    expect(history.lines).toEqual([
      {
        orderId: "536386",
        customerId: "13047",
        orderedAt: Date.UTC(2010, 11, 1, 7, 0),
        productId: "85099B",
        quantity: 2,
        unitPrice: 1.95,
        title: "JUMBO BAG",
        country: "United Kingdom",
      },
      {
        orderId: "536365",
        customerId: "17850",
        orderedAt: Date.UTC(2010, 11, 1, 8, 26),
        productId: "85123A",
        quantity: 6,
        unitPrice: 2.55,
        title: "WHITE HANGING HEART T-LIGHT HOLDER",
        country: "United Kingdom",
      },
      {
        orderId: "536477",
        customerId: "16210",
        orderedAt: Date.UTC(2010, 11, 1, 12, 27),
        productId: "22041",
        quantity: 48,
        unitPrice: 2.1,
        title: 'RECORD FRAME 7" SINGLE SIZE',
        country: "United Kingdom",
      },
    ])
    expect(summary.firstAt).toBe(Date.UTC(2010, 11, 1, 7, 0))
    expect(summary.lastAt).toBe(Date.UTC(2010, 11, 1, 12, 27))
    expect(history.products.get("22041")).toEqual({ id: "22041", title: 'RECORD FRAME 7" SINGLE SIZE' })
  })

  it("gives a row with several faults the first reason in the documented order", async () => {
    const text = [
      HEADER,
      ROWS[0], // kept: the first data row's date is checked before anything else
      "C536379,POST,POSTAGE,-1,not a date,0,,France", // every fault: missing_customer
      "C536379,POST,POSTAGE,-1,not a date,0,12583,France", // cancellation
      "536380,POST,POSTAGE,x,not a date,0,12583,France", // bad_number
      "536380,POST,POSTAGE,-1,not a date,0,12583,France", // non_positive_quantity
      "536380,POST,POSTAGE,1,not a date,0,12583,France", // non_positive_price
      "536380,POST,POSTAGE,1,not a date,1,12583,France", // non_product_code
    ].join("\n")
    const { summary } = await readOrders(textStream(text), { format: "online-retail" })

    expect(onlyDropped(summary)).toEqual({
      missing_customer: [3],
      cancellation: [4],
      bad_number: [5],
      non_positive_quantity: [6],
      non_positive_price: [7],
      non_product_code: [8],
    })
  })

  it("reads \\r\\n line endings, a trailing blank line and a byte-order mark the same way", async () => {
    const unix = await readOrders(textStream([HEADER, ...ROWS].join("\n")), { format: "online-retail" })
    const windows = await readOrders(textStream("\uFEFF" + [HEADER, ...ROWS].join("\r\n") + "\r\n\r\n"), {
      format: "online-retail",
    })
    expect(windows).toEqual(unix)
  })

  it("numbers lines from the start of a row that spans lines inside quotes", async () => {
    for (const newline of ["\n", "\r\n"]) {
      const text = [
        HEADER,
        `536365,85123A,"TWO${newline}LINE TITLE",6,2010-12-01 08:26:00,2.55,17850,United Kingdom`,
        "",
        "C536379,D,Discount,-1,2010-12-01 09:41:00,27.5,14527,United Kingdom",
        "536380,22961,JAM,-24,2010-12-01 09:41:00,1.45,14527,United Kingdom",
      ].join(newline)
      const { history, summary } = await readOrders(textStream(text), { format: "online-retail" })
      expect(history.lines[0].title).toBe(`TWO${newline}LINE TITLE`)
      expect(summary.dropped.cancellation.firstLines).toEqual([5])
      expect(summary.dropped.non_positive_quantity.firstLines).toEqual([6])
    }
  })

  it("counts every dropped row but lists only the first five line numbers", async () => {
    const cancellations = Array.from(
      { length: 7 },
      (_, i) => `C53637${i},22961,JAM,-1,2010-12-01 09:41:00,1.45,14527,United Kingdom`,
    )
    const text = [HEADER, ROWS[0], ...cancellations].join("\n")
    const { summary } = await readOrders(textStream(text), { format: "online-retail" })

    expect(summary.dropped.cancellation).toEqual({ count: 7, firstLines: [3, 4, 5, 6, 7] })
    expect(summary.linesRead).toBe(8)
  })

  it("keeps only lines strictly before asOf and counts the rest", async () => {
    const text = [HEADER, ...ROWS].join("\n")
    const asOf = Date.UTC(2010, 11, 1, 12, 27)
    const { history, summary } = await readOrders(textStream(text), { format: "online-retail", asOf })

    expect(history.lines.map((l) => l.orderId)).toEqual(["536386", "536365"])
    expect(summary.afterAsOf).toBe(1)
    expect(summary.linesKept).toBe(2)
    expect(summary.customers).toBe(2)
    const droppedCount = Object.values(summary.dropped).reduce((sum, rows) => sum + rows.count, 0)
    expect(summary.linesKept + summary.afterAsOf + droppedCount).toBe(summary.linesRead)
  })

  it("reports progress in bytes read, ending at the input's size", async () => {
    const text = [HEADER, ...ROWS].join("\n")
    const reports: number[] = []
    await readOrders(textStream(text, 100), { format: "online-retail", onProgress: (bytes) => reports.push(bytes) })

    expect(reports.length).toBe(Math.ceil(Buffer.byteLength(text) / 100))
    expect(reports[reports.length - 1]).toBe(Buffer.byteLength(text))
    expect(reports).toEqual(reports.slice().sort((a, b) => a - b))
  })

  it("stops before reading further when a column is missing, naming it and the format", async () => {
    const header = HEADER.replace(",CustomerID", "")
    const reading = readOrders(endlessStream(header, "1,2,3,4,5,6,7"), { format: "online-retail" })

    await expect(reading).rejects.toThrow(InvalidInputError)
    await expect(reading).rejects.toThrow(/online-retail.*"CustomerID"/)
  })

  it("stops when the first data row's date does not parse, naming the column, line and value", async () => {
    const row = "536365,85123A,HEART,6,12/1/2010 8:26,2.55,17850,United Kingdom"
    const reading = readOrders(endlessStream(HEADER, row), { format: "online-retail" })

    await expect(reading).rejects.toThrow(InvalidInputError)
    await expect(reading).rejects.toThrow('column "InvoiceDate" on line 2 is unreadable: "12/1/2010 8:26"')
  })

  it("checks the first data row's date even when that row would be dropped", async () => {
    const text = [HEADER, "536544,90214D,KEY RING,1,not a date,0.85,,United Kingdom", ROWS[0]].join("\n")
    await expect(readOrders(textStream(text), { format: "online-retail" })).rejects.toThrow(/"InvoiceDate" on line 2/)
  })

  it("rejects empty input and a quote that is never closed", async () => {
    await expect(readOrders(textStream(""), { format: "online-retail" })).rejects.toThrow(
      /online-retail input is empty/,
    )
    const unclosed = [HEADER, ROWS[0], '536366,22633,"HAND WARMER,6,2010-12-01 08:28:00,1.85,17850,UK'].join("\n")
    const reading = readOrders(textStream(unclosed), { format: "online-retail" })
    await expect(reading).rejects.toThrow(InvalidInputError)
    await expect(reading).rejects.toThrow(/Quote Not Closed/)
  })
})
