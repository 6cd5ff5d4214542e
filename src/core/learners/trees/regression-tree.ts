/**
 * One regression tree of gradient boosting, grown on binned features from
 * per-row gradients and hessians. Splits are taken best-gain-first (so
 * `maxLeafNodes` keeps the most useful ones) down to `maxDepth`; each leaf
 * predicts the Newton step -learningRate * G / (H + l2) of its rows. The child
 * with fewer rows gets a histogram built from its rows, the other one gets the
 * parent's minus it.
 */
import { buildHistogram, subtractHistogram, type BinnedGradients } from "./gradient-histogram"
import { findBestSplit, type NodeTotals, type SplitCandidate, type SplitRules } from "./best-split"

/**
 * A tree as parallel arrays indexed by node (node 0 is the root). Plain arrays so
 * that it serializes to JSON as it is.
 */
export interface RegressionTree {
  /** Column tested at the node; -1 at a leaf. */
  feature: number[]
  /** Rows whose bin of `feature` is <= this go to `left`, the others to `right`. */
  binThreshold: number[]
  /** Child node indices; -1 at a leaf. */
  left: number[]
  right: number[]
  /** Output of a leaf (learning rate included); 0 at an inner node. */
  value: number[]
  /** Loss reduction of the node's split; 0 at a leaf. */
  gain: number[]
}

/** What a tree is grown on: binned rows with gradients, and which rows and features to use. */
export interface TreeProblem extends BinnedGradients {
  /** Number of bins of each column (edges + 1). */
  readonly binCounts: readonly number[]
  /** Rows (indices into `binned`) the tree is grown on. */
  readonly rows: Uint32Array
  /** Columns the tree may split on, ascending. */
  readonly features: readonly number[]
}

export interface TreeRules extends SplitRules {
  /** Deepest level a leaf may sit at; the root is at depth 0. */
  maxDepth: number
  /** Leaves the tree may have at most. */
  maxLeafNodes: number
  /** Factor applied to every leaf's Newton step. */
  learningRate: number
}

/** A leaf with a useful split, waiting for its turn. */
interface SplittableLeaf {
  node: number
  /** The leaf's rows are rows[start, end) of the partitioned row array. */
  start: number
  end: number
  depth: number
  split: SplitCandidate
  /** The histogram the split was found in. */
  histogram: Float64Array
}

function addNode(tree: RegressionTree): number {
  tree.feature.push(-1)
  tree.binThreshold.push(-1)
  tree.left.push(-1)
  tree.right.push(-1)
  tree.value.push(0)
  tree.gain.push(0)
  return tree.feature.length - 1
}

/** Stable in-place partition of rows[start, end): rows going left first. Returns the first right position. */
function partitionRows(problem: TreeProblem, rows: Uint32Array, scratch: Uint32Array, leaf: SplittableLeaf): number {
  const { split } = leaf
  let leftEnd = leaf.start
  let rightCount = 0
  for (let r = leaf.start; r < leaf.end; r++) {
    const row = rows[r]
    if (problem.binned[row * problem.cols + split.feature] <= split.bin) rows[leftEnd++] = row
    else scratch[rightCount++] = row
  }
  rows.set(scratch.subarray(0, rightCount), leftEnd)
  return leftEnd
}

/** Grows one tree; the tree has a single leaf when no split is allowed or useful. */
export function growRegressionTree(problem: TreeProblem, rules: TreeRules): RegressionTree {
  const tree: RegressionTree = { feature: [], binThreshold: [], left: [], right: [], value: [], gain: [] }
  const binStride = Math.max(...problem.features.map((f) => problem.binCounts[f]))
  const rows = problem.rows.slice()
  const scratch = new Uint32Array(rows.length)
  const splittable: SplittableLeaf[] = []

  // Adds a leaf holding rows[start, end); queues it when it may and should be split.
  const addLeaf = (start: number, end: number, depth: number, totals: NodeTotals, histogram: () => Float64Array): number => {
    const node = addNode(tree)
    tree.value[node] = (-rules.learningRate * totals.gradient) / (totals.hessian + rules.l2)
    if (depth < rules.maxDepth && end - start >= 2 * rules.minSamplesLeaf) {
      const built = histogram()
      const split = findBestSplit(built, problem.features, problem.binCounts, binStride, totals, rules)
      if (split) splittable.push({ node, start, end, depth, split, histogram: built })
    }
    return node
  }

  const rootTotals: NodeTotals = { gradient: 0, hessian: 0, count: rows.length }
  for (const row of rows) {
    rootTotals.gradient += problem.gradient[row]
    rootTotals.hessian += problem.hessian[row]
  }
  addLeaf(0, rows.length, 0, rootTotals, () => buildHistogram(problem, problem.features, binStride, rows, 0, rows.length))

  for (let leaves = 1; leaves < rules.maxLeafNodes && splittable.length > 0; leaves++) {
    let pick = 0
    for (let i = 1; i < splittable.length; i++) {
      if (splittable[i].split.gain > splittable[pick].split.gain) pick = i
    }
    const [leaf] = splittable.splice(pick, 1)
    const { node, start, end, depth, split } = leaf
    const mid = partitionRows(problem, rows, scratch, leaf)
    const leftIsSmaller = mid - start <= end - mid
    let smallerHistogram: Float64Array | null = null
    const smaller = (): Float64Array =>
      (smallerHistogram ??= leftIsSmaller
        ? buildHistogram(problem, problem.features, binStride, rows, start, mid)
        : buildHistogram(problem, problem.features, binStride, rows, mid, end))
    const larger = (): Float64Array => subtractHistogram(leaf.histogram, smaller())

    tree.feature[node] = split.feature
    tree.binThreshold[node] = split.bin
    tree.gain[node] = split.gain
    tree.value[node] = 0
    tree.left[node] = addLeaf(start, mid, depth + 1, split.left, leftIsSmaller ? smaller : larger)
    tree.right[node] = addLeaf(mid, end, depth + 1, split.right, leftIsSmaller ? larger : smaller)
  }
  return tree
}

/** The tree's output for row `row` of a row-major binned matrix with `cols` columns. */
export function predictBinnedRow(tree: RegressionTree, binned: Uint8Array, cols: number, row: number): number {
  let node = 0
  while (tree.feature[node] >= 0) {
    node = binned[row * cols + tree.feature[node]] <= tree.binThreshold[node] ? tree.left[node] : tree.right[node]
  }
  return tree.value[node]
}
