/**
 * Generic format (any store's order-line export)
 * ----------------------------------------------
 * Comma-separated with a header. One row per order line with the fields
 *   required: order_id, customer_id, ordered_at, product_id, quantity, unit_price
 *   optional: title, category, country, currency
 * Each field is read from the header column of the same name unless `map` names another
 * column for it (map = { field: column }). A map key that is not one of these fields, a
 * mapped column that is not in the header, or a required field without a column stops
 * the read with an error naming the column.
 *
 * ordered_at is ISO 8601: a date ("2011-09-10", read as 00:00 UTC) or a date-time with or
 * without a zone ("2011-09-10T08:26:00+01:00"; without a zone it is read as UTC), or
 * "YYYY-MM-DD HH:MM:SS". If the first data row's ordered_at does not parse, reading stops.
 *
 * A row is dropped with the first reason that applies, checked in this order:
 *   1. column_count           the row has more or fewer fields than the header
 *   2. missing_customer       customer_id is empty
 *   3. missing_order          order_id is empty
 *   4. missing_product        product_id is empty
 *   5. bad_number             quantity or unit_price is not a plain decimal number
 *   6. return                 quantity < 0: a returned item, not a purchase
 *   7. non_positive_quantity  quantity = 0
 *   8. negative_price         unit_price < 0 (a price of 0, a free item, is kept)
 *   9. bad_date               ordered_at does not parse
 *  10. id_too_long            an order, customer or product id is over 100 characters
 *                             (checked for every format, after the format's own reasons)
 * Ids, titles and the other text fields are trimmed and otherwise kept as given.
 */
import { InvalidInputError } from "../errors"
import { parseDecimal, parseTimestamp } from "./parse-values"
import { createInterner } from "./read-tally"
import {
  headerNames,
  listColumns,
  missingHeaderError,
  requireColumn,
  unreadableFirstDateError,
  type RecordDecoder,
} from "./record-decoder"
import type { DropReason, OrderLine } from "./types"

const FORMAT = "generic"
const REQUIRED_FIELDS = ["order_id", "customer_id", "ordered_at", "product_id", "quantity", "unit_price"] as const
const OPTIONAL_FIELDS = ["title", "category", "country", "currency"] as const
const KNOWN_FIELDS: readonly string[] = [...REQUIRED_FIELDS, ...OPTIONAL_FIELDS]

type RequiredField = (typeof REQUIRED_FIELDS)[number]
type OptionalField = (typeof OPTIONAL_FIELDS)[number]
/** Header positions; -1 for an optional field the file does not have. */
type FieldIndex = Record<RequiredField | OptionalField, number>

/** Throws InvalidInputError for a map key that is not a known field. */
export function checkGenericMap(map: Record<string, string>): void {
  for (const field of Object.keys(map)) {
    if (!KNOWN_FIELDS.includes(field)) {
      throw new InvalidInputError(
        `generic input: map names an unknown field "${field}" (known fields: ${KNOWN_FIELDS.join(", ")})`,
        field,
      )
    }
  }
}

export function createGenericDecoder(map: Record<string, string> = {}): RecordDecoder {
  checkGenericMap(map)
  const intern = createInterner()
  let fieldIndex: FieldIndex | undefined
  let headerWidth = 0
  let firstRowChecked = false

  function locate(header: string[]): FieldIndex {
    for (const [field, column] of Object.entries(map)) {
      if (!header.includes(column)) {
        throw new InvalidInputError(
          `generic input: map.${field} names column "${column}", which is not in the header ` +
            `(found: ${listColumns(header)})`,
          column,
        )
      }
    }
    const required = (field: RequiredField): number => requireColumn(header, map[field] ?? field, FORMAT)
    const optional = (field: OptionalField): number => header.indexOf(map[field] ?? field)
    return {
      order_id: required("order_id"),
      customer_id: required("customer_id"),
      ordered_at: required("ordered_at"),
      product_id: required("product_id"),
      quantity: required("quantity"),
      unit_price: required("unit_price"),
      title: optional("title"),
      category: optional("category"),
      country: optional("country"),
      currency: optional("currency"),
    }
  }

  function decodeRow(fields: string[], at: FieldIndex): OrderLine | DropReason {
    if (fields.length !== headerWidth) return "column_count"
    const customerId = fields[at.customer_id].trim()
    if (customerId === "") return "missing_customer"
    const orderId = fields[at.order_id].trim()
    if (orderId === "") return "missing_order"
    const productId = fields[at.product_id].trim()
    if (productId === "") return "missing_product"
    const quantity = parseDecimal(fields[at.quantity])
    const unitPrice = parseDecimal(fields[at.unit_price])
    if (quantity === undefined || unitPrice === undefined) return "bad_number"
    if (quantity < 0) return "return"
    if (quantity === 0) return "non_positive_quantity"
    if (unitPrice < 0) return "negative_price"
    const orderedAt = parseTimestamp(fields[at.ordered_at])
    if (orderedAt === undefined) return "bad_date"
    const line: OrderLine = {
      orderId: intern(orderId),
      customerId: intern(customerId),
      orderedAt,
      productId: intern(productId),
      quantity,
      unitPrice,
    }
    for (const field of OPTIONAL_FIELDS) {
      const index = at[field]
      const value = index === -1 ? "" : fields[index].trim()
      if (value !== "") line[field] = intern(value)
    }
    return line
  }

  return {
    decode(fields, line) {
      if (fieldIndex === undefined) {
        const header = headerNames(fields)
        fieldIndex = locate(header)
        headerWidth = fields.length
        return undefined
      }
      if (!firstRowChecked) {
        firstRowChecked = true
        const value = fields[fieldIndex.ordered_at] ?? ""
        if (parseTimestamp(value) === undefined) {
          const column = map.ordered_at ?? "ordered_at"
          throw unreadableFirstDateError(FORMAT, column, line, value, "ISO 8601 or YYYY-MM-DD HH:MM:SS")
        }
      }
      return decodeRow(fields, fieldIndex)
    },
    end() {
      if (fieldIndex === undefined) throw missingHeaderError(FORMAT, REQUIRED_FIELDS)
    },
  }
}
