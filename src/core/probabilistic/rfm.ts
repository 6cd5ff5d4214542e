import { InvalidInputError } from "../errors"

/** What the BG/NBD model needs of a customer (times in the model's time unit). */
export interface RepeatPurchaseHistory {
  /** Repeat purchases (purchase days after the first). */
  x: number
  /** Time from the first to the last purchase; 0 when x = 0. */
  tx: number
  /** Time from the first purchase to the end of the calibration period. */
  T: number
}

/** Throws InvalidInputError unless x is a whole number >= 0 and 0 <= tx <= T (tx = 0 when x = 0). */
export function validateHistory(h: RepeatPurchaseHistory, where: string): void {
  if (!Number.isInteger(h.x) || h.x < 0) throw new InvalidInputError(`${where}.x must be an integer >= 0, got ${h.x}`, "x")
  if (!Number.isFinite(h.T) || h.T < 0) throw new InvalidInputError(`${where}.T must be a finite number >= 0, got ${h.T}`, "T")
  if (!Number.isFinite(h.tx) || h.tx < 0 || h.tx > h.T) {
    throw new InvalidInputError(`${where}.tx must lie in [0, T = ${h.T}], got ${h.tx}`, "tx")
  }
  if (h.x === 0 && h.tx !== 0) throw new InvalidInputError(`${where}.tx must be 0 when x = 0, got ${h.tx}`, "tx")
}

/**
 * Customers grouped by equal (x, tx, T), with a count per group: likelihoods then
 * cost one evaluation per distinct history instead of one per customer.
 */
export interface GroupedHistories {
  x: Float64Array
  tx: Float64Array
  T: Float64Array
  count: Float64Array
  customers: number
}

export function groupHistories(histories: readonly RepeatPurchaseHistory[]): GroupedHistories {
  const groups = new Map<string, number>()
  const x: number[] = []
  const tx: number[] = []
  const T: number[] = []
  const count: number[] = []
  histories.forEach((h, i) => {
    validateHistory(h, `histories[${i}]`)
    const key = `${h.x}|${h.tx}|${h.T}`
    const g = groups.get(key)
    if (g !== undefined) {
      count[g]++
      return
    }
    groups.set(key, x.length)
    x.push(h.x)
    tx.push(h.tx)
    T.push(h.T)
    count.push(1)
  })
  return {
    x: Float64Array.from(x),
    tx: Float64Array.from(tx),
    T: Float64Array.from(T),
    count: Float64Array.from(count),
    customers: histories.length,
  }
}
