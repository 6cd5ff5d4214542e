/**
 * The learned state of a gradient boosting model and its checks on load. A loaded
 * state is checked for shape (zod) and for consistency (node references point
 * forward, features and bins exist), so a damaged file fails with ModelFormatError
 * instead of predicting garbage or looping.
 */
import { z } from "zod"
import { ModelFormatError } from "../../errors"
import { MAX_BINS } from "./quantile-bins"
import type { RegressionTree } from "./regression-tree"

export interface GradientBoostingState {
  /** Columns the model was trained on. */
  featureCount: number
  /** Log-odds every prediction starts from: that of the weighted positive rate of the training rows. */
  baseScore: number
  /** Per column, the increasing bin edges learned on the training rows. */
  binEdges: number[][]
  trees: RegressionTree[]
  /** Held-out log-loss after 0, 1, 2, ... trees when early stopping was on; empty otherwise. */
  validationLoss: number[]
}

const integers = z.array(z.number().int())
const numbers = z.array(z.number())

export const gradientBoostingStateSchema: z.ZodType<GradientBoostingState> = z.object({
  featureCount: z.number().int().positive(),
  baseScore: z.number(),
  binEdges: z.array(numbers),
  trees: z.array(
    z.object({ feature: integers, binThreshold: integers, left: integers, right: integers, value: numbers, gain: numbers })
  ),
  validationLoss: numbers,
})

function checkTree(tree: RegressionTree, index: number, binCounts: readonly number[]): void {
  const nodes = tree.feature.length
  const fail = (problem: string) => {
    throw new ModelFormatError(`gradient-boosting: tree ${index} ${problem}`)
  }
  if (nodes === 0) fail("has no nodes")
  for (const column of [tree.binThreshold, tree.left, tree.right, tree.value, tree.gain]) {
    if (column.length !== nodes) fail(`has node arrays of different lengths (${column.length} vs ${nodes})`)
  }
  for (let node = 0; node < nodes; node++) {
    const feature = tree.feature[node]
    if (feature < 0) continue
    if (feature >= binCounts.length) fail(`node ${node} tests column ${feature} of ${binCounts.length}`)
    const threshold = tree.binThreshold[node]
    if (threshold < 0 || threshold >= binCounts[feature]) fail(`node ${node} has bin threshold ${threshold}`)
    for (const child of [tree.left[node], tree.right[node]]) {
      if (child <= node || child >= nodes) fail(`node ${node} has child ${child}`)
    }
  }
}

/** Checks that a parsed state is consistent; throws ModelFormatError otherwise. */
export function checkGradientBoostingState(state: GradientBoostingState): void {
  if (state.binEdges.length !== state.featureCount) {
    const lists = state.binEdges.length
    throw new ModelFormatError(`gradient-boosting: ${lists} bin edge lists for ${state.featureCount} columns`)
  }
  state.binEdges.forEach((edges, j) => {
    if (edges.length >= MAX_BINS || edges.some((edge, i) => i > 0 && edge <= edges[i - 1])) {
      throw new ModelFormatError(`gradient-boosting: bin edges of column ${j} are not increasing or too many`)
    }
  })
  const binCounts = state.binEdges.map((edges) => edges.length + 1)
  state.trees.forEach((tree, index) => checkTree(tree, index, binCounts))
}
