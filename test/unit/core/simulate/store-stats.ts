import type { OrderLine } from "../../../../src/core/data"

/** Product ids of each order, keyed by order id. */
export function basketsOf(lines: readonly OrderLine[]): Map<string, Set<string>> {
  const baskets = new Map<string, Set<string>>()
  for (const line of lines) {
    const basket = baskets.get(line.orderId) ?? new Set<string>()
    basket.add(line.productId)
    baskets.set(line.orderId, basket)
  }
  return baskets
}

/**
 * Observed and independence-expected co-occurrences of the given product pairs in the same order:
 * expected = sum over pairs of n_A * n_B / orders, where n_X counts orders holding X.
 */
export function coOccurrence(
  baskets: Map<string, Set<string>>,
  pairs: readonly (readonly [string, string])[],
): { observed: number; expected: number } {
  const key = (a: string, b: string) => (a < b ? `${a} ${b}` : `${b} ${a}`)
  const wanted = new Set(pairs.map(([a, b]) => key(a, b)))
  const ordersWith = new Map<string, number>()
  let observed = 0
  for (const basket of baskets.values()) {
    const products = [...basket]
    products.forEach((a, i) => {
      ordersWith.set(a, (ordersWith.get(a) ?? 0) + 1)
      for (const b of products.slice(i + 1)) if (wanted.has(key(a, b))) observed++
    })
  }
  let expected = 0
  for (const [a, b] of pairs) expected += ((ordersWith.get(a) ?? 0) * (ordersWith.get(b) ?? 0)) / baskets.size
  return { observed, expected }
}

/** Lines per UTC month (0 = January) or per UTC weekday (0 = Sunday). */
export function countBy(lines: readonly OrderLine[], key: (date: Date) => number, size: number): number[] {
  const counts = new Array<number>(size).fill(0)
  for (const line of lines) counts[key(new Date(line.orderedAt))]++
  return counts
}
