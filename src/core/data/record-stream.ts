/**
 * Streams the records of a text input to a visitor, each with the 1-based file line it
 * starts on; blank lines are skipped. Two layouts:
 *   - CSV through csv-parse (quoted fields may span lines; malformed CSV, such as a quote
 *     never closed, becomes an InvalidInputError naming the line its row starts on);
 *   - whitespace-separated columns, one record per line, no quoting.
 * Both accept "\r\n", "\n" and "\r" line endings and a leading byte-order mark.
 */
import type { Readable } from "node:stream"
import { pipeline } from "node:stream/promises"
import { StringDecoder } from "node:string_decoder"
import { CsvError, parse } from "csv-parse"
import { InvalidInputError } from "../errors"

/** Called with the fields of each non-blank record and the file line it starts on. */
export type RecordVisitor = (fields: string[], line: number) => void

export type RecordLayout = "csv" | "whitespace"

const CSV_OPTIONS = {
  bom: true,
  // A quote inside an unquoted field is kept as text (RFC 4180 otherwise).
  relax_quotes: true,
  // Rows with a different field count reach the decoder, which drops them with a reason.
  relax_column_count: true,
}

const LINE_BREAK = /\r\n|\r|\n/
const BYTE_ORDER_MARK = "\uFEFF"

export async function forEachRecord(
  input: Readable,
  layout: RecordLayout,
  visit: RecordVisitor,
  onProgress?: (bytesRead: number) => void,
): Promise<void> {
  let bytesRead = 0
  async function* countBytes(source: AsyncIterable<Buffer | string>): AsyncGenerator<Buffer | string> {
    for await (const chunk of source) {
      bytesRead += typeof chunk === "string" ? Buffer.byteLength(chunk) : chunk.length
      onProgress?.(bytesRead)
      yield chunk
    }
  }
  if (layout === "whitespace") {
    await pipeline(input, countBytes, (chunks: AsyncIterable<Buffer | string>) => visitLines(chunks, visit))
    return
  }
  // The line the record being parsed starts on, counted as the parser goes (it runs ahead
  // of the visitor): csv-parse's own line count takes a "\r\n" inside quotes for two lines.
  let parsingLine = 1
  const countLines = (fields: string[]): string[] => {
    parsingLine += 1 + lineBreaksIn(fields)
    return fields
  }
  try {
    await pipeline(input, countBytes, parse({ ...CSV_OPTIONS, on_record: countLines }), (records: AsyncIterable<string[]>) =>
      visitCsvRecords(records, visit),
    )
  } catch (error) {
    if (error instanceof CsvError) throw new InvalidInputError(csvProblem(error, parsingLine))
    throw error
  }
}

/** A CSV syntax error, at the line its row starts on (the only one the options leave: a quote never closed). */
function csvProblem(error: CsvError, rowLine: number): string {
  if (error.code === "CSV_QUOTE_NOT_CLOSED") {
    return `unreadable CSV: Quote Not Closed: a quote opened in the row starting on line ${rowLine} is never closed`
  }
  return `unreadable CSV in the row starting on line ${rowLine}: ${error.message}`
}

async function visitCsvRecords(records: AsyncIterable<string[]>, visit: RecordVisitor): Promise<void> {
  let nextLine = 1
  for await (const fields of records) {
    const line = nextLine
    nextLine += 1 + lineBreaksIn(fields)
    // A blank line parses as one empty (or whitespace-only) field.
    if (fields.length === 1 && fields[0].trim() === "") continue
    visit(fields, line)
  }
}

/** Line breaks inside quoted fields: "\r\n", "\r" and "\n" each count as one. */
function lineBreaksIn(fields: string[]): number {
  let count = 0
  for (const field of fields) {
    if (field.indexOf("\n") === -1 && field.indexOf("\r") === -1) continue
    count += field.split(LINE_BREAK).length - 1
  }
  return count
}

async function visitLines(chunks: AsyncIterable<Buffer | string>, visit: RecordVisitor): Promise<void> {
  const decoder = new StringDecoder("utf8")
  let line = 1
  let pending = ""
  const visitText = (text: string): void => {
    const fields = text.trim().split(/\s+/)
    if (fields[0] !== "") visit(fields, line)
    line += 1
  }
  for await (const chunk of chunks) {
    let text = pending + (typeof chunk === "string" ? chunk : decoder.write(chunk))
    if (line === 1 && text.startsWith(BYTE_ORDER_MARK)) text = text.slice(1)
    // A "\r" at the end may be the first half of a "\r\n" split across chunks.
    const heldBack = text.endsWith("\r") ? "\r" : ""
    const parts = text.slice(0, text.length - heldBack.length).split(LINE_BREAK)
    pending = (parts.pop() ?? "") + heldBack
    for (const part of parts) visitText(part)
  }
  const rest = pending + decoder.end()
  for (const part of rest.split(LINE_BREAK)) visitText(part)
}
