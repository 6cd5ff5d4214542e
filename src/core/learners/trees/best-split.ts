/**
 * Best split of a node from its gradient histogram, by the second-order loss
 * reduction of gradient boosting (Chen & Guestrin 2016, eq. 7):
 *
 *   gain = 1/2 * [ G_L^2 / (H_L + l2) + G_R^2 / (H_R + l2) - G^2 / (H + l2) ]
 *
 * where G and H are the sums of gradients and hessians of the node's rows and L, R
 * its two children. The best leaf value of a node is -G / (H + l2).
 */
import { HISTOGRAM_FIELDS } from "./gradient-histogram"

/** Gradient sum, hessian sum and row count of a node. */
export interface NodeTotals {
  gradient: number
  hessian: number
  count: number
}

/** A split "bin of `feature` <= `bin` goes left". */
export interface SplitCandidate {
  feature: number
  bin: number
  gain: number
  left: NodeTotals
  right: NodeTotals
}

/** Limits a split must respect. */
export interface SplitRules {
  /** Rows each child must hold at least. */
  minSamplesLeaf: number
  /** L2 penalty on leaf values. */
  l2: number
}

/**
 * A child with less hessian than this would get an ill-determined leaf value
 * (hessians vanish where predictions are already near 0 or 1).
 */
export const MIN_CHILD_HESSIAN = 1e-3

/** Splits gaining less than this are rounding noise, not structure. */
export const MIN_SPLIT_GAIN = 1e-9

/** Loss term G^2 / (H + l2) of one node. */
function score(gradient: number, hessian: number, l2: number): number {
  return (gradient * gradient) / (hessian + l2)
}

/**
 * Scans every bin boundary of every feature in `features` (in histogram order) and
 * returns the split with the largest gain, or null when none is allowed or useful.
 * Ties keep the earlier feature and the lower bin, so the result is deterministic.
 */
export function findBestSplit(
  histogram: Float64Array,
  features: readonly number[],
  binCounts: readonly number[],
  binStride: number,
  totals: NodeTotals,
  rules: SplitRules
): SplitCandidate | null {
  const parentScore = score(totals.gradient, totals.hessian, rules.l2)
  let best: SplitCandidate | null = null
  for (let k = 0; k < features.length; k++) {
    const feature = features[k]
    let gradientLeft = 0
    let hessianLeft = 0
    let countLeft = 0
    for (let bin = 0; bin < binCounts[feature] - 1; bin++) {
      const at = (k * binStride + bin) * HISTOGRAM_FIELDS
      gradientLeft += histogram[at]
      hessianLeft += histogram[at + 1]
      countLeft += histogram[at + 2]
      const countRight = totals.count - countLeft
      if (countLeft < rules.minSamplesLeaf) continue
      if (countRight < rules.minSamplesLeaf) break
      const gradientRight = totals.gradient - gradientLeft
      const hessianRight = totals.hessian - hessianLeft
      if (hessianLeft < MIN_CHILD_HESSIAN || hessianRight < MIN_CHILD_HESSIAN) continue
      const gain =
        0.5 * (score(gradientLeft, hessianLeft, rules.l2) + score(gradientRight, hessianRight, rules.l2) - parentScore)
      if (gain > MIN_SPLIT_GAIN && (best === null || gain > best.gain)) {
        best = {
          feature,
          bin,
          gain,
          left: { gradient: gradientLeft, hessian: hessianLeft, count: countLeft },
          right: { gradient: gradientRight, hessian: hessianRight, count: countRight },
        }
      }
    }
  }
  return best
}
