/**
 * Top-k neighbours of every product from weighted co-occurrence contexts.
 *
 * Row by row (Gustavson's sparse product): for product i, walk the contexts holding i and add
 * f_c · min(w_ci, w_cj) for each other product j of those contexts into a dense accumulator,
 * score the touched products (similarity.ts), keep the k best and reset only what was touched.
 * The kept list is then reshaped: weights w_j = s_j^p, divided by Σ_j w_j over the list when
 * listNormalisation is "sum"; the table stores these weights.
 * Time is Σ_c |c|² (pairs inside contexts, never all pairs of the catalogue) and memory is
 * O(products + entries + products × k).
 */
import type { WeightedContexts } from "./contexts"
import { roundScore } from "./round"
import { similarity, similarityScales, type Normalisation } from "./similarity"
import { TopK } from "./top-k"

/** ids[start[i] .. start[i + 1]) are product i's neighbours, best first, with their scores. */
export interface NeighbourTable {
  start: Int32Array
  ids: Int32Array
  scores: Float64Array
}

export const LIST_NORMALISATIONS = ["none", "sum"] as const
export type ListNormalisation = (typeof LIST_NORMALISATIONS)[number]

export interface NeighbourTableOptions {
  normalisation: Normalisation
  damping: number
  /** p: each kept score s becomes s^p (p > 1 sharpens a list towards its best neighbours). */
  sharpening: number
  /** "sum": each product's list is divided by its sum, so every product casts the same total vote in a sum of lists. */
  listNormalisation: ListNormalisation
  /** Fewest contexts (unweighted) that must hold both products. */
  minSupport: number
  /** Neighbours kept per product. */
  neighbours: number
}

/** Which contexts hold each product, and the product's weight in them. */
function invert(contexts: WeightedContexts, productCount: number) {
  const { start, items, weights } = contexts
  const at = new Int32Array(productCount + 1)
  for (let k = 0; k < items.length; k++) at[items[k] + 1]++
  for (let p = 0; p < productCount; p++) at[p + 1] += at[p]
  const fill = at.slice(0, productCount)
  const context = new Int32Array(items.length)
  const weight = new Float64Array(items.length)
  for (let c = 0; c + 1 < start.length; c++) {
    for (let k = start[c]; k < start[c + 1]; k++) {
      const slot = fill[items[k]]++
      context[slot] = c
      weight[slot] = weights[k]
    }
  }
  return { at, context, weight }
}

export function buildNeighbourTable(
  contexts: WeightedContexts,
  productCount: number,
  options: NeighbourTableOptions,
): NeighbourTable {
  const { start, items, weights, factor } = contexts
  const inverted = invert(contexts, productCount)
  const counts = new Float64Array(productCount)
  for (let p = 0; p < productCount; p++) {
    for (let k = inverted.at[p]; k < inverted.at[p + 1]; k++) counts[p] += inverted.weight[k] * factor[inverted.context[k]]
  }
  const scales = similarityScales(options.normalisation, options.damping, counts, start.length - 1)

  const co = new Float64Array(productCount)
  const support = new Int32Array(productCount)
  const touched = new Int32Array(productCount)
  const best = new TopK(options.neighbours)
  const outStart = new Int32Array(productCount + 1)
  let outIds = new Int32Array(Math.min(productCount * options.neighbours, 1 << 16))
  let outScores = new Float64Array(outIds.length)
  let outCount = 0
  for (let i = 0; i < productCount; i++) {
    let touchedCount = 0
    for (let k = inverted.at[i]; k < inverted.at[i + 1]; k++) {
      const c = inverted.context[k]
      const wi = inverted.weight[k]
      const f = factor[c]
      for (let q = start[c]; q < start[c + 1]; q++) {
        const j = items[q]
        if (j === i) continue
        if (support[j] === 0) touched[touchedCount++] = j
        support[j]++
        co[j] += f * (wi < weights[q] ? wi : weights[q])
      }
    }
    for (let t = 0; t < touchedCount; t++) {
      const j = touched[t]
      if (support[j] >= options.minSupport) {
        best.offer(j, similarity(options.normalisation, co[j], i, j, counts, scales))
      }
      co[j] = 0
      support[j] = 0
    }
    if (outCount + options.neighbours > outIds.length) {
      const capacity = Math.min(productCount * options.neighbours, 2 * (outCount + options.neighbours))
      outIds = grown(outIds, new Int32Array(capacity))
      outScores = grown(outScores, new Float64Array(capacity))
    }
    const rowStart = outCount
    let rowSum = 0
    best.drain((id, score) => {
      const weight = Math.pow(score, options.sharpening)
      outIds[outCount] = id
      outScores[outCount++] = weight
      rowSum += weight
    })
    const divisor = options.listNormalisation === "sum" && rowSum > 0 ? rowSum : 1
    for (let at = rowStart; at < outCount; at++) outScores[at] = roundScore(outScores[at] / divisor)
    outStart[i + 1] = outCount
  }
  return { start: outStart, ids: outIds.slice(0, outCount), scores: outScores.slice(0, outCount) }
}

function grown<T extends Int32Array | Float64Array>(from: T, to: T): T {
  to.set(from)
  return to
}
