/**
 * Fuzzing of the orders import that `medusa-ml train --orders` runs:
 *   - a generic file mixing valid rows with bad ones (missing ids, bad numbers, returns,
 *     bad dates, missing or extra cells), in any well-formed CSV spelling, reads as
 *     exactly its valid rows, each bad row counted under the documented reason with its
 *     line; a first row whose date cannot be read stops the read, naming column and line;
 *   - any input at all (random bytes, mangled files) in any format either reads or fails
 *     with the project's InvalidInputError, whose one-line message says where (a line,
 *     a missing column, or an empty file), never another error;
 *   - through the real command: a malformed file makes `train` exit 2 with exactly one
 *     line on stderr naming the file and where.
 * Seeds are fixed, so every run reads the same files.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import path from "node:path"
import { Readable } from "node:stream"
import fc from "fast-check"
import { runCli } from "../../../bench/run-cli"
import { DROP_REASONS, ORDER_FORMATS, readOrders, type DropReason, type OrderFormat, type OrderLine } from "../../../src/core/data"
import { InvalidInputError } from "../../../src/core/errors"
import { genericCase, lineBreaks, REQUIRED_COLUMNS } from "./csv-import-arbitraries"

const SEED = 424242

/** The bytes in chunks of `size` (all at once when undefined), as a file stream delivers them. */
function chunked(bytes: Buffer, size: number | undefined): Readable {
  const step = size ?? Math.max(bytes.length, 1)
  const chunks: Buffer[] = []
  for (let start = 0; start < bytes.length; start += step) chunks.push(bytes.subarray(start, start + step))
  return Readable.from(chunks)
}

/** A chunk size: small ones cut fields, quotes, line breaks and UTF-8 sequences apart. */
const chunkSize = fc.option(fc.oneof(fc.integer({ min: 1, max: 64 }), fc.constant(4096)), { nil: undefined })

const byTimeThenOrder = (a: OrderLine, b: OrderLine) => a.orderedAt - b.orderedAt || (a.orderId === b.orderId ? 0 : a.orderId < b.orderId ? -1 : 1)

describe("reading a generic orders file with valid and bad rows", () => {
  it("gives exactly the valid rows, sorted, and counts each bad row under its documented reason and line", async () => {
    const asOf = fc.option(fc.integer({ min: Date.UTC(1990, 0, 1), max: Date.UTC(2031, 0, 1) }), { nil: undefined })
    await fc.assert(
      fc.asyncProperty(genericCase, asOf, chunkSize, async (file, cutoff, size) => {
        const bytes = Buffer.from(file.text, "utf8")
        const reading = readOrders(chunked(bytes, size && bytes.length > 20_000 ? Math.max(size, 4096) : size), { format: "generic", asOf: cutoff })
        const dateAt = file.header.indexOf("ordered_at")
        const first = file.rows[0]
        if (first !== undefined && first.cells[dateAt]?.date === undefined) {
          const error = await reading.then(() => undefined, (e: unknown) => e)
          expect(error).toBeInstanceOf(InvalidInputError)
          expect((error as InvalidInputError).field).toBe("ordered_at")
          expect((error as Error).message).toContain(`column "ordered_at" on line ${first.line} is unreadable: ${JSON.stringify(first.cells[dateAt]?.text ?? "")}`)
          return
        }
        const { history, summary } = await reading
        const kept: OrderLine[] = []
        const dropped = new Map<DropReason, number[]>()
        let afterAsOf = 0
        for (const row of file.rows) {
          if (typeof row.outcome === "string") dropped.set(row.outcome, [...(dropped.get(row.outcome) ?? []), row.line])
          else if (cutoff !== undefined && row.outcome.orderedAt >= cutoff) afterAsOf += 1
          else kept.push(row.outcome)
        }
        kept.sort(byTimeThenOrder)
        expect(history.lines).toEqual(kept)
        expect(summary.linesRead).toBe(file.rows.length)
        expect(summary.afterAsOf).toBe(afterAsOf)
        for (const reason of DROP_REASONS) {
          const lines = dropped.get(reason) ?? []
          expect([reason, summary.dropped[reason]]).toEqual([reason, { count: lines.length, firstLines: lines.slice(0, 5) }])
        }
        expect(summary.customers).toBe(new Set(kept.map((l) => l.customerId)).size)
        expect(summary.orders).toBe(new Set(kept.map((l) => `${l.customerId}\u0000${l.orderId}`)).size)
        expect([...history.products.keys()].sort()).toEqual([...new Set(kept.map((l) => l.productId))].sort())
      }),
      { seed: SEED, numRuns: 300 },
    )
  }, 90_000)
})

/** Edits that break a file: a stray quote, separator, line break, NUL or BOM; a cut; a lost range. */
const mangle = fc.array(
  fc.tuple(fc.nat(), fc.oneof(fc.constantFrom('"', ",", "\r", "\n", "\u0000", "\uFEFF", '""', '"\n'), fc.constant(null), fc.constant("cut"))),
  { minLength: 1, maxLength: 4 },
)

function applyEdits(text: string, edits: Array<[number, string | null]>): string {
  let out = text
  for (const [at, edit] of edits) {
    const i = out.length === 0 ? 0 : at % (out.length + 1)
    if (edit === "cut") out = out.slice(0, i)
    else if (edit === null) out = out.slice(0, i) + out.slice(i + 1 + (at % 7))
    else out = out.slice(0, i) + edit + out.slice(i)
  }
  return out
}

const ONLINE_RETAIL_HEADER = "InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country"
const anyInput: fc.Arbitrary<Buffer> = fc.oneof(
  fc.uint8Array({ maxLength: 400 }).map((bytes) => Buffer.from(bytes)),
  fc.tuple(genericCase, mangle).map(([file, edits]) => Buffer.from(applyEdits(file.text, edits), "utf8")),
  // a quote opened somewhere in the rows, perhaps never closed
  fc.tuple(genericCase, fc.nat()).map(([file, at]) => {
    const start = file.text.search(/[\r\n]/) + 1 || file.text.length
    const i = start + (at % (file.text.length - start + 1))
    return Buffer.from(`${file.text.slice(0, i)}"${file.text.slice(i)}`, "utf8")
  }),
  fc.tuple(genericCase, mangle).map(([file, edits]) => Buffer.from(applyEdits(file.text.replace(/^[^\r\n]*/, ONLINE_RETAIL_HEADER), edits), "utf8")),
  fc.tuple(fc.array(fc.constantFrom(" 00001", "19970101", "19971301", "1", "2.5", "-3", "x", " ", "\t", "\n", "\r\n"), { maxLength: 40 }), mangle).map(([tokens, edits]) => Buffer.from(applyEdits(tokens.join(" "), edits), "utf8")),
)

/** The required columns of each format: the only columns a header error may name. */
const HEADER_COLUMNS: Record<OrderFormat, readonly string[]> = {
  generic: REQUIRED_COLUMNS,
  "online-retail": ONLINE_RETAIL_HEADER.split(","),
  cdnow: [],
}

/** Fails unless the error is the project's input error with one line saying where. */
function expectInputErrorSayingWhere(error: unknown, format: OrderFormat, text: string): void {
  if (!(error instanceof InvalidInputError)) throw error
  const message = error.message
  expect(message).not.toMatch(/[\r\n]/)
  const line = /\bline (\d+)\b/.exec(message)
  const column = /required column "([^"]*)" is missing from the header/.exec(message)
  if (line) {
    expect(Number(line[1])).toBeGreaterThanOrEqual(1)
    expect(Number(line[1])).toBeLessThanOrEqual(lineBreaks(text) + 1)
  } else if (column) {
    expect(HEADER_COLUMNS[format]).toContain(column[1])
    expect(error.field).toBe(column[1])
  } else {
    // no header at all: the text holds nothing but blanks, quotes and line breaks
    expect(message).toMatch(/ input is empty: expected a header row with /)
    expect(text.replace(/^\uFEFF/, "").replace(/"/g, "").trim()).toBe("")
  }
}

describe("reading any input in any format", () => {
  it("reads it, or fails with an InvalidInputError whose one line names the line, the column or the empty file", async () => {
    await fc.assert(
      fc.asyncProperty(anyInput, fc.constantFrom(...ORDER_FORMATS), chunkSize, async (bytes, format, size) => {
        let result
        try {
          result = await readOrders(chunked(bytes, size && bytes.length > 20_000 ? Math.max(size, 4096) : size), { format })
        } catch (error) {
          expectInputErrorSayingWhere(error, format, bytes.toString("utf8"))
          return
        }
        const { summary, history } = result
        const dropped = DROP_REASONS.reduce((sum, reason) => sum + summary.dropped[reason].count, 0)
        expect(summary.linesKept + dropped + summary.afterAsOf).toBe(summary.linesRead)
        expect(history.lines).toHaveLength(summary.linesKept)
      }),
      { seed: SEED, numRuns: 400 },
    )
  }, 90_000)
})

interface MalformedFile {
  text: string
  /** What the one line must say besides the file: the where. */
  where: RegExp
}

const newline = fc.constantFrom("\n", "\r\n")
const VALID_ROW = "o1,c1,2024-01-01,p1,1,5"
const malformedFile: fc.Arbitrary<MalformedFile> = fc.oneof(
  fc.tuple(fc.constantFrom(...REQUIRED_COLUMNS), fc.nat({ max: 3 }), newline).map(([missing, rows, nl]) => ({
    text: [REQUIRED_COLUMNS.filter((c) => c !== missing).join(","), ...Array(rows).fill("1,2,3,4,5")].join(nl) + nl,
    where: new RegExp(`required column "${missing}" is missing from the header`),
  })),
  fc.tuple(fc.nat({ max: 3 }), fc.constantFrom("yesterday", "2024-02-30", "", "01/02/2024"), newline).map(([blanks, date, nl]) => ({
    text: [REQUIRED_COLUMNS.join(","), ...Array(blanks).fill(""), `o1,c1,${date},p1,1,5`, VALID_ROW].join(nl),
    where: new RegExp(`column "ordered_at" on line ${blanks + 2} is unreadable`),
  })),
  fc.tuple(fc.nat({ max: 4 }), fc.nat({ max: 3 }), newline).map(([before, after, nl]) => ({
    text: [REQUIRED_COLUMNS.join(","), ...Array(before).fill(VALID_ROW), 'o2,c1,"2024-01-01,p1,1,5', ...Array(after).fill(VALID_ROW)].join(nl),
    where: new RegExp(`unreadable CSV: Quote Not Closed: a quote opened in the row starting on line ${before + 2} is never closed`),
  })),
  fc.constantFrom("", "\n\n", "\uFEFF", "  \r\n\t\r\n").map((text) => ({ text, where: / input is empty: / })),
)

describe("medusa-ml train --orders on a malformed file", () => {
  let work: string
  beforeAll(() => {
    work = mkdtempSync(path.join(tmpdir(), "medusa-ml-csv-fuzz-"))
  })
  afterAll(() => rmSync(work, { recursive: true, force: true }))

  it("exits 2 with exactly one line on stderr naming the file and where", async () => {
    let n = 0
    await fc.assert(
      fc.asyncProperty(malformedFile, fc.boolean(), async ({ text, where }, bom) => {
        n += 1
        const file = path.join(work, `orders-${n}.csv`)
        writeFileSync(file, (bom ? "\uFEFF" : "") + text)
        const run = await runCli(["train", "--orders", file, "--format", "generic", "--db", `sqlite:${path.join(work, "ml.db")}`, "--trials", "3"])
        expect(run.code).toBe(2)
        expect(run.stdout).toBe("")
        expect(run.stderr).toMatch(/^[^\r\n]*\n$/)
        expect(run.stderr.startsWith(`medusa-ml: --orders ${file}: `)).toBe(true)
        expect(run.stderr).toMatch(where)
      }),
      { seed: SEED, numRuns: 15 },
    )
  }, 120_000)
})
