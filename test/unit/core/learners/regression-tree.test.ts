import { matrixFromRows } from "../../../../src/core/linalg/matrix"
import { binIndex, binMatrix, learnBinEdges } from "../../../../src/core/learners/trees/quantile-bins"
import {
  growRegressionTree,
  predictBinnedRow,
  type RegressionTree,
  type TreeProblem,
  type TreeRules,
} from "../../../../src/core/learners/trees/regression-tree"

const rules = (overrides: Partial<TreeRules> = {}): TreeRules => ({
  maxDepth: 3,
  maxLeafNodes: 31,
  minSamplesLeaf: 1,
  l2: 0,
  learningRate: 1,
  ...overrides,
})

/** A problem over hand-binned rows (each row lists its bins), with hessian 1 per row unless given. */
function problem(binnedRows: number[][], gradient: number[], hessian?: number[]): TreeProblem {
  const cols = binnedRows[0].length
  const binCounts = Array.from({ length: cols }, (_, j) => Math.max(...binnedRows.map((r) => r[j])) + 1)
  return {
    binned: Uint8Array.from(binnedRows.flat()),
    cols,
    gradient: Float64Array.from(gradient),
    hessian: Float64Array.from(hessian ?? gradient.map(() => 1)),
    binCounts,
    rows: Uint32Array.from(binnedRows.keys()),
    features: Array.from({ length: cols }, (_, j) => j),
  }
}

function leafRowCounts(tree: RegressionTree, p: TreeProblem): Map<number, number> {
  const counts = new Map<number, number>()
  for (const row of p.rows) {
    let node = 0
    while (tree.feature[node] >= 0) {
      node = p.binned[row * p.cols + tree.feature[node]] <= tree.binThreshold[node] ? tree.left[node] : tree.right[node]
    }
    counts.set(node, (counts.get(node) ?? 0) + 1)
  }
  return counts
}

describe("quantile bins", () => {
  it("cuts half-way between distinct values when there are few of them", () => {
    const X = matrixFromRows([[3], [1], [2], [2]])
    expect(Array.from(learnBinEdges(X, [0, 1, 2, 3], 255)[0])).toEqual([1.5, 2.5])
  })

  it("cuts at midpoint percentiles when there are more distinct values than bins", () => {
    const X = matrixFromRows([[0], [1], [2], [3], [4], [5], [6], [7], [8], [9]])
    // positions k * 9 / 4 = 2.25, 4.5, 6.75 -> midpoints of values (2, 3), (4, 5), (6, 7)
    expect(Array.from(learnBinEdges(X, [0, 1, 2, 3, 4, 5, 6, 7, 8, 9], 4)[0])).toEqual([2.5, 4.5, 6.5])
  })

  it("learns edges from the given rows only", () => {
    const X = matrixFromRows([[0, 5], [1, 5], [100, 7]])
    const edges = learnBinEdges(X, [0, 1], 255)
    expect(edges.map((e) => Array.from(e))).toEqual([[0.5], []])
  })

  it("puts a value equal to an edge in the lower bin and values above every edge in the last", () => {
    const edges = Float64Array.from([1.5, 2.5])
    expect([0, 1.5, 2, 2.5, 3, 1e9].map((v) => binIndex(edges, v))).toEqual([0, 0, 1, 1, 2, 2])
    expect(Array.from(binMatrix(matrixFromRows([[1, 3], [2, 0]]), [edges, edges]))).toEqual([0, 2, 1, 0])
  })
})

describe("growRegressionTree", () => {
  it("makes a single split on the feature that separates the gradients, with Newton leaves", () => {
    // feature 0 separates negative from positive gradients; feature 1 alternates.
    const p = problem(
      [[0, 0], [0, 1], [0, 0], [1, 1], [1, 0], [1, 1]],
      [-1, -1, -1, 1, 1, 1]
    )
    const tree = growRegressionTree(p, rules({ maxDepth: 1, l2: 1, learningRate: 0.5 }))
    // leaves: -0.5 * G / (H + 1) = -0.5 * (-3) / 4 and -0.5 * 3 / 4
    // gain: 1/2 (9 / 4 + 9 / 4 - 0 / 7) = 2.25
    expect(tree).toEqual({
      feature: [0, -1, -1],
      binThreshold: [0, -1, -1],
      left: [1, -1, -1],
      right: [2, -1, -1],
      value: [0, 0.375, -0.375],
      gain: [2.25, 0, 0],
    })
    expect(predictBinnedRow(tree, p.binned, p.cols, 1)).toBe(0.375)
    expect(predictBinnedRow(tree, p.binned, p.cols, 4)).toBe(-0.375)
  })

  it("keeps a single leaf when no split reduces the loss", () => {
    const p = problem([[0], [1], [0], [1]], [1, 1, 1, 1])
    const tree = growRegressionTree(p, rules({ l2: 0 }))
    expect(tree.feature).toEqual([-1])
    expect(tree.value).toEqual([-1])
  })

  it("respects minSamplesLeaf", () => {
    const binned = [[0], [1], [2], [3], [4], [5]]
    const gradient = [-5, 1, 1, 1, 1, 1]
    const free = growRegressionTree(problem(binned, gradient), rules({ maxDepth: 1 }))
    expect(free.binThreshold[0]).toBe(0) // isolates row 0 when allowed
    const p = problem(binned, gradient)
    const constrained = growRegressionTree(p, rules({ maxDepth: 3, minSamplesLeaf: 2 }))
    const counts = leafRowCounts(constrained, p)
    expect(counts.size).toBeGreaterThan(1)
    for (const count of counts.values()) expect(count).toBeGreaterThanOrEqual(2)
  })

  it("grows XOR to depth 2, splitting the larger child from a subtracted histogram", () => {
    // XOR with unequal group sizes, gradients p - y at p = 0.5
    const groups: [number, number, number, number][] = [
      [0, 0, 0, 3],
      [0, 1, 1, 2],
      [1, 0, 1, 2],
      [1, 1, 0, 1],
    ]
    const rows: number[][] = []
    const gradient: number[] = []
    for (const [a, b, label, count] of groups) {
      for (let c = 0; c < count; c++) {
        rows.push([a, b])
        gradient.push(0.5 - label)
      }
    }
    const p = problem(rows, gradient, gradient.map(() => 0.25))
    const tree = growRegressionTree(p, rules({ maxDepth: 2 }))
    expect(leafRowCounts(tree, p).size).toBe(4)
    rows.forEach((_, i) => {
      const label = gradient[i] < 0 ? 1 : 0
      expect(predictBinnedRow(tree, p.binned, p.cols, i) > 0).toBe(label === 1)
    })
  })

  it("stops at maxLeafNodes, taking the larger gains first", () => {
    // Root: {0, 1} | {2, 3} (gain 18). Then splitting {0, 1} gains 4 and {2, 3} gains 1.
    const p = problem([[0], [1], [2], [3]], [-6, -2, 1, 3])
    const three = growRegressionTree(p, rules({ maxLeafNodes: 3 }))
    expect(three.binThreshold[0]).toBe(1)
    expect(three.gain[0]).toBe(18)
    expect(leafRowCounts(three, p).size).toBe(3)
    expect([0, 1, 2, 3].map((i) => predictBinnedRow(three, p.binned, p.cols, i))).toEqual([6, 2, -2, -2])
    const four = growRegressionTree(p, rules({ maxLeafNodes: 4 }))
    expect([0, 1, 2, 3].map((i) => predictBinnedRow(four, p.binned, p.cols, i))).toEqual([6, 2, -1, -3])
  })
})
