/**
 * What each file format provides to the reader: a decoder that turns the records of the
 * file, in order, into order lines or drop reasons, plus the header checks they share.
 */
import { InvalidInputError } from "../errors"
import type { DropReason, OrderLine } from "./types"

export interface RecordDecoder {
  /** The line a data record becomes, or why it is dropped; undefined for a record that is not data (a header). */
  decode(fields: string[], line: number): OrderLine | DropReason | undefined
  /** Called once the input is exhausted; throws when something required (the header) never came. */
  end(): void
}

/** The header's column names, trimmed. */
export function headerNames(fields: string[]): string[] {
  return fields.map((name) => name.trim())
}

/** Position of `column` in the header; throws InvalidInputError naming the column and the format when absent. */
export function requireColumn(header: string[], column: string, format: string): number {
  const index = header.indexOf(column)
  if (index === -1) {
    throw new InvalidInputError(
      `${format} input: required column "${column}" is missing from the header (found: ${listColumns(header)})`,
      column,
    )
  }
  return index
}

/** The error for input that ended before its header row. */
export function missingHeaderError(format: string, columns: readonly string[]): InvalidInputError {
  return new InvalidInputError(`${format} input is empty: expected a header row with ${columns.join(", ")}`)
}

/**
 * The first data row's date decides whether the file can be read at all: when it does not
 * parse, the format or the column mapping is wrong, so reading stops with the evidence.
 */
export function unreadableFirstDateError(
  format: string,
  column: string,
  line: number,
  value: string,
  expected: string,
): InvalidInputError {
  return new InvalidInputError(
    `${format} input: the date in column "${column}" on line ${line} is unreadable: ${JSON.stringify(value)} ` +
      `(expected ${expected})`,
    column,
  )
}

export function listColumns(header: readonly string[]): string {
  return header.map((name) => JSON.stringify(name)).join(", ")
}
