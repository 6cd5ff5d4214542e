/**
 * The k best (id, score) pairs of a stream, kept in a binary min-heap so that choosing them
 * costs O(m log k) for m offers. Better means a higher score, then a lower id: the result is
 * deterministic whatever the order of the offers.
 */
export class TopK {
  private readonly ids: Int32Array
  private readonly scores: Float64Array
  private size = 0

  constructor(readonly capacity: number) {
    this.ids = new Int32Array(capacity)
    this.scores = new Float64Array(capacity)
  }

  /** True when (scoreA, idA) ranks below (scoreB, idB). */
  private worse(a: number, b: number): boolean {
    const { scores, ids } = this
    return scores[a] < scores[b] || (scores[a] === scores[b] && ids[a] > ids[b])
  }

  private swap(a: number, b: number): void {
    const { scores, ids } = this
    const id = ids[a]
    ids[a] = ids[b]
    ids[b] = id
    const score = scores[a]
    scores[a] = scores[b]
    scores[b] = score
  }

  offer(id: number, score: number): void {
    if (this.capacity === 0) return
    if (this.size < this.capacity) {
      let at = this.size++
      this.ids[at] = id
      this.scores[at] = score
      while (at > 0) {
        const parent = (at - 1) >> 1
        if (!this.worse(at, parent)) break
        this.swap(at, parent)
        at = parent
      }
      return
    }
    if (score < this.scores[0] || (score === this.scores[0] && id > this.ids[0])) return
    this.ids[0] = id
    this.scores[0] = score
    this.siftDown(0, this.size)
  }

  private siftDown(from: number, size: number): void {
    let at = from
    for (;;) {
      const left = 2 * at + 1
      let smallest = at
      if (left < size && this.worse(left, smallest)) smallest = left
      if (left + 1 < size && this.worse(left + 1, smallest)) smallest = left + 1
      if (smallest === at) return
      this.swap(at, smallest)
      at = smallest
    }
  }

  /** Calls emit(id, score) for the kept pairs, best first, and empties the heap. */
  drain(emit: (id: number, score: number) => void): void {
    // Heap sort in place: the worst goes to the end each time, leaving the array best first.
    const count = this.size
    for (let end = count - 1; end > 0; end--) {
      this.swap(0, end)
      this.siftDown(0, end)
    }
    for (let at = 0; at < count; at++) emit(this.ids[at], this.scores[at])
    this.size = 0
  }
}
