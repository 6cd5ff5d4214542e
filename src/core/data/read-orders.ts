/**
 * Reads an order history from a stream of text in one of the supported formats. The
 * caller opens the source (a file, an upload); the core never opens paths. Each format's
 * layout, cleaning rules and drop reasons are documented at the top of its file:
 * online-retail.ts, cdnow.ts, generic.ts.
 */
import type { Readable } from "node:stream"
import { InvalidInputError } from "../errors"
import { createCdnowDecoder } from "./cdnow"
import { createGenericDecoder } from "./generic"
import { createOnlineRetailDecoder } from "./online-retail"
import { ReadTally } from "./read-tally"
import type { RecordDecoder } from "./record-decoder"
import { forEachRecord } from "./record-stream"
import type { OrderHistory, ReadSummary } from "./types"

export const ORDER_FORMATS = ["online-retail", "cdnow", "generic"] as const
export type OrderFormat = (typeof ORDER_FORMATS)[number]

export interface ReadOrdersOptions {
  /** Layout of the input. */
  format: OrderFormat
  /**
   * For the generic format only: field -> header column, for fields whose column has another name.
   * @defaultValue `{}` (each field is read from the header column of the same name)
   */
  map?: Record<string, string>
  /**
   * Epoch ms. Only lines strictly before it are kept; valid lines at or after it are counted in
   * `summary.afterAsOf`.
   * @defaultValue undefined (every valid line is kept)
   */
  asOf?: number
  /**
   * Called as input arrives with the number of bytes read so far.
   * @defaultValue undefined (no progress reports)
   */
  onProgress?: (bytesRead: number) => void
}

export interface ReadOrdersResult {
  history: OrderHistory
  summary: ReadSummary
}

/**
 * Streams `input` through the format's decoder. Rejects with InvalidInputError when the
 * input cannot be read as that format at all (a missing column, an unreadable first date,
 * a bad map entry, malformed CSV); rows that are merely unusable are dropped and counted.
 */
export async function readOrders(input: Readable, options: ReadOrdersOptions): Promise<ReadOrdersResult> {
  let decoder: RecordDecoder
  try {
    decoder = createDecoder(options)
  } catch (error) {
    // Like a failed read, a rejected call releases the stream it was given.
    input.destroy()
    throw error
  }
  const tally = new ReadTally(options.asOf)
  await forEachRecord(
    input,
    options.format === "cdnow" ? "whitespace" : "csv",
    (fields, line) => {
      const outcome = decoder.decode(fields, line)
      if (outcome !== undefined) tally.add(outcome, line)
    },
    options.onProgress,
  )
  decoder.end()
  return tally.finish()
}

/** Checks the options (before any input is read) and returns the format's decoder. */
function createDecoder(options: ReadOrdersOptions): RecordDecoder {
  const { format, map, asOf } = options
  if (asOf !== undefined && !Number.isFinite(asOf)) {
    throw new InvalidInputError(`option asOf must be a finite epoch-ms number, got ${asOf}`, "asOf")
  }
  if (format !== "generic" && map !== undefined && Object.keys(map).length > 0) {
    throw new InvalidInputError(`option map is only used by the generic format, got format "${format}"`, "map")
  }
  switch (format) {
    case "online-retail":
      return createOnlineRetailDecoder()
    case "cdnow":
      return createCdnowDecoder()
    case "generic":
      return createGenericDecoder(map)
    default:
      throw new InvalidInputError(
        `option format must be one of ${ORDER_FORMATS.join(", ")}, got ${JSON.stringify(format)}`,
        "format",
      )
  }
}
