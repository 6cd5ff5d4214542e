import { randomBytes } from "node:crypto"

/**
 * Time-sortable ids with a prefix, e.g. "mlver_0mhz3k1s2a7f9c2d4e6b8a10": the first
 * 10 characters are the creation time in base 36, so ids sort in creation order.
 */
export function newId(prefix: string, now: number = Date.now()): string {
  return `${prefix}_${now.toString(36).padStart(10, "0")}${randomBytes(8).toString("hex")}`
}
