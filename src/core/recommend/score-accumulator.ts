/**
 * A dense score per product plus the list of products touched, so that summing neighbour lists
 * and picking the best costs O(entries touched), not O(catalogue), per query.
 */
import { TopK } from "./top-k"

export class ScoreAccumulator {
  readonly scores: Float64Array
  private readonly touched: Int32Array
  private readonly seen: Uint8Array
  private touchedSize = 0

  constructor(productCount: number) {
    this.scores = new Float64Array(productCount)
    this.touched = new Int32Array(productCount)
    this.seen = new Uint8Array(productCount)
  }

  add(product: number, value: number): void {
    if (this.seen[product] === 0) {
      this.seen[product] = 1
      this.touched[this.touchedSize++] = product
    }
    this.scores[product] += value
  }

  /** Products touched since the last clear. */
  get touchedCount(): number {
    return this.touchedSize
  }

  /** The t-th product touched (t < touchedCount), in the order they were first touched. */
  touchedProduct(t: number): number {
    return this.touched[t]
  }

  /** Takes a product out of the running (its score becomes 0). */
  exclude(product: number): void {
    this.scores[product] = 0
  }

  /** The n best touched products with a score > 0, best first. */
  best(n: number): Array<{ product: number; score: number }> {
    const top = new TopK(n)
    for (let t = 0; t < this.touchedSize; t++) {
      const product = this.touched[t]
      const score = this.scores[product]
      if (score > 0) top.offer(product, score)
    }
    const out: Array<{ product: number; score: number }> = []
    top.drain((product, score) => out.push({ product, score }))
    return out
  }

  /** Sets every touched score back to 0. */
  clear(): void {
    for (let t = 0; t < this.touchedSize; t++) {
      this.scores[this.touched[t]] = 0
      this.seen[this.touched[t]] = 0
    }
    this.touchedSize = 0
  }
}
