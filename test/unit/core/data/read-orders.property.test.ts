import fc from "fast-check"
import { InvalidInputError } from "../../../../src/core/errors"
import { DROP_REASONS, ORDER_FORMATS, readOrders, type ReadOrdersOptions } from "../../../../src/core/data"
import { textStream } from "./text-stream"

/** Cells that break readers: quotes, separators and line breaks in odd places, random text. */
const garbageCell = fc.oneof(
  fc.constantFrom("", " ", '"', '""', 'a"b', '"x""y"', '"a,b"', '"two\nlines"', '"open', "\r", "\n", "\r\n", ","),
  fc.constantFrom("\uFEFF", "\u00e9", "\ud83d", "\u2028"),
  fc.string({ maxLength: 8 }),
  fc.string({ unit: "binary", maxLength: 6 }),
)

/** Mostly a valid value for the column, sometimes a plausible bad one, now and then garbage. */
function cell(valid: string[], bad: string[]): fc.Arbitrary<string> {
  return fc.oneof(
    { weight: 8, arbitrary: fc.constantFrom(...valid) },
    { weight: 2, arbitrary: fc.constantFrom(...bad) },
    { weight: 1, arbitrary: garbageCell },
  )
}

const ID = cell(["536365", "17850.0", "17850", "c1"], ["C536379", "A563185", ""])
const PRODUCT = cell(["85123A", "22041", "85099b", "sku-1"], ["POST", "DOT", ""])
const DATE = cell(
  ["2010-12-01 08:26:00", "2011-09-10", "2024-03-01T10:00:00+02:00", "2011-12-09T12:50Z"],
  ["2011-02-29", "x"],
)
const NUMBER = cell(["6", "1", "2.55", "1e3"], ["0", "-1", "six", ""])
const TEXT = cell(
  ["WHITE HEART", '"RECORD FRAME 7"" SINGLE SIZE"', '"A, B"', '"TWO\r\nLINES"', "United Kingdom"],
  [""],
)

const CELLS_OF_COLUMN: Record<string, fc.Arbitrary<string>> = {
  InvoiceNo: ID,
  StockCode: PRODUCT,
  Description: TEXT,
  Quantity: NUMBER,
  InvoiceDate: DATE,
  UnitPrice: NUMBER,
  CustomerID: ID,
  Country: TEXT,
  order_id: ID,
  customer_id: ID,
  ordered_at: DATE,
  product_id: PRODUCT,
  quantity: NUMBER,
  unit_price: NUMBER,
  title: TEXT,
  category: TEXT,
  country: TEXT,
  currency: cell(["EUR", "GBP"], [""]),
}
const ONLINE_RETAIL_COLUMNS = Object.keys(CELLS_OF_COLUMN).slice(0, 8)
const GENERIC_FIELDS = Object.keys(CELLS_OF_COLUMN).slice(8)

const lineBreak = fc.constantFrom("\n", "\r\n", "\r")

/** The header's columns in random order; now and then one of them is missing. */
function headerColumns(columns: string[]): fc.Arbitrary<string[]> {
  return fc.oneof(
    { weight: 6, arbitrary: fc.shuffledSubarray(columns, { minLength: columns.length, maxLength: columns.length }) },
    { weight: 1, arbitrary: fc.shuffledSubarray(columns, { minLength: columns.length - 1 }) },
  )
}

/** A CSV document: a header, then rows of cells for its columns (sometimes one cell too many) and garbage lines. */
function csvDocument(columns: string[], headerName: (column: string) => string): fc.Arbitrary<string> {
  return headerColumns(columns).chain((present) => {
    const cells = fc.tuple(...present.map((column) => CELLS_OF_COLUMN[column]))
    const extraCells = fc.oneof(
      { weight: 8, arbitrary: fc.constant([]) },
      { weight: 1, arbitrary: fc.tuple(garbageCell) },
    )
    const row = fc.tuple(cells, extraCells).map(([values, extra]) => [...values, ...extra].join(","))
    const line = fc.oneof({ weight: 8, arbitrary: row }, { weight: 1, arbitrary: garbageCell })
    return fc
      .tuple(fc.array(line, { maxLength: 25 }), lineBreak)
      .map(([rows, newline]) => [present.map(headerName).join(","), ...rows].join(newline))
  })
}

/** CDNOW text in one of its two layouts, columns separated by runs of spaces and tabs. */
const cdnowDocument = fc.boolean().chain((sample) => {
  const token = (values: fc.Arbitrary<string>): fc.Arbitrary<string> => values.map((value) => value.replace(/\s+/g, ""))
  const customer = token(cell(["00001", "00002", "00004"], [""]))
  const date = token(cell(["19970101", "19970315", "19971001"], ["19970230", "1997-01-01"]))
  const columns = sample
    ? [customer, token(cell(["0001", "0002"], [""])), date, token(NUMBER), token(NUMBER)]
    : [customer, date, token(NUMBER), token(NUMBER)]
  const gap = fc.constantFrom(" ", "  ", "\t", " \t ")
  const line = fc.tuple(fc.tuple(...columns), gap).map(([values, separator]) => ` ${values.join(separator)}`)
  const lines = fc.array(fc.oneof({ weight: 8, arbitrary: line }, { weight: 1, arbitrary: garbageCell }), {
    maxLength: 25,
  })
  return fc.tuple(lines, lineBreak).map(([texts, newline]) => texts.join(newline))
})

const asOf = fc.option(fc.integer({ min: Date.UTC(1996, 0, 1), max: Date.UTC(2025, 0, 1) }), { nil: undefined })

/** Generic files whose renamed columns are mapped, now and then with an unknown field or an absent column. */
const NO_MISTAKE: Record<string, string> = {}
const MISTAKES: Record<string, string>[] = [{ sku: "product_id" }, { title: "Name" }]
const mapMistake = fc.oneof(
  { weight: 8, arbitrary: fc.constant(NO_MISTAKE) },
  { weight: 1, arbitrary: fc.constantFrom(...MISTAKES) },
)
const genericCase = fc.tuple(fc.subarray(GENERIC_FIELDS), mapMistake).chain(([renamed, mistake]) => {
  const map: Record<string, string> = { ...mistake }
  for (const field of renamed) map[field] = `My ${field}`
  const headerName = (field: string): string => (renamed.includes(field) ? `My ${field}` : field)
  const options = asOf.map((at): ReadOrdersOptions => ({ format: "generic", map, asOf: at }))
  return fc.record({ text: csvDocument(GENERIC_FIELDS, headerName), options })
})

const onlineRetailCase = fc.record({
  text: csvDocument(ONLINE_RETAIL_COLUMNS, (column) => column),
  options: asOf.map((at): ReadOrdersOptions => ({ format: "online-retail", asOf: at })),
})

const cdnowCase = fc.record({
  text: cdnowDocument,
  options: asOf.map((at): ReadOrdersOptions => ({ format: "cdnow", asOf: at })),
})

const noiseCase = fc.record({
  text: fc.oneof(fc.string({ maxLength: 200 }), fc.string({ unit: "binary", maxLength: 200 })),
  options: fc.constantFrom(...ORDER_FORMATS).map((format): ReadOrdersOptions => ({ format })),
})

const cases = fc.oneof(
  { weight: 3, arbitrary: onlineRetailCase },
  { weight: 3, arbitrary: genericCase },
  { weight: 2, arbitrary: cdnowCase },
  { weight: 1, arbitrary: noiseCase },
)

describe("readOrders on arbitrary text", () => {
  it("resolves with a consistent history or rejects with InvalidInputError, and always finishes", async () => {
    await fc.assert(
      fc.asyncProperty(cases, fc.integer({ min: 1, max: 64 }), async ({ text, options }, chunkBytes) => {
        let outcome: Awaited<ReturnType<typeof readOrders>>
        try {
          outcome = await readOrders(textStream(text, chunkBytes), options)
        } catch (error) {
          if (error instanceof InvalidInputError) return
          throw error
        }
        const { history, summary } = outcome
        const dropped = DROP_REASONS.reduce((sum, reason) => sum + summary.dropped[reason].count, 0)
        expect(summary.linesKept + dropped + summary.afterAsOf).toBe(summary.linesRead)
        expect(history.lines).toHaveLength(summary.linesKept)
        for (let i = 1; i < history.lines.length; i += 1) {
          expect(history.lines[i].orderedAt).toBeGreaterThanOrEqual(history.lines[i - 1].orderedAt)
        }
        for (const line of history.lines) {
          expect(Number.isFinite(line.orderedAt)).toBe(true)
          expect(line.quantity).toBeGreaterThan(0)
          expect(line.unitPrice).toBeGreaterThanOrEqual(0)
          expect(line.productId === "" || line.customerId === "" || line.orderId === "").toBe(false)
          if (options.asOf !== undefined) expect(line.orderedAt).toBeLessThan(options.asOf)
        }
      }),
      { numRuns: 500, timeout: 2_000 },
    )
  }, 60_000)
})
