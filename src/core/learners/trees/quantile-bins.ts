/**
 * Quantile binning of feature columns. Each column's bin edges are learned on the
 * training rows only; a value falls in bin i when it is <= edges[i] and greater than
 * edges[i - 1], and in the last bin (index edges.length) when it is above every edge.
 * Trees then split on bin indices, so a split "bin <= t" means "value <= edges[t]".
 */
import type { Matrix } from "../../linalg/matrix"

/** Bins are stored one byte per value, so a column has at most 256 bins. */
export const MAX_BINS = 256

/** Bin edges of one column: at most maxBins - 1 increasing thresholds. */
function columnEdges(sorted: Float64Array, maxBins: number): number[] {
  const distinct: number[] = []
  for (let i = 0; i < sorted.length; i++) {
    if (i === 0 || sorted[i] !== sorted[i - 1]) distinct.push(sorted[i])
  }
  const edges: number[] = []
  if (distinct.length <= maxBins) {
    // One bin per distinct value, cut half-way between neighbours.
    for (let i = 1; i < distinct.length; i++) edges.push((distinct[i - 1] + distinct[i]) / 2)
    return edges
  }
  // Percentiles k / maxBins (k = 1 .. maxBins - 1), each the midpoint of the two
  // order statistics around position k (n - 1) / maxBins; repeated edges are merged.
  const n = sorted.length
  for (let k = 1; k < maxBins; k++) {
    const position = (k * (n - 1)) / maxBins
    const edge = (sorted[Math.floor(position)] + sorted[Math.ceil(position)]) / 2
    if (edges.length === 0 || edge > edges[edges.length - 1]) edges.push(edge)
  }
  return edges
}

/** Learns the bin edges of every column of X from the given rows (the training rows). */
export function learnBinEdges(X: Matrix, rows: ArrayLike<number>, maxBins: number): Float64Array[] {
  const edges: Float64Array[] = []
  const values = new Float64Array(rows.length)
  for (let j = 0; j < X.cols; j++) {
    for (let k = 0; k < rows.length; k++) values[k] = X.data[rows[k] * X.cols + j]
    edges.push(Float64Array.from(columnEdges(values.sort(), maxBins)))
  }
  return edges
}

/** Index of the bin holding `value`: the first i with value <= edges[i], else edges.length. */
export function binIndex(edges: Float64Array, value: number): number {
  let lo = 0
  let hi = edges.length
  while (lo < hi) {
    const mid = (lo + hi) >>> 1
    if (value <= edges[mid]) hi = mid
    else lo = mid + 1
  }
  return lo
}

/** Bins every value of X with the learned edges; the result is row-major like X. */
export function binMatrix(X: Matrix, edges: readonly Float64Array[]): Uint8Array {
  const binned = new Uint8Array(X.rows * X.cols)
  for (let i = 0; i < X.rows; i++) {
    for (let j = 0; j < X.cols; j++) binned[i * X.cols + j] = binIndex(edges[j], X.data[i * X.cols + j])
  }
  return binned
}
