/**
 * What the route fuzzing sends, as it goes on the wire: query strings made of the
 * routes' own parameter names and random ones with hostile values, path ids, and
 * training-request bodies; and the oracles that say which parameter names the server
 * parsed out of a query or body (a 400 must name one of those).
 */
import { createRequire } from "node:module"
import fc from "fast-check"
import { SEGMENT_IDS } from "../../src/core/segments"
import { RISK_BANDS } from "../../src/core/segments/risk-bands"
import { CHURN_SORTS } from "../../src/store/prediction-queries"

/** Express's own query-string parser (its qs, with its options), so the oracle reads a query as the app does. */
const expressQs: typeof import("qs") = createRequire(require.resolve("express"))("qs")

/** Percent-encodes the UTF-8 bytes of text (a lone surrogate becomes U+FFFD); never throws. */
export function percentEncode(text: string, keep: RegExp = /[A-Za-z0-9\-._~]/): string {
  let out = ""
  for (const char of text) {
    if (keep.test(char)) out += char
    else for (const byte of Buffer.from(char, "utf8")) out += `%${byte.toString(16).toUpperCase().padStart(2, "0")}`
  }
  return out
}

/** Already-encoded fragments: a NUL, encoded slashes and dots, and escapes that decode to nothing valid. */
const WELL_FORMED_FRAGMENTS = ["%00", "%2F", "%2e%2e", "%25", "%2C", "%5B%5D", "+", "%20", "%F0%9F%98%80"]
const MALFORMED_FRAGMENTS = ["%", "%zz", "%E0%A4%A", "%ED%A0%80", "%C0%AF", "%FF", "%F0%9F%98"]

/** Text that breaks parsers: numbers at and past every limit, SQL, paths, markup, unicode, emptiness. */
const HOSTILE_TEXT = [
  "", " ", "0", "-0", "-1", "1.5", "2.", ".5", "1e3", "1e308", "-1e308", "1e400", "5e-324", "NaN", "Infinity", "-Infinity",
  "0x10", "0b1", "1_000", "9007199254740993", "99999999999999999999", "true", "null", "undefined", "[]", "{}",
  "' OR '1'='1", "1; DROP TABLE ml_customer_prediction; --", "../../etc/passwd", "<script>alert(1)</script>",
  "\u0000", "\uFEFF", "\u202E", "😀", "\ud800", "a,b", ",", "at_risk,", ",lost",
]

const text: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...HOSTILE_TEXT) },
  { weight: 2, arbitrary: fc.integer().map(String) },
  { weight: 1, arbitrary: fc.double().map(String) },
  { weight: 2, arbitrary: fc.string({ maxLength: 16 }) },
  { weight: 1, arbitrary: fc.string({ unit: "grapheme", maxLength: 8 }) },
  { weight: 1, arbitrary: fc.string({ unit: "binary", maxLength: 8 }) },
  { weight: 1, arbitrary: fc.integer({ min: 500, max: 3_000 }).map((n) => "x".repeat(n)) },
)

/** An encoded value: usually text, sometimes raw fragments (malformed ones only when asked for). */
function encodedValue(plain: fc.Arbitrary<string>, malformed: boolean): fc.Arbitrary<string> {
  const fragments = fc.constantFrom(...WELL_FORMED_FRAGMENTS, ...(malformed ? MALFORMED_FRAGMENTS : []))
  return fc.oneof(
    { weight: 6, arbitrary: plain.map((t) => percentEncode(t)) },
    { weight: 1, arbitrary: fragments },
    { weight: 1, arbitrary: fc.tuple(plain, fragments, plain).map(([a, f, b]) => percentEncode(a) + f + percentEncode(b)) },
  )
}

/** The valid values of each parameter the plugin's routes know. */
export const VALID_VALUES: Record<string, fc.Arbitrary<string>> = {
  segment: fc.subarray([...SEGMENT_IDS], { minLength: 1, maxLength: 3 }).map((ids) => ids.join(",")),
  risk_band: fc.subarray([...RISK_BANDS], { minLength: 1 }).map((bands) => bands.join(",")),
  min_clv: fc.oneof(fc.integer({ min: -10, max: 2_000 }).map(String), fc.constantFrom("0", "120.5", "1e3")),
  sort: fc.constantFrom(...CHURN_SORTS),
  order: fc.constantFrom("asc", "desc"),
  limit: fc.integer({ min: 1, max: 50 }).map(String),
  offset: fc.integer({ min: 0, max: 20 }).map(String),
  kind: fc.constantFrom("similar", "bought_together"),
}

/** Names that trip query parsers: dotted and bracketed names, prototype members, Medusa's own list parameters. */
const HOSTILE_NAMES = [
  "a.b", "a.b.c", "limit.toString", "segment.toString", "min_clv.valueOf", "sort.x.y", "__proto__", "constructor",
  "prototype", "hasOwnProperty", "toString", "valueOf", "[]", "", "fields", "expand", "q", "with_deleted", "id",
  "customer_id", "sales_channel_id", "LIMIT", "limit ", "%6Cimit",
]
const BRACKETS = ["", "", "", "[]", "[0]", "[1]", "[25]", "[a]", "[toString]", "[__proto__]", "[0][x]", ".x"]

/** Random names avoid ' and , only because Medusa's messages quote and comma-join field names. */
const randomName = fc.string({ minLength: 1, maxLength: 12 }).filter((n) => !/[',]/.test(n))

/** One `name=value` pair, names drawn from the route's own, hostile and random ones. */
function queryPair(known: readonly string[], malformed: boolean): fc.Arbitrary<string> {
  const knownName = known.length > 0 ? [{ weight: 5, arbitrary: fc.constantFrom(...known) }] : []
  const name = fc.oneof(...knownName, { weight: 2, arbitrary: fc.constantFrom(...HOSTILE_NAMES) }, { weight: 2, arbitrary: randomName })
  return fc.tuple(name, fc.constantFrom(...BRACKETS)).chain(([base, brackets]) => {
    const value = fc.oneof(
      { weight: 3, arbitrary: (Object.prototype.hasOwnProperty.call(VALID_VALUES, base) ? VALID_VALUES[base] : text).map((v) => percentEncode(v)) },
      { weight: 4, arbitrary: encodedValue(text, malformed) },
    )
    const key = base.startsWith("%") ? base : percentEncode(base, /[A-Za-z0-9\-._~]/) + brackets
    return fc.oneof({ weight: 9, arbitrary: value.map((v) => `${key}=${v}`) }, { weight: 1, arbitrary: fc.constant(key) })
  })
}

/** A query string (without "?"): none to six pairs; a known parameter is sometimes repeated (a=1&a=2). */
export function queryString(known: readonly string[], options: { malformed?: boolean } = {}): fc.Arbitrary<string> {
  return fc.array(queryPair(known, options.malformed ?? true), { maxLength: 6 }).map((pairs) => pairs.join("&"))
}

/** The parameter names the app sees in a query: qs's top-level keys, and the part before a dot, which Medusa nests. */
export function parsedQueryNames(query: string): Set<string> {
  return namesOf(expressQs.parse(query, { allowPrototypes: true, arrayLimit: 1000 }))
}

function namesOf(parsed: object): Set<string> {
  const names = new Set<string>()
  for (const key of Object.keys(parsed)) {
    names.add(key)
    names.add(key.split(".")[0])
  }
  return names
}

/**
 * The fields a Medusa validation message names: "... for field 'limit' ...", "Field 'x' is
 * required", "Unrecognized fields: 'a, b'" (a nested path is "limit, 0": its first part).
 */
export function fieldsNamedIn(message: string): string[] {
  const named = [...message.matchAll(/(?:for field|Field) '([^']*)'/g)].map((m) => m[1].split(", ")[0])
  const unrecognized = /Unrecognized fields: '(.*)'/.exec(message)
  if (unrecognized) named.push(...unrecognized[1].split(", "))
  return named
}

/**
 * A path id: a known id (as is, or spoiled), or random text, encoded, with hostile
 * fragments. Malformed escapes only when asked for (see the admin tests for why).
 */
export function pathId(known: readonly string[], options: { malformed: boolean }): fc.Arbitrary<string> {
  const plain = fc.oneof(
    { weight: 2, arbitrary: fc.constantFrom(...known) },
    { weight: 1, arbitrary: fc.tuple(fc.constantFrom(...known), fc.constantFrom(" ", "'", "%", "\u0000", "/", "x", "😀")).map(([id, s]) => id + s) },
    { weight: 4, arbitrary: text },
  )
  const fragments = fc.constantFrom("%00", ...WELL_FORMED_FRAGMENTS, ...(options.malformed ? MALFORMED_FRAGMENTS : []))
  const id = fc.oneof(
    { weight: 3, arbitrary: encodedValue(plain, options.malformed) },
    { weight: 1, arbitrary: fc.tuple(plain, fragments).map(([p, f]) => percentEncode(p) + f) },
  )
  return id.filter((encoded) => encoded !== "" && !/^export$/i.test(encoded))
}

/** Decodes a path segment as Express does; undefined when Express would fail to. */
export function decodedSegment(segment: string): string | undefined {
  try {
    return decodeURIComponent(segment)
  } catch {
    return undefined
  }
}

export interface TrainRequest {
  contentType: string | undefined
  body: string
}

const JSON_TYPES = ["application/json", "application/json; charset=utf-8"]
const objectKey = fc.oneof(fc.constantFrom("horizon", "__proto__", "constructor", "toString", "force", ""), randomName)

/** Bodies for POST /admin/ml/train: {}, objects with keys, other JSON, broken JSON, text, forms, bytes. */
export const trainRequest: fc.Arbitrary<TrainRequest> = fc.oneof(
  { weight: 1, arbitrary: fc.record({ contentType: fc.constantFrom(...JSON_TYPES), body: fc.constantFrom("{}", " {} ", "") }) },
  {
    weight: 3,
    arbitrary: fc.record({
      contentType: fc.constantFrom(...JSON_TYPES),
      body: fc.dictionary(objectKey, fc.jsonValue({ maxDepth: 2 }), { minKeys: 1, maxKeys: 4 }).map((o) => JSON.stringify(o)),
    }),
  },
  { weight: 2, arbitrary: fc.record({ contentType: fc.constantFrom(...JSON_TYPES), body: fc.jsonValue({ maxDepth: 2 }).map((v) => JSON.stringify(v) ?? "null") }) },
  { weight: 2, arbitrary: fc.record({ contentType: fc.constantFrom(...JSON_TYPES), body: fc.oneof(text, fc.constantFrom("{", "[", '{"a":}', "{'a':1}", "[1,]")) }) },
  { weight: 1, arbitrary: fc.record({ contentType: fc.constant("text/plain"), body: text }) },
  { weight: 1, arbitrary: fc.record({ contentType: fc.constant("application/x-www-form-urlencoded"), body: queryString(["horizon"]) }) },
  { weight: 1, arbitrary: fc.record({ contentType: fc.constantFrom(undefined, "application/octet-stream"), body: text }) },
)

/** What the app must answer to a training request: started (or already running), or 400 for a reason. */
export type TrainExpectation =
  | { kind: "accepted" }
  | { kind: "unknown-fields"; names: Set<string> }
  | { kind: "not-an-object" }
  | { kind: "not-json" }

/** body-parser's view of a body (strict JSON: an object or array at the top; an empty body is {}). */
export function expectedTrainOutcome({ contentType, body }: TrainRequest): TrainExpectation {
  if (contentType === undefined || contentType === "application/octet-stream") return { kind: "accepted" }
  if (contentType === "text/plain") return { kind: "not-an-object" }
  if (contentType === "application/x-www-form-urlencoded") {
    const names = namesOf(expressQs.parse(body, { allowPrototypes: true, arrayLimit: 100, depth: Infinity, parameterLimit: 1000 }))
    return names.size === 0 ? { kind: "accepted" } : { kind: "unknown-fields", names }
  }
  // the body is decoded without its byte-order mark
  const json = body.replace(/^\uFEFF/, "")
  if (json.length === 0) return { kind: "accepted" }
  const first = /^[\x20\x09\x0a\x0d]*(.)/s.exec(json)?.[1]
  let value: unknown
  try {
    if (first !== "{" && first !== "[") return { kind: "not-json" }
    value = JSON.parse(json)
  } catch {
    return { kind: "not-json" }
  }
  if (Array.isArray(value)) return { kind: "not-an-object" }
  const keys = Object.keys(value as object)
  return keys.length === 0 ? { kind: "accepted" } : { kind: "unknown-fields", names: new Set(keys) }
}
