import { buildOrderHistory } from "../../../src/core/data"
import { checkReadiness } from "../../../src/core/pipeline/readiness"
import { readinessFromRow, readinessIsStale, READINESS_FORMAT, storedReadinessOf, type StoredReadiness } from "../../../src/engine/readiness-check"
import { toJsonObject } from "../../../src/engine/json"
import { checkReadinessPayloadSchema, parsePayload, PAYLOAD_VERSION, readinessSettingsSchema } from "../../../src/queue/payloads"
import { readinessAnswerJson } from "../../../src/api/admin/ml/responses"

const DAY = 86_400_000
const MAX_AGE = 10 * 60_000
const thresholds = { minCustomersWithOrders: 1, minRepeatCustomers: 1, minHistoryDays: 1, minRecentOrders: 1 }
const settings = readinessSettingsSchema.parse({ horizonDays: 60, readiness: thresholds })
const history = buildOrderHistory([
  { orderId: "o1", customerId: "cus_a", orderedAt: 1 * DAY, productId: "p1", quantity: 1, unitPrice: 10 },
  { orderId: "o2", customerId: "cus_a", orderedAt: 5 * DAY, productId: "p1", quantity: 1, unitPrice: 10 },
])
const checkedAt = new Date(100 * DAY)

function checkWith(given = settings, data: Record<string, unknown> = {}): StoredReadiness {
  const readiness = checkReadiness(history, 6 * DAY, given.readiness, { horizonDays: given.horizonDays })
  return storedReadinessOf({ checkedAt, asOf: 6 * DAY, readiness, settings: given, data: { linesRead: 2, linesKept: 2, customers: 1, orders: 2, products: 1, ...data } })
}

describe("the stored readiness check", () => {
  it("keeps the thresholds and windows it was measured with, and the currencies without a rate", () => {
    const check = checkWith(settings, { currenciesWithoutRate: { eur: 3 } })
    expect(check.thresholds).toEqual(thresholds)
    expect(check.windows).toEqual({ horizonDays: 60, churnWindowDays: 60 })
    expect(check.currenciesWithoutRate).toEqual({ eur: 3 })
    expect(checkWith().currenciesWithoutRate).toEqual({})
  })

  it("is stale when missing, older than the bound, or measured with other thresholds or windows", () => {
    const check = checkWith()
    const at = checkedAt.getTime()
    expect(readinessIsStale(null, settings, at, MAX_AGE)).toBe(true)
    expect(readinessIsStale(check, settings, at, MAX_AGE)).toBe(false)
    expect(readinessIsStale(check, settings, at + MAX_AGE, MAX_AGE)).toBe(false)
    expect(readinessIsStale(check, settings, at + MAX_AGE + 1, MAX_AGE)).toBe(true)
    expect(readinessIsStale(check, { ...settings, readiness: { ...thresholds, minHistoryDays: 2 } }, at, MAX_AGE)).toBe(true)
    expect(readinessIsStale(check, { ...settings, horizonDays: 90 }, at, MAX_AGE)).toBe(true)
    expect(readinessIsStale(check, { ...settings, churnWindowDays: 30 }, at, MAX_AGE)).toBe(true)
    expect(readinessIsStale(check, { ...settings, churnWindowDays: 60 }, at, MAX_AGE)).toBe(false)
  })

  it("reads back as it was written, through the JSON column", () => {
    const check = checkWith(settings, { currenciesWithoutRate: { gbp: 1 } })
    const { checkedAt: at, ...result } = check
    expect(readinessFromRow({ id: "store", checkedAt: at, result: toJsonObject({ format: READINESS_FORMAT, ...result }) })).toEqual(check)
    expect(readinessFromRow({ id: "store", checkedAt: at, result: toJsonObject({ ...result }) })).toBeNull()
    expect(readinessFromRow(null)).toBeNull()
  })

  it("is answered with its age, or as null while the first check runs", () => {
    expect(readinessAnswerJson({ check: null, checking: true })).toEqual({ readiness: null, checking: true })
    const answer = readinessAnswerJson({ check: checkWith(settings, { currenciesWithoutRate: { eur: 2 } }), checking: false })
    expect(answer.checking).toBe(false)
    expect(answer.readiness).toMatchObject({
      checked_at: checkedAt.toISOString(),
      as_of: new Date(6 * DAY).toISOString(),
      figures: { customers_with_orders: 1, repeat_customers: 1, history_days: 4 },
      thresholds: { min_customers_with_orders: 1, min_repeat_customers: 1, min_history_days: 1, min_recent_orders: 1 },
      currencies_without_rate: { eur: 2 },
    })
    expect(readinessAnswerJson({ check: checkWith(), checking: true }).readiness).not.toHaveProperty("currencies_without_rate")
  })

  it("the job's payload fills the plugin's defaults and refuses unknown fields", () => {
    const payload = parsePayload("check-readiness", checkReadinessPayloadSchema, { version: PAYLOAD_VERSION, source: { kind: "store" } })
    expect(payload.settings).toEqual({ horizonDays: 90, readiness: { minCustomersWithOrders: 50, minRepeatCustomers: 20, minHistoryDays: 60, minRecentOrders: 1 } })
    expect(() => parsePayload("check-readiness", checkReadinessPayloadSchema, { version: PAYLOAD_VERSION, source: { kind: "store" }, settings: { seed: 1 } })).toThrow(
      "invalid check-readiness payload: settings.seed"
    )
  })
})
