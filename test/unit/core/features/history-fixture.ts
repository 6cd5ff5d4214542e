import { buildOrderHistory, type OrderHistory, type OrderLine } from "../../../../src/core/data/types"
import type { Random } from "../../../../src/core/random"

export const DAY_MS = 86_400_000
const START = Date.UTC(2024, 0, 1)

/** Epoch ms of `days` (possibly fractional) after 2024-01-01 00:00 UTC. */
export function day(days: number): number {
  return START + days * DAY_MS
}

export function line(
  customerId: string,
  orderId: string,
  days: number,
  productId: string,
  quantity: number,
  unitPrice: number,
  extra: Partial<OrderLine> = {}
): OrderLine {
  return { customerId, orderId, orderedAt: day(days), productId, quantity, unitPrice, ...extra }
}

/**
 * Three customers, cutoff day 200 (window of the last 90 days: [110, 200), previous: [20, 110)):
 * - A: orders at days 10, 100, 150 (gaps 90 and 50), a later line at day 200 (at the cutoff);
 * - B: one order at day 195.5 whose second line comes half a day later;
 * - C: two orders 6 hours apart on day 30;
 * - D: only after the cutoff (day 205).
 */
export const SMALL_LINES: OrderLine[] = [
  line("A", "A1", 10, "P1", 2, 5, { category: "toys", country: "France" }),
  line("A", "A1", 10, "P2", 1, 20, { category: "books", country: "France" }),
  line("C", "C1", 30, "P5", 1, 100, { country: "France" }),
  line("C", "C2", 30.25, "P5", 1, 100, { country: "France" }),
  line("A", "A2", 100, "P1", 3, 5, { category: "toys", country: "France" }),
  line("A", "A3", 150, "P3", 1, 40, { country: "Germany" }),
  line("A", "A3", 150, "P2", 2, 20, { category: "books", country: "Germany" }),
  line("B", "B1", 195.5, "P1", 4, 2.5),
  line("B", "B1", 196, "P4", 1, 6),
  line("A", "A4", 200, "P9", 100, 1000, { category: "furniture", country: "Spain" }),
  line("D", "D1", 205, "P1", 1, 5, { country: "Italy" }),
  line("B", "B2", 210, "P1", 1, 5),
]

export function smallHistory(): OrderHistory {
  return buildOrderHistory(SMALL_LINES)
}

/**
 * `customers` customers over days 0 .. 400: each starts at a random day, buys at a random
 * rate with 1 to 3 lines per order, and may stop buying; a few countries.
 */
export function randomLines(customers: number, random: Random): OrderLine[] {
  const lines: OrderLine[] = []
  const countries = ["UK", "UK", "UK", "France", "Germany", "Spain"]
  for (let c = 0; c < customers; c++) {
    const id = `c${c}`
    const country = countries[random.int(countries.length)]
    const meanGap = 5 + random.next() * 80
    const stopAt = random.next() < 0.4 ? random.next() * 400 : 400
    let at = random.next() * 250
    for (let order = 0; order === 0 || at < Math.min(stopAt, 400); order++) {
      const lineCount = 1 + random.int(3)
      for (let k = 0; k < lineCount; k++) {
        lines.push(line(id, `${id}-o${order}`, at, `P${random.int(12)}`, 1 + random.int(5), 1 + random.int(20), { country }))
      }
      at += 0.5 + random.next() * 2 * meanGap
    }
  }
  return lines
}
