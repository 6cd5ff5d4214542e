/**
 * Seeded sampling without replacement for boosting: the rows of each tree
 * (subsample), the columns of each tree (colsampleByTree) and the held-out rows of
 * early stopping. Results are sorted ascending so rows are visited in memory order.
 */
import type { Random } from "../../random"

/** `count` distinct items of `pool`, drawn by a partial Fisher-Yates shuffle, sorted ascending. */
export function sampleWithoutReplacement(pool: ArrayLike<number>, count: number, random: Random): Uint32Array {
  const items = Uint32Array.from(pool)
  for (let i = 0; i < count; i++) {
    const j = i + random.int(items.length - i)
    const tmp = items[i]
    items[i] = items[j]
    items[j] = tmp
  }
  return items.slice(0, count).sort()
}

/** Row indices 0 .. n-1 split at random into `heldOut` rows and the rest, both sorted ascending. */
export function holdOutRows(n: number, heldOut: number, random: Random): { kept: Uint32Array; heldOut: Uint32Array } {
  const all = Uint32Array.from({ length: n }, (_, i) => i)
  const held = sampleWithoutReplacement(all, heldOut, random)
  const isHeld = new Uint8Array(n)
  for (const i of held) isHeld[i] = 1
  return { kept: all.filter((i) => isHeld[i] === 0), heldOut: held }
}
