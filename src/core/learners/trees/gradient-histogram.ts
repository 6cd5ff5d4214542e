/**
 * Gradient histograms: for each candidate feature and each of its bins, the sums of
 * gradient, hessian and row count over a node's rows. A split is then found by one
 * scan over the bins instead of sorting the rows. Layout: entry
 * (k * binStride + bin) * 3 holds the gradient sum, +1 the hessian sum, +2 the count,
 * where k is the feature's position in the node's feature list.
 */

/** Everything a histogram is built from; `binned` is row-major with `cols` columns. */
export interface BinnedGradients {
  readonly binned: Uint8Array
  readonly cols: number
  /** Per-row gradient, already multiplied by the sample weight. */
  readonly gradient: Float64Array
  /** Per-row hessian, already multiplied by the sample weight. */
  readonly hessian: Float64Array
}

export const HISTOGRAM_FIELDS = 3

/** Histogram of rows[start, end) over the given features. */
export function buildHistogram(
  data: BinnedGradients,
  features: readonly number[],
  binStride: number,
  rows: Uint32Array,
  start: number,
  end: number
): Float64Array {
  const histogram = new Float64Array(features.length * binStride * HISTOGRAM_FIELDS)
  const { binned, cols, gradient, hessian } = data
  const featureCount = features.length
  for (let r = start; r < end; r++) {
    const row = rows[r]
    const base = row * cols
    const g = gradient[row]
    const h = hessian[row]
    for (let k = 0; k < featureCount; k++) {
      const at = (k * binStride + binned[base + features[k]]) * HISTOGRAM_FIELDS
      histogram[at] += g
      histogram[at + 1] += h
      histogram[at + 2] += 1
    }
  }
  return histogram
}

/**
 * The subtraction trick: a parent's histogram minus one child's is the other
 * child's. Overwrites `parent` (no longer needed once split) and returns it.
 */
export function subtractHistogram(parent: Float64Array, child: Float64Array): Float64Array {
  for (let i = 0; i < parent.length; i++) parent[i] -= child[i]
  return parent
}
