/**
 * A feed-forward neural network for binary classification: a thin wrapper around
 * brain.js 1.6.1's `NeuralNetwork` (one output node, trained by brain.js's
 * per-row backpropagation on squared error). Inputs are expected standardised.
 *
 * - Determinism: brain.js draws its initial weights from Math.random. Instead the
 *   network is created from a JSON description whose weights and biases we draw
 *   from our seeded Random (uniform in [-0.2, 0.2), brain.js's own distribution)
 *   and loaded with brain.js's public `fromJSON`; training itself uses no
 *   randomness. Math.random is never replaced.
 * - Sample weights: brain.js has none. Weights are scaled to a mean of 1 and each
 *   row is repeated round(weight) times (a row rounding to 0 is left out), so
 *   the training set keeps about its size. The repeated rows are shuffled once
 *   with the seeded Random, since brain.js visits rows in the given order.
 * - Activation: brain.js 1.6.1 applies it to every layer, the output included.
 *   "sigmoid" gives probabilities directly; with "tanh" the output is clamped to
 *   [0, 1] (tanh wants a smaller learningRate, about 0.05). "relu" is not offered:
 *   on the output node it can die at 0 for every row (seen on XOR with some
 *   seeds); nor is "leaky-relu": 1.6.1's forward pass computes 0 for negative sums
 *   and alpha * sum for positive ones.
 */
import { NeuralNetwork, type INeuralNetworkJSON, type INeuralNetworkTrainingOptions } from "brain.js"
import { z } from "zod"
import { InvalidInputError, ModelFormatError } from "../errors"
import type { Matrix } from "../linalg/matrix"
import { createRandom, shuffled, type Random } from "../random"
import {
  checkEnvelope,
  checkNumberOption,
  checkPredictionInput,
  checkTrainingSet,
  learnerFromParams,
  parseModelPart,
} from "./trees/learner-checks"
import type { BinaryClassifier, SerializedEstimator } from "./types"

export const NEURAL_NETWORK_TYPE = "neural-network"
export const NEURAL_NETWORK_FORMAT_VERSION = 1

const ACTIVATIONS = ["sigmoid", "tanh"] as const
export type NeuralNetworkActivation = (typeof ACTIVATIONS)[number]

export interface NeuralNetworkOptions {
  /**
   * Sizes of the hidden layers; [] trains a single-layer network (no hidden layer).
   * @defaultValue [16]
   */
  hiddenLayers: number[]
  /**
   * Step size of backpropagation; brain.js requires 0 < learningRate < 1.
   * @defaultValue 0.3
   */
  learningRate: number
  /**
   * Share of the previous weight change added to the next one; brain.js requires 0 < momentum < 1.
   * @defaultValue 0.1
   */
  momentum: number
  /**
   * Passes over the training rows at most.
   * @defaultValue 100
   */
  iterations: number
  /**
   * Training stops once the mean squared error falls to this; brain.js requires 0 < errorThresh < 1.
   * @defaultValue 0.005
   */
  errorThresh: number
  /**
   * Activation of every layer, the output layer included (see the file comment).
   * @defaultValue "sigmoid"
   */
  activation: NeuralNetworkActivation
}

export const NEURAL_NETWORK_DEFAULTS: Readonly<NeuralNetworkOptions> = {
  hiddenLayers: [16], // one hidden layer: enough for interactions of standardised features
  learningRate: 0.3, // brain.js's default
  momentum: 0.1, // brain.js's default
  iterations: 100, // brain.js's 20,000 is far too slow: a pass over 5,000 rows x 30 inputs takes about 55 ms
  errorThresh: 0.005, // brain.js's default
  activation: "sigmoid", // output in (0, 1), read as a probability
}

/** Largest hidden layer accepted (a guard against typos like 1600 for 16). */
const MAX_LAYER_SIZE = 1024

/** brain.js's initial weights are uniform in [-INITIAL_WEIGHT_RANGE, INITIAL_WEIGHT_RANGE). */
const INITIAL_WEIGHT_RANGE = 0.2

function checkOptions(options: NeuralNetworkOptions): void {
  const learner = NEURAL_NETWORK_TYPE
  options.hiddenLayers.forEach((size, i) =>
    checkNumberOption(learner, `hiddenLayers[${i}]`, size, { integer: true, min: 1, max: MAX_LAYER_SIZE })
  )
  const open01 = { min: 0, minExclusive: true, max: 1, maxExclusive: true }
  checkNumberOption(learner, "learningRate", options.learningRate, open01)
  checkNumberOption(learner, "momentum", options.momentum, open01)
  checkNumberOption(learner, "iterations", options.iterations, { integer: true, min: 1 })
  checkNumberOption(learner, "errorThresh", options.errorThresh, open01)
  if (!ACTIVATIONS.includes(options.activation)) {
    throw new InvalidInputError(
      `${learner}: option activation is "${options.activation}", it must be one of ${ACTIVATIONS.join(", ")}`,
      "activation"
    )
  }
}

/** The options' shape: checks saved models here and spec params in the learner factory. */
export const neuralNetworkOptionsSchema = z.strictObject({
  hiddenLayers: z.array(z.number()),
  learningRate: z.number(),
  momentum: z.number(),
  iterations: z.number(),
  errorThresh: z.number(),
  activation: z.enum(ACTIVATIONS),
})

/** The part of brain.js's network JSON this wrapper reads and checks. */
const nodeSchema = z.object({ bias: z.number().optional(), weights: z.record(z.string(), z.number()).optional() })
const networkSchema = z.object({
  sizes: z.array(z.number().int().positive()),
  layers: z.array(z.record(z.string(), nodeSchema)),
  inputLookup: z.boolean().nullable(),
  outputLookup: z.boolean().nullable(),
  activation: z.enum(ACTIVATIONS),
  trainOpts: z.object({
    iterations: z.number().optional(),
    errorThresh: z.number().optional(),
    learningRate: z.number().optional(),
    momentum: z.number().optional(),
    log: z.boolean().optional(),
    logPeriod: z.number().optional(),
    callbackPeriod: z.number().optional(),
  }),
})
type NetworkJson = z.infer<typeof networkSchema>

export interface NeuralNetworkState {
  /** Columns the network was trained on. */
  featureCount: number
  /** The network as brain.js's toJSON writes it. */
  network: NetworkJson
}

const stateSchema: z.ZodType<NeuralNetworkState> = z.object({
  featureCount: z.number().int().positive(),
  network: networkSchema,
})

/** A network description with seeded initial weights, loadable by brain.js's fromJSON. */
function initialNetwork(sizes: number[], options: NeuralNetworkOptions, random: Random): INeuralNetworkJSON {
  const draw = () => (2 * random.next() - 1) * INITIAL_WEIGHT_RANGE
  const layers = sizes.map((size, layer) => {
    const nodes: Record<string, z.infer<typeof nodeSchema>> = {}
    for (let node = 0; node < size; node++) {
      if (layer === 0) {
        nodes[node] = {}
        continue
      }
      const bias = draw()
      const weights: Record<string, number> = {}
      for (let k = 0; k < sizes[layer - 1]; k++) weights[k] = draw()
      nodes[node] = { bias, weights }
    }
    return nodes
  })
  return {
    sizes,
    layers,
    // null, not false, so that brain.js's toJSON reports no lookups
    inputLookup: null,
    outputLookup: null,
    activation: options.activation,
    trainOpts: trainingOptions(options),
  }
}

function trainingOptions(options: NeuralNetworkOptions): INeuralNetworkTrainingOptions {
  const { iterations, errorThresh, learningRate, momentum } = options
  return { iterations, errorThresh, learningRate, momentum, log: false }
}

/** Training rows for brain.js: each row repeated round(weight / mean weight) times, shuffled. */
function trainingData(X: Matrix, y: ArrayLike<number>, weights: Float64Array, random: Random) {
  const meanWeight = weights.reduce((sum, w) => sum + w, 0) / weights.length
  const data: { input: number[]; output: number[] }[] = []
  for (let i = 0; i < X.rows; i++) {
    const copies = Math.round(weights[i] / meanWeight)
    const input = Array.from(X.data.subarray(i * X.cols, (i + 1) * X.cols))
    for (let c = 0; c < copies; c++) data.push({ input, output: [y[i]] })
  }
  return shuffled(data, random)
}

/** A brain.js network classifier; see the file comment. */
export class NeuralNetworkClassifier implements BinaryClassifier {
  readonly type = NEURAL_NETWORK_TYPE
  readonly options: Readonly<NeuralNetworkOptions>
  private trained: { state: NeuralNetworkState; network: NeuralNetwork } | null = null

  /** `random` draws the initial weights and the order of the training rows. */
  constructor(options: Partial<NeuralNetworkOptions>, private readonly random: Random) {
    this.options = { ...NEURAL_NETWORK_DEFAULTS, ...options }
    checkOptions(this.options)
  }

  fit(X: Matrix, y: ArrayLike<number>, sampleWeight?: ArrayLike<number>): void {
    const weights = checkTrainingSet(NEURAL_NETWORK_TYPE, X, y, sampleWeight)
    const sizes = [X.cols, ...this.options.hiddenLayers, 1]
    const network = new NeuralNetwork().fromJSON(initialNetwork(sizes, this.options, this.random))
    network.train(trainingData(X, y, weights, this.random), trainingOptions(this.options))
    this.setTrained({ featureCount: X.cols, network: readNetwork(network.toJSON()) })
  }

  /** The network's output per row, clamped to [0, 1]. */
  predictProba(X: Matrix): Float64Array {
    const { state, network } = this.fitted()
    checkPredictionInput(NEURAL_NETWORK_TYPE, X, state.featureCount)
    const proba = new Float64Array(X.rows)
    for (let i = 0; i < X.rows; i++) {
      const [output] = network.run(Array.from(X.data.subarray(i * X.cols, (i + 1) * X.cols)))
      proba[i] = Math.min(1, Math.max(0, output))
    }
    return proba
  }

  /** Sum of the absolute first-layer weights leaving each input. */
  featureImportance(): Float64Array {
    const { state } = this.fitted()
    const importance = new Float64Array(state.featureCount)
    for (const node of Object.values(state.network.layers[1])) {
      for (let k = 0; k < state.featureCount; k++) importance[k] += Math.abs(node.weights?.[k] ?? 0)
    }
    return importance
  }

  toJSON(): SerializedEstimator<NeuralNetworkOptions, NeuralNetworkState> {
    return {
      type: NEURAL_NETWORK_TYPE,
      version: NEURAL_NETWORK_FORMAT_VERSION,
      params: structuredClone({ ...this.options }),
      state: structuredClone(this.fitted().state),
    }
  }

  /**
   * Loads a model written by toJSON. `random` is only used if the loaded model is
   * fitted again. Throws ModelFormatError on a wrong type, version or content.
   */
  static fromJSON(json: unknown, random: Random = createRandom(0)): NeuralNetworkClassifier {
    const envelope = checkEnvelope(json, NEURAL_NETWORK_TYPE, NEURAL_NETWORK_FORMAT_VERSION)
    const params = parseModelPart(NEURAL_NETWORK_TYPE, "params", neuralNetworkOptionsSchema, envelope.params)
    const state = parseModelPart(NEURAL_NETWORK_TYPE, "state", stateSchema, envelope.state)
    checkNetworkShape(state)
    const model = learnerFromParams(NEURAL_NETWORK_TYPE, () => new NeuralNetworkClassifier(params, random))
    model.setTrained(state)
    return model
  }

  private setTrained(state: NeuralNetworkState): void {
    this.trained = { state, network: new NeuralNetwork().fromJSON(state.network) }
  }

  private fitted(): { state: NeuralNetworkState; network: NeuralNetwork } {
    if (!this.trained) throw new Error(`${NEURAL_NETWORK_TYPE}: call fit before using the model`)
    return this.trained
  }
}

/**
 * Checks that a loaded network has `featureCount` inputs, one output, and in every
 * later layer as many nodes as its size, each with a bias and one weight per node
 * of the layer before (brain.js itself would silently predict NaN).
 */
function checkNetworkShape(state: NeuralNetworkState): void {
  const { sizes, layers } = state.network
  const fail = (problem: string) => {
    throw new ModelFormatError(`${NEURAL_NETWORK_TYPE}: network ${problem}`)
  }
  if (sizes[0] !== state.featureCount || sizes[sizes.length - 1] !== 1 || layers.length !== sizes.length) {
    fail(`sizes [${sizes.join(", ")}] with ${layers.length} layers do not fit ${state.featureCount} inputs and one output`)
  }
  for (let layer = 1; layer < sizes.length; layer++) {
    const nodes = Object.values(layers[layer])
    if (nodes.length !== sizes[layer]) fail(`layer ${layer} has ${nodes.length} nodes, expected ${sizes[layer]}`)
    nodes.forEach((node, i) => {
      if (node.bias === undefined || Object.keys(node.weights ?? {}).length !== sizes[layer - 1]) {
        fail(`layer ${layer} node ${i} lacks a bias or has not ${sizes[layer - 1]} weights`)
      }
    })
  }
}

/** brain.js's toJSON output, checked and typed. */
function readNetwork(json: INeuralNetworkJSON): NetworkJson {
  return parseModelPart(NEURAL_NETWORK_TYPE, "network", networkSchema, json)
}
