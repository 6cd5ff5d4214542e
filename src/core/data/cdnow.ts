/**
 * CDNOW format (Fader & Hardie's CDNOW cohort)
 * --------------------------------------------
 * Whitespace-separated columns, one purchase per line, in one of two layouts told apart
 * by the column count of the first data line:
 *   4 columns  customer_id date quantity amount          (CDNOW_master.txt)
 *   5 columns  master_id sample_id date cds dollars      (CDNOW_sample.txt; customer = master_id)
 * date is YYYYMMDD (00:00 UTC), quantity is the number of CDs, amount the dollars paid.
 * A first line without any digit is a header and is skipped. Any other column count on
 * the first data line, or a first date that does not parse, stops the read.
 *
 * Each line becomes one order line: orderId = "<customer>:<date>" (so same-day purchases
 * form one order once later steps group lines by order), productId = "cdnow:cd" (the data
 * has no product ids; this single pseudo product keeps the type's non-empty id and must
 * not be used for recommendations), customer ids kept as written ("00004").
 * unitPrice = amount / quantity. Every line counts as a purchase, as in the papers:
 *   - amount 0 (a free CD) is kept with unitPrice 0;
 *   - quantity 0 is kept as quantity 1 with unitPrice = amount, so the line's value
 *     quantity x unitPrice still equals the amount paid.
 * A line is dropped with the first reason that applies, checked in this order:
 *   1. column_count    a column count other than the first data line's
 *   2. bad_number      quantity or amount is not a plain decimal number
 *   3. return          quantity < 0
 *   4. negative_price  amount < 0
 *   5. bad_date        date is not a valid YYYYMMDD
 */
import { InvalidInputError } from "../errors"
import { parseCompactDate, parseDecimal } from "./parse-values"
import { createInterner } from "./read-tally"
import { unreadableFirstDateError, type RecordDecoder } from "./record-decoder"
import type { DropReason, OrderLine } from "./types"

const FORMAT = "cdnow"
/** The single product every CDNOW line is attributed to. */
export const CDNOW_PRODUCT_ID = "cdnow:cd"

interface Layout {
  width: number
  customer: number
  date: number
  quantity: number
  amount: number
}

const MASTER_LAYOUT: Layout = { width: 4, customer: 0, date: 1, quantity: 2, amount: 3 }
const SAMPLE_LAYOUT: Layout = { width: 5, customer: 0, date: 2, quantity: 3, amount: 4 }

export function createCdnowDecoder(): RecordDecoder {
  const intern = createInterner()
  let layout: Layout | undefined
  let sawFirstLine = false

  function chooseLayout(tokens: string[], line: number): Layout {
    const chosen = [MASTER_LAYOUT, SAMPLE_LAYOUT].find((candidate) => candidate.width === tokens.length)
    if (chosen === undefined) {
      throw new InvalidInputError(
        `${FORMAT} input: line ${line} has ${tokens.length} columns; expected 4 (customer_id date quantity amount) ` +
          "or 5 (master_id sample_id date cds dollars)",
      )
    }
    const value = tokens[chosen.date]
    if (parseCompactDate(value) === undefined) {
      throw unreadableFirstDateError(FORMAT, "date", line, value, "YYYYMMDD")
    }
    return chosen
  }

  function decodeRow(tokens: string[], at: Layout): OrderLine | DropReason {
    if (tokens.length !== at.width) return "column_count"
    const quantity = parseDecimal(tokens[at.quantity])
    const amount = parseDecimal(tokens[at.amount])
    if (quantity === undefined || amount === undefined) return "bad_number"
    if (quantity < 0) return "return"
    if (amount < 0) return "negative_price"
    const date = tokens[at.date]
    const orderedAt = parseCompactDate(date)
    if (orderedAt === undefined) return "bad_date"
    const customerId = intern(tokens[at.customer])
    return {
      orderId: intern(`${customerId}:${date}`),
      customerId,
      orderedAt,
      productId: CDNOW_PRODUCT_ID,
      quantity: quantity === 0 ? 1 : quantity,
      unitPrice: quantity === 0 ? amount : amount / quantity,
    }
  }

  return {
    decode(tokens, line) {
      if (layout === undefined) {
        const isHeader = !sawFirstLine && !tokens.some((token) => /\d/.test(token))
        sawFirstLine = true
        if (isHeader) return undefined
        layout = chooseLayout(tokens, line)
      }
      return decodeRow(tokens, layout)
    },
    // Headerless input is valid, and empty input is an empty history.
    end() {},
  }
}
