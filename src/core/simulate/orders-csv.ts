/**
 * Writes order lines in the "generic" CSV format that readOrders(format "generic") reads
 * (see data/generic.ts): a header, then one row per line with
 *   order_id, customer_id, ordered_at, product_id, quantity, unit_price,
 *   title, category, country, currency
 * ordered_at is ISO 8601 in UTC ("2025-03-01T14:05:09Z"; milliseconds only when not 0).
 * A field holding a comma, a double quote, CR or LF is quoted and its quotes doubled
 * (RFC 4180); a missing optional field is empty. Rows end with "\n". Text goes to `write`
 * in chunks of about CHUNK_CHARS characters, so a caller can stream it to a file.
 */
import { InvalidInputError } from "../errors"
import { csvField } from "../data/csv-fields"
import type { OrderLine } from "../data/types"

export const GENERIC_CSV_HEADER =
  "order_id,customer_id,ordered_at,product_id,quantity,unit_price,title,category,country,currency"

const CHUNK_CHARS = 65_536

export function writeOrdersCsv(lines: readonly OrderLine[], write: (chunk: string) => void): void {
  let chunk = `${GENERIC_CSV_HEADER}\n`
  lines.forEach((line, index) => {
    chunk += `${csvRow(line, index)}\n`
    if (chunk.length >= CHUNK_CHARS) {
      write(chunk)
      chunk = ""
    }
  })
  if (chunk.length > 0) write(chunk)
}

function csvRow(line: OrderLine, index: number): string {
  if (!Number.isFinite(line.orderedAt)) {
    throw new InvalidInputError(`lines[${index}].orderedAt must be a finite epoch-ms number, got ${line.orderedAt}`)
  }
  return [
    csvField(line.orderId),
    csvField(line.customerId),
    isoTimestamp(line.orderedAt),
    csvField(line.productId),
    String(line.quantity),
    String(line.unitPrice),
    csvField(line.title),
    csvField(line.category),
    csvField(line.country),
    csvField(line.currency),
  ].join(",")
}

function isoTimestamp(at: number): string {
  const iso = new Date(at).toISOString()
  return iso.endsWith(".000Z") ? `${iso.slice(0, -5)}Z` : iso
}
