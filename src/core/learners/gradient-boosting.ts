/**
 * Histogram gradient boosting for binary classification, in the manner of
 * scikit-learn's HistGradientBoostingClassifier: features are cut into at most
 * `maxBins` quantile bins learned on the training rows, and each tree is grown
 * from gradient/hessian histograms with Newton leaves for the log-loss.
 *
 * Why our own: the maintained JavaScript tree learners were checked. ml-cart 2.1.1
 * (mljs) grows CART trees on exact sorted thresholds with gini or squared-error
 * leaves (leaf = mean target); it takes no sample weights and has no
 * gradient/hessian leaves, so boosting log-loss on it would mean rewriting the
 * tree anyway. ml-random-forest 2.1.0 bags ml-cart trees (no boosting). ml-xgboost
 * has a single published version (1.1.2), about 1,500 weekly downloads and depends
 * on ml-matrix 5 (current: 6), too little upkeep to build on. The algorithm itself
 * is small (the files under ./trees), so owning it gives seeded sampling, sample
 * weights and our JSON envelope at no extra cost.
 */
import { z } from "zod"
import type { Matrix } from "../linalg/matrix"
import { createRandom, type Random } from "../random"
import { boostTrees } from "./trees/boost"
import {
  checkGradientBoostingState,
  gradientBoostingStateSchema,
  type GradientBoostingState,
} from "./trees/gradient-boosting-format"
import {
  checkEnvelope,
  checkNumberOption,
  checkPredictionInput,
  checkTrainingSet,
  learnerFromParams,
  parseModelPart,
} from "./trees/learner-checks"
import { sigmoid } from "./trees/log-loss"
import { binMatrix, MAX_BINS } from "./trees/quantile-bins"
import { predictBinnedRow } from "./trees/regression-tree"
import type { BinaryClassifier, SerializedEstimator } from "./types"

export const GRADIENT_BOOSTING_TYPE = "gradient-boosting"
export const GRADIENT_BOOSTING_FORMAT_VERSION = 1

export interface GradientBoostingOptions {
  /**
   * Factor applied to every tree's leaf values (shrinkage).
   * @defaultValue 0.1
   */
  learningRate: number
  /**
   * Number of trees at most (fewer when early stopping ends training).
   * @defaultValue 100
   */
  maxIterations: number
  /**
   * Deepest level a leaf may sit at; the root is at depth 0.
   * @defaultValue 4
   */
  maxDepth: number
  /**
   * Leaves per tree at most; splits are taken best-gain-first.
   * @defaultValue 31
   */
  maxLeafNodes: number
  /**
   * Training rows every leaf must hold at least.
   * @defaultValue 20
   */
  minSamplesLeaf: number
  /**
   * L2 penalty on leaf values: a leaf predicts -sum(g) / (sum(h) + l2).
   * @defaultValue 1
   */
  l2: number
  /**
   * Quantile bins per feature at most (2 to 256).
   * @defaultValue 255
   */
  maxBins: number
  /**
   * Share of the training rows drawn, without replacement, for each tree.
   * @defaultValue 1
   */
  subsample: number
  /**
   * Share of the features drawn for each tree.
   * @defaultValue 1
   */
  colsampleByTree: number
  /**
   * Share of the rows held out for early stopping; 0 turns early stopping off.
   * @defaultValue 0
   */
  validationFraction: number
  /**
   * With early stopping: trees in a row without a lower held-out log-loss before training stops.
   * @defaultValue 10
   */
  patience: number
}

export const GRADIENT_BOOSTING_DEFAULTS: Readonly<GradientBoostingOptions> = {
  learningRate: 0.1, // shrinkage; smaller needs more trees but overfits less
  maxIterations: 100, // trees at most
  maxDepth: 4, // up to 16 leaves per tree: interactions of up to 4 features
  maxLeafNodes: 31, // as scikit-learn; with maxDepth 4 the depth is the binding limit
  minSamplesLeaf: 20, // as scikit-learn: no leaf fitted to a handful of customers
  l2: 1, // as XGBoost's lambda: damps leaves with little hessian
  maxBins: 255, // as scikit-learn; one byte per binned value
  subsample: 1, // every training row in every tree
  colsampleByTree: 1, // every feature in every tree
  validationFraction: 0, // no early stopping
  patience: 10, // as scikit-learn's n_iter_no_change
}

function checkOptions(options: GradientBoostingOptions): void {
  const check = (name: keyof GradientBoostingOptions, bound: Parameters<typeof checkNumberOption>[3]) =>
    checkNumberOption(GRADIENT_BOOSTING_TYPE, name, options[name], bound)
  check("learningRate", { min: 0, minExclusive: true, max: 1 })
  check("maxIterations", { integer: true, min: 1 })
  check("maxDepth", { integer: true, min: 1 })
  check("maxLeafNodes", { integer: true, min: 2 })
  check("minSamplesLeaf", { integer: true, min: 1 })
  check("l2", { min: 0 })
  check("maxBins", { integer: true, min: 2, max: MAX_BINS })
  check("subsample", { min: 0, minExclusive: true, max: 1 })
  check("colsampleByTree", { min: 0, minExclusive: true, max: 1 })
  check("validationFraction", { min: 0, max: 1, maxExclusive: true })
  check("patience", { integer: true, min: 1 })
}

/** The options' shape: checks saved models here and spec params in the learner factory. */
export const gradientBoostingOptionsSchema = z.strictObject({
  learningRate: z.number(),
  maxIterations: z.number(),
  maxDepth: z.number(),
  maxLeafNodes: z.number(),
  minSamplesLeaf: z.number(),
  l2: z.number(),
  maxBins: z.number(),
  subsample: z.number(),
  colsampleByTree: z.number(),
  validationFraction: z.number(),
  patience: z.number(),
})

/** A gradient boosting classifier; see the file comment. */
export class GradientBoostingClassifier implements BinaryClassifier {
  readonly type = GRADIENT_BOOSTING_TYPE
  readonly options: Readonly<GradientBoostingOptions>
  private state: GradientBoostingState | null = null
  private binEdges: Float64Array[] = []

  /** `random` drives row and feature sampling and the early-stopping hold-out. */
  constructor(options: Partial<GradientBoostingOptions>, private readonly random: Random) {
    this.options = { ...GRADIENT_BOOSTING_DEFAULTS, ...options }
    checkOptions(this.options)
  }

  /** Number of trees in the trained model (after early stopping, the best count). */
  get treeCount(): number {
    return this.fitted().trees.length
  }

  fit(X: Matrix, y: ArrayLike<number>, sampleWeight?: ArrayLike<number>): void {
    const weights = checkTrainingSet(GRADIENT_BOOSTING_TYPE, X, y, sampleWeight)
    this.setState(boostTrees(X, y, weights, this.options, this.random))
  }

  /** P(y = 1) = sigmoid(baseScore + sum of the trees' leaf values), rows binned with the learned edges. */
  predictProba(X: Matrix): Float64Array {
    const state = this.fitted()
    checkPredictionInput(GRADIENT_BOOSTING_TYPE, X, state.featureCount)
    const binned = binMatrix(X, this.binEdges)
    const proba = new Float64Array(X.rows)
    for (let i = 0; i < X.rows; i++) {
      let score = state.baseScore
      for (const tree of state.trees) score += predictBinnedRow(tree, binned, X.cols, i)
      proba[i] = sigmoid(score)
    }
    return proba
  }

  /** Total split gain (loss reduction) per feature over all trees. */
  featureImportance(): Float64Array {
    const state = this.fitted()
    const importance = new Float64Array(state.featureCount)
    for (const tree of state.trees) {
      tree.feature.forEach((feature, node) => {
        if (feature >= 0) importance[feature] += tree.gain[node]
      })
    }
    return importance
  }

  toJSON(): SerializedEstimator<GradientBoostingOptions, GradientBoostingState> {
    return {
      type: GRADIENT_BOOSTING_TYPE,
      version: GRADIENT_BOOSTING_FORMAT_VERSION,
      params: { ...this.options },
      state: structuredClone(this.fitted()),
    }
  }

  /**
   * Loads a model written by toJSON. `random` is only used if the loaded model is
   * fitted again. Throws ModelFormatError on a wrong type, version or content.
   */
  static fromJSON(json: unknown, random: Random = createRandom(0)): GradientBoostingClassifier {
    const envelope = checkEnvelope(json, GRADIENT_BOOSTING_TYPE, GRADIENT_BOOSTING_FORMAT_VERSION)
    const params = parseModelPart(GRADIENT_BOOSTING_TYPE, "params", gradientBoostingOptionsSchema, envelope.params)
    const state = parseModelPart(GRADIENT_BOOSTING_TYPE, "state", gradientBoostingStateSchema, envelope.state)
    checkGradientBoostingState(state)
    const model = learnerFromParams(GRADIENT_BOOSTING_TYPE, () => new GradientBoostingClassifier(params, random))
    model.setState(state)
    return model
  }

  private setState(state: GradientBoostingState): void {
    this.state = state
    this.binEdges = state.binEdges.map((edges) => Float64Array.from(edges))
  }

  private fitted(): GradientBoostingState {
    if (!this.state) throw new Error(`${GRADIENT_BOOSTING_TYPE}: call fit before using the model`)
    return this.state
  }
}
