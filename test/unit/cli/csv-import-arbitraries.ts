/**
 * Generic-format orders files with a known answer. Each data row is valid or carries one
 * or two defects; the expected outcome follows the reader's documented rules (generic.ts):
 * the first applicable drop reason in the documented order, ids and text trimmed, the
 * first data row's date deciding whether the file can be read at all. The text varies in
 * what a well-formed CSV may vary in: byte-order mark, "\n", "\r\n" or "\r", quoting,
 * quoted commas, quotes and line breaks, blank lines, column order, extra columns, and
 * now and then a very long field. Line numbers are counted on the text as written.
 */
import fc from "fast-check"
import type { DropReason, OrderLine } from "../../../src/core/data"

export const REQUIRED_COLUMNS = ["order_id", "customer_id", "ordered_at", "product_id", "quantity", "unit_price"] as const
const OPTIONAL_COLUMNS = ["title", "category", "country", "currency"] as const
const EXTRA_COLUMNS = ["notes", "Order Total"]

/** The documented order of the checks. */
const CHECK_ORDER: DropReason[] = [
  "column_count", "missing_customer", "missing_order", "missing_product", "bad_number", "return",
  "non_positive_quantity", "negative_price", "bad_date",
]

const LINE_BREAKS = /\r\n|\r|\n/g
export const lineBreaks = (text: string): number => (text.match(LINE_BREAKS) ?? []).length

/** A cell as written, and what it means when read. */
interface Cell {
  text: string
  date?: number
}

const pad2 = (n: number) => String(n).padStart(2, "0")

/** ISO 8601 dates and date-times, with or without zone, and the instant each one means. */
const validDate: fc.Arbitrary<Cell> = fc
  .record({
    y: fc.integer({ min: 1990, max: 2030 }),
    m: fc.integer({ min: 1, max: 12 }),
    d: fc.integer({ min: 1, max: 28 }),
    time: fc.option(
      fc.record({
        h: fc.integer({ min: 0, max: 23 }),
        mi: fc.integer({ min: 0, max: 59 }),
        s: fc.option(fc.record({ s: fc.integer({ min: 0, max: 59 }), fraction: fc.option(fc.stringMatching(/^\d{1,6}$/)) })),
        sep: fc.constantFrom("T", " ", "t"),
        zone: fc.option(fc.record({ sign: fc.constantFrom(1, -1), h: fc.integer({ min: 0, max: 14 }), m: fc.constantFrom(0, 30, 45), form: fc.constantFrom("hh", "hhmm", "hh:mm", "Z") })),
      }),
    ),
    padding: fc.constantFrom("", " "),
  })
  .map(({ y, m, d, time, padding }) => {
    let text = `${y}-${pad2(m)}-${pad2(d)}`
    let ms = 0
    let h = 0
    let mi = 0
    let s = 0
    let offset = 0
    if (time) {
      ;({ h, mi } = time)
      text += `${time.sep}${pad2(h)}:${pad2(mi)}`
      if (time.s) {
        s = time.s.s
        text += `:${pad2(s)}`
        if (time.s.fraction) {
          text += `.${time.s.fraction}`
          ms = Number(time.s.fraction.padEnd(3, "0").slice(0, 3))
        }
      }
      const z = time.zone
      if (z && z.form === "Z") text += "Z"
      else if (z) {
        const minutes = z.form === "hh" ? 0 : z.m
        offset = z.sign * (z.h * 60 + minutes)
        const sign = z.sign === 1 ? "+" : "-"
        text += z.form === "hh" ? `${sign}${pad2(z.h)}` : z.form === "hhmm" ? `${sign}${pad2(z.h)}${pad2(minutes)}` : `${sign}${pad2(z.h)}:${pad2(minutes)}`
      }
    }
    return { text: padding + text + padding, date: Date.UTC(y, m - 1, d, h, mi, s, ms) - offset * 60_000 }
  })

const BAD_DATES = ["2024-02-30", "2023-02-29", "2024-13-01", "24-01-01", "2024-1-1", "yesterday", "", "2024-01-01T25:00", "2024-01-01T10:60", "2024-01-01T10:00:00+24:00", "01/02/2024", "2024-01-01T10"]
const BAD_NUMBERS = ["", "abc", "1,5", "0x10", "1e400", "--1", "NaN", "Infinity", "1 2", "\u0661", "5%"]

const id: fc.Arbitrary<string> = fc
  .oneof(
    { weight: 6, arbitrary: fc.stringMatching(/^[A-Za-z0-9_-]{1,8}$/) },
    { weight: 2, arbitrary: fc.constantFrom("17850.0", "C536379", "a,b", 'say "hi"', "two\nlines", " padded ", "\u00e9t\u00e9", "😀") },
    { weight: 1, arbitrary: fc.string({ minLength: 1, maxLength: 6 }) },
  )
  .filter((text) => text.trim() !== "")
const blank = fc.constantFrom("", " ", "\t", "  ")
const quantity = fc.oneof(fc.integer({ min: 1, max: 500 }).map(String), fc.constantFrom("2.5", "2.", ".5", "1e2", "+3", " 4 ", "0.001"))
const price = fc.oneof(fc.integer({ min: 0, max: 100_000 }).map((n) => String(n / 100)), fc.constantFrom("0", "9.99", "1e3", ".5", " 12 "))
const text = fc.oneof(
  { weight: 4, arbitrary: fc.oneof(fc.constant(""), fc.string({ maxLength: 10 })) },
  { weight: 2, arbitrary: fc.constantFrom('RECORD FRAME 7" SINGLE', "A, B", "TWO\r\nLINES", "  spaced  ", "😀", "\u0000") },
  { weight: 1, arbitrary: fc.integer({ min: 20_000, max: 120_000 }).map((n) => "long ".repeat(n / 5)) },
)

/** What can be wrong with a row, one slot at a time (two defects never touch the same cell). */
const defect = fc.oneof(
  fc.constant({ slot: "columns", reason: "column_count" as const }),
  fc.constant({ slot: "customer_id", reason: "missing_customer" as const }),
  fc.constant({ slot: "order_id", reason: "missing_order" as const }),
  fc.constant({ slot: "product_id", reason: "missing_product" as const }),
  fc.constantFrom(
    { slot: "quantity", reason: "bad_number" as const },
    { slot: "quantity", reason: "return" as const },
    { slot: "quantity", reason: "non_positive_quantity" as const },
  ),
  fc.constantFrom({ slot: "unit_price", reason: "bad_number" as const }, { slot: "unit_price", reason: "negative_price" as const }),
  fc.constant({ slot: "ordered_at", reason: "bad_date" as const }),
)
type Defect = { slot: string; reason: DropReason }

function badCell(d: Defect): fc.Arbitrary<Cell> {
  const of = (values: string[]) => fc.constantFrom(...values).map((t) => ({ text: t }))
  switch (d.reason) {
    case "missing_customer":
    case "missing_order":
    case "missing_product":
      return blank.map((t) => ({ text: t }))
    case "bad_number":
      return of(BAD_NUMBERS)
    case "return":
      return of(["-1", "-2.5", "-1e2", " -3 "])
    case "non_positive_quantity":
      return of(["0", "0.0", "-0", "+0", "0e5"])
    case "negative_price":
      return of(["-0.01", "-5", "-1e1"])
    default:
      return of(BAD_DATES)
  }
}

export interface PlannedRow {
  /** The cells as the parser will give them (after a column_count defect). */
  cells: Cell[]
  /** Whether each cell is written quoted even when it need not be. */
  quoted: boolean[]
  outcome: OrderLine | DropReason
}

function plannedRow(header: readonly string[]): fc.Arbitrary<PlannedRow> {
  const defects = fc.oneof(
    { weight: 4, arbitrary: fc.constant([] as Defect[]) },
    { weight: 4, arbitrary: defect.map((d) => [d]) },
    { weight: 2, arbitrary: fc.uniqueArray(defect, { minLength: 2, maxLength: 2, selector: (d) => d.slot }) },
  )
  return defects.chain((found) => {
    const bySlot = new Map(found.map((d) => [d.slot, d]))
    const cellOf = (column: string): fc.Arbitrary<Cell> => {
      const bad = bySlot.get(column)
      if (bad) return badCell(bad)
      if (column === "ordered_at") return validDate
      if (column === "quantity") return quantity.map((t) => ({ text: t }))
      if (column === "unit_price") return price.map((t) => ({ text: t }))
      if ((REQUIRED_COLUMNS as readonly string[]).includes(column)) return id.map((t) => ({ text: t }))
      return text.map((t) => ({ text: t }))
    }
    const edit = bySlot.has("columns")
      ? fc.oneof(fc.nat({ max: header.length - 1 }).map((drop) => ({ drop })), text.map((extra) => ({ extra })))
      : fc.constant({})
    const quoted = fc.array(fc.boolean(), { minLength: header.length + 1, maxLength: header.length + 1 })
    return fc.tuple(fc.tuple(...header.map(cellOf)), edit, quoted).map(([cells, change, quotes]): PlannedRow => {
      const named = Object.fromEntries(header.map((column, i) => [column, cells[i]]))
      const written: Cell[] = [...cells]
      if ("drop" in change) written.splice(change.drop as number, 1)
      if ("extra" in change) written.push({ text: change.extra as string })
      const reasons = found.map((d) => d.reason).sort((a, b) => CHECK_ORDER.indexOf(a) - CHECK_ORDER.indexOf(b))
      return { cells: written, quoted: quotes, outcome: reasons[0] ?? orderLine(named) }
    })
  })
}

function orderLine(cells: Record<string, Cell>): OrderLine {
  const line: OrderLine = {
    orderId: cells.order_id.text.trim(),
    customerId: cells.customer_id.text.trim(),
    orderedAt: cells.ordered_at.date as number,
    productId: cells.product_id.text.trim(),
    quantity: Number(cells.quantity.text.trim()),
    unitPrice: Number(cells.unit_price.text.trim()),
  }
  for (const field of OPTIONAL_COLUMNS) {
    const value = cells[field]?.text.trim() ?? ""
    if (value !== "") line[field] = value
  }
  return line
}

/** A field as CSV: quoted (quotes doubled) when it must be, and now and then when it need not. */
function csvField(value: string, quoteAnyway: boolean): string {
  return quoteAnyway || /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value
}

export interface GenericCase {
  text: string
  header: string[]
  rows: Array<PlannedRow & { line: number }>
}

/** A whole file: header (all required columns, some optional and extra ones, in any order), rows and blank lines. */
export const genericCase: fc.Arbitrary<GenericCase> = fc
  .tuple(fc.subarray([...OPTIONAL_COLUMNS]), fc.subarray(EXTRA_COLUMNS))
  .chain(([optional, extra]) => fc.shuffledSubarray([...REQUIRED_COLUMNS, ...optional, ...extra], { minLength: 6 + optional.length + extra.length }))
  .chain((header) =>
    fc.record({
      header: fc.constant(header),
      headerPadding: fc.constantFrom("", " "),
      items: fc.array(fc.oneof({ weight: 8, arbitrary: plannedRow(header) }, { weight: 1, arbitrary: blank }), { maxLength: 14 }),
      bom: fc.boolean(),
      newline: fc.constantFrom("\n", "\r\n", "\r"),
      trailingNewline: fc.boolean(),
    }),
  )
  .map(({ header, headerPadding, items, bom, newline, trailingNewline }) => {
    const headerText = header.map((column) => csvField(headerPadding + column, false)).join(",")
    let text = (bom ? "\uFEFF" : "") + headerText
    let line = 1 + lineBreaks(headerText)
    const rows: GenericCase["rows"] = []
    for (const item of items) {
      text += newline
      line += 1
      const written = typeof item === "string" ? item : item.cells.map((cell, i) => csvField(cell.text, item.quoted[i])).join(",")
      if (typeof item !== "string") rows.push({ ...item, line })
      text += written
      line += lineBreaks(written)
    }
    return { text: text + (trailingNewline ? newline : ""), header, rows }
  })
