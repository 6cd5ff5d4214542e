/**
 * The `recommend` command's request file: a CSV with the header
 * `request_id,customer_id,product_ids`, where product_ids is a `|`-separated cart.
 * Either of customer_id and product_ids may be empty; both together mean "this customer
 * with this cart". Ids are opaque text. A malformed row is reported with its line and
 * skipped; the others are answered.
 */
import type { Readable } from "node:stream"
import { parse } from "csv-parse"
import { InvalidInputError } from "../errors"
import type { RecommendationRequest } from "./stored-lists"

export const REQUEST_HEADER = ["request_id", "customer_id", "product_ids"] as const

export interface ParsedRequest extends RecommendationRequest {
  requestId: string
}

export interface RequestProblem {
  line: number
  message: string
}

/** Streams the requests to `onRequest`; returns the malformed rows. */
export async function readRequests(
  input: Readable,
  onRequest: (request: ParsedRequest) => void
): Promise<{ problems: RequestProblem[]; requests: number }> {
  const parser = input.pipe(parse({ relax_column_count: true, relax_quotes: true, skip_empty_lines: true, info: true, bom: true, record_delimiter: ["\r\n", "\n"] }))
  const problems: RequestProblem[] = []
  let header: string[] | null = null
  let requests = 0
  for await (const { record, info } of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>) {
    const line = info.lines
    if (!header) {
      header = record.map((h) => h.trim())
      if (REQUEST_HEADER.some((name, i) => header?.[i] !== name) || header.length !== REQUEST_HEADER.length) {
        throw new InvalidInputError(`line 1: expected the header ${REQUEST_HEADER.join(",")}, got ${record.join(",")}`, "requests")
      }
      continue
    }
    if (record.length !== REQUEST_HEADER.length) {
      problems.push({ line, message: `expected ${REQUEST_HEADER.length} fields, got ${record.length}` })
      continue
    }
    const [requestId, customerId, productIds] = record.map((field) => field.trim())
    if (!requestId) {
      problems.push({ line, message: "request_id is empty" })
      continue
    }
    const cart = productIds ? productIds.split("|").map((id) => id.trim()) : []
    if (cart.some((id) => id === "")) {
      problems.push({ line, message: `product_ids has an empty id: "${productIds}"` })
      continue
    }
    requests += 1
    onRequest({ requestId, customerId: customerId || undefined, productIds: cart })
  }
  if (!header) throw new InvalidInputError("the requests file is empty: expected the header request_id,customer_id,product_ids", "requests")
  return { problems, requests }
}
