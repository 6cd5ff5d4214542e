/**
 * The store's readiness check, computed off the request path and stored in
 * `ml_readiness`: by the `check-readiness` job (or inline without Redis) and by each
 * training of the store, which reads the history anyway. GET /admin/ml/readiness
 * answers the stored check and asks for a new one when it is stale.
 */
import { checkReadiness, type Readiness, type ReadinessThresholds } from "../core/pipeline/readiness"
import { dayAfter } from "../core/time"
import type { ReadinessCheck } from "../models"
import type { MlStore } from "../store/ml-store"
import type { DataReport, HistoryLoader } from "./history-source"
import { toJsonObject } from "./json"
import type { CheckReadinessPayload, ReadinessSettings } from "./payloads"
import { churnWindowOf } from "./training-work"

/** The stored check's layout; a row of another format is read as no check (and a new one is made). */
export const READINESS_FORMAT = 1

/** A readiness check as stored and answered. */
export interface StoredReadiness {
  checkedAt: Date
  /** The as-of the figures were measured at (epoch ms): the day after the last order. */
  asOf: number
  readiness: Readiness
  thresholds: ReadinessThresholds
  windows: { horizonDays: number; churnWindowDays: number }
  /** Currency → orders without an amount for lack of a rate. */
  currenciesWithoutRate: Record<string, number>
}

/** What a check is made of: the readiness at an as-of, the settings it was measured with, the history's data report. */
export interface ReadinessCheckInput {
  checkedAt: Date
  asOf: number
  readiness: Readiness
  settings: ReadinessSettings
  data: DataReport
}

export function storedReadinessOf({ checkedAt, asOf, readiness, settings, data }: ReadinessCheckInput): StoredReadiness {
  return {
    checkedAt,
    asOf,
    readiness,
    thresholds: { ...settings.readiness },
    windows: { horizonDays: settings.horizonDays, churnWindowDays: churnWindowOf(settings) },
    currenciesWithoutRate: { ...((data.currenciesWithoutRate as Record<string, number> | undefined) ?? {}) },
  }
}

/** Writes the check over the stored one. */
export async function saveReadiness(store: MlStore, input: ReadinessCheckInput): Promise<StoredReadiness> {
  const check = storedReadinessOf(input)
  const { checkedAt, ...result } = check
  await store.saveReadinessCheck(checkedAt, toJsonObject({ format: READINESS_FORMAT, ...result }))
  return check
}

/** The stored row as a check; null when there is none or it has another format. */
export function readinessFromRow(row: ReadinessCheck | null): StoredReadiness | null {
  if (!row || row.result.format !== READINESS_FORMAT) return null
  const { format: _, ...result } = row.result
  return { checkedAt: row.checkedAt, ...(result as unknown as Omit<StoredReadiness, "checkedAt">) }
}

/**
 * Whether a check should be made again: there is none, it is older than `maxAgeMs`, or
 * it was measured against other thresholds or windows than the plugin has now.
 */
export function readinessIsStale(check: StoredReadiness | null, settings: ReadinessSettings, now: number, maxAgeMs: number): boolean {
  if (!check) return true
  if (now - check.checkedAt.getTime() > maxAgeMs) return true
  const t = settings.readiness
  const s = check.thresholds
  const sameThresholds =
    s.minCustomersWithOrders === t.minCustomersWithOrders &&
    s.minRepeatCustomers === t.minRepeatCustomers &&
    s.minHistoryDays === t.minHistoryDays &&
    s.minRecentOrders === t.minRecentOrders
  return !sameThresholds || check.windows.horizonDays !== settings.horizonDays || check.windows.churnWindowDays !== churnWindowOf(settings)
}

/**
 * Reads the history as a training does, checks it at the same as-of (the day after the
 * last order; now for an empty store) and stores the check.
 */
export async function checkStoreReadiness(store: MlStore, loadHistory: HistoryLoader, payload: CheckReadinessPayload, now = () => new Date()): Promise<StoredReadiness> {
  const { history, data } = await loadHistory(payload.source, {})
  const checkedAt = now()
  const asOf = history.lines.length > 0 ? dayAfter(history.lastAt) : checkedAt.getTime()
  const { settings } = payload
  const readiness = checkReadiness(history, asOf, settings.readiness, { horizonDays: settings.horizonDays, churnWindowDays: churnWindowOf(settings) })
  return saveReadiness(store, { checkedAt, asOf, readiness, settings, data })
}
