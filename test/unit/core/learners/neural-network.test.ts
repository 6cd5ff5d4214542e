import { InvalidInputError, ModelFormatError } from "../../../../src/core/errors"
import { matrixFromRows } from "../../../../src/core/linalg/matrix"
import {
  NeuralNetworkClassifier,
  type NeuralNetworkOptions,
} from "../../../../src/core/learners/neural-network"
import { createRandom } from "../../../../src/core/random"

function network(options: Partial<NeuralNetworkOptions>, seed = 1): NeuralNetworkClassifier {
  return new NeuralNetworkClassifier(options, createRandom(seed))
}

const classes = (p: Float64Array) => Array.from(p, (v) => (v > 0.5 ? 1 : 0))

// standardised-looking inputs: one informative column, one constant
const separable = matrixFromRows([[-2, 0.3], [-1.5, 0.3], [-1, 0.3], [1, 0.3], [1.5, 0.3], [2, 0.3]])
const separableLabels = [0, 0, 0, 1, 1, 1]
const xor = matrixFromRows([[-1, -1], [-1, 1], [1, -1], [1, 1]])
const xorLabels = [0, 1, 1, 0]

describe("NeuralNetworkClassifier", () => {
  it("classifies an easy separable set exactly", () => {
    const m = network({ hiddenLayers: [4], iterations: 2000 })
    m.fit(separable, separableLabels)
    expect(classes(m.predictProba(separable))).toEqual(separableLabels)
  })

  it("learns XOR with a hidden layer", () => {
    const m = network({ hiddenLayers: [4], iterations: 5000, learningRate: 0.5 })
    m.fit(xor, xorLabels)
    expect(classes(m.predictProba(xor))).toEqual(xorLabels)
  })

  it("learns XOR with tanh activations, outputs clamped to [0, 1]", () => {
    const m = network({ hiddenLayers: [8], iterations: 5000, learningRate: 0.05, activation: "tanh" })
    m.fit(xor, xorLabels)
    const p = m.predictProba(xor)
    expect(classes(p)).toEqual(xorLabels)
    for (const v of p) expect(v >= 0 && v <= 1).toBe(true)
  })

  it("is deterministic under a seed", () => {
    const fitWith = (seed: number) => {
      const m = network({ hiddenLayers: [3], iterations: 50 }, seed)
      m.fit(xor, xorLabels)
      return m.predictProba(xor)
    }
    expect(fitWith(7)).toEqual(fitWith(7))
    expect(fitWith(7)).not.toEqual(fitWith(8))
  })

  it("stops as soon as the training error is below errorThresh", () => {
    const fitWith = (options: Partial<NeuralNetworkOptions>) => {
      const m = network({ hiddenLayers: [3], ...options })
      m.fit(xor, xorLabels)
      return m.predictProba(xor)
    }
    // the squared error of a sigmoid output is below 0.99 after the first pass
    expect(fitWith({ iterations: 50, errorThresh: 0.99 })).toEqual(fitWith({ iterations: 1 }))
    expect(fitWith({ iterations: 2 })).not.toEqual(fitWith({ iterations: 1 }))
  })

  it("treats an integer sample weight as that many copies of the row", () => {
    const X = matrixFromRows([[-1, 0.5], [0.2, -1], [1, 1], [0.4, 0.1]])
    const weighted = network({ hiddenLayers: [3], iterations: 20 })
    weighted.fit(X, [0, 1, 1, 0], [2, 0, 1, 1])
    const copied = network({ hiddenLayers: [3], iterations: 20 })
    copied.fit(matrixFromRows([[-1, 0.5], [-1, 0.5], [1, 1], [0.4, 0.1]]), [0, 0, 1, 0])
    expect(weighted.predictProba(X)).toEqual(copied.predictProba(X))
  })

  it("reports the summed absolute first-layer weights of each input", () => {
    const m = network({ hiddenLayers: [4], iterations: 500 })
    m.fit(separable, separableLabels)
    const firstLayer = Object.values(m.toJSON().state.network.layers[1])
    const expected = [0, 1].map((k) => firstLayer.reduce((sum, node) => sum + Math.abs(node.weights?.[k] ?? NaN), 0))
    expect(Array.from(m.featureImportance())).toEqual(expected)
    expect(firstLayer).toHaveLength(4)
  })

  it("gives identical probabilities after a JSON round trip", () => {
    const m = network({ hiddenLayers: [4, 3], iterations: 300 })
    m.fit(separable, separableLabels)
    const loaded = NeuralNetworkClassifier.fromJSON(JSON.parse(JSON.stringify(m.toJSON())))
    const probe = matrixFromRows([[-0.7, 0.3], [0.1, -2], [3, 0.3]])
    expect(loaded.predictProba(probe)).toEqual(m.predictProba(probe))
    expect(loaded.featureImportance()).toEqual(m.featureImportance())
    expect(loaded.options).toEqual(m.options)
  })

  it("rejects serialized models of another type, version or shape", () => {
    const m = network({ hiddenLayers: [2], iterations: 5 })
    m.fit(xor, xorLabels)
    const json = m.toJSON()
    expect(() => NeuralNetworkClassifier.fromJSON({ ...json, type: "gradient-boosting" })).toThrow(ModelFormatError)
    expect(() => NeuralNetworkClassifier.fromJSON({ ...json, version: 0 })).toThrow(ModelFormatError)
    expect(() => NeuralNetworkClassifier.fromJSON({ ...json, state: { ...json.state, featureCount: 3 } })).toThrow(
      /do not fit 3 inputs/
    )
    expect(() => NeuralNetworkClassifier.fromJSON({ ...json, state: { featureCount: 2 } })).toThrow(ModelFormatError)
    const damaged = structuredClone(json)
    delete damaged.state.network.layers[1]["0"].weights?.["1"]
    expect(() => NeuralNetworkClassifier.fromJSON(damaged)).toThrow(/layer 1 node 0 lacks a bias or has not 2 weights/)
  })

  it("rejects prediction input of the wrong width and use before fit", () => {
    expect(() => network({}).predictProba(xor)).toThrow(/call fit/)
    const m = network({ hiddenLayers: [2], iterations: 5 })
    m.fit(xor, xorLabels)
    expect(() => m.predictProba(matrixFromRows([[1, 2, 3]]))).toThrow(InvalidInputError)
  })

  it.each<[string, Partial<NeuralNetworkOptions>, string]>([
    ["hiddenLayers[1]", { hiddenLayers: [4, 0] }, "hiddenLayers[1] is 0, it must be an integer >= 1 and <= 1024"],
    ["learningRate", { learningRate: 1 }, "learningRate is 1, it must be a number > 0 and < 1"],
    ["momentum", { momentum: 0 }, "momentum is 0, it must be a number > 0 and < 1"],
    ["iterations", { iterations: 0 }, "iterations is 0, it must be an integer >= 1"],
    ["errorThresh", { errorThresh: 0 }, "errorThresh is 0, it must be a number > 0 and < 1"],
  ])("rejects a bad %s naming the option and its bound", (field, options, message) => {
    let caught: unknown
    try {
      network(options)
    } catch (error) {
      caught = error
    }
    expect(caught).toBeInstanceOf(InvalidInputError)
    expect(caught).toMatchObject({ field, message: `neural-network: option ${message}` })
  })

  it("rejects an activation brain.js 1.6.1 gets wrong", () => {
    const options: Partial<NeuralNetworkOptions> = JSON.parse('{ "activation": "leaky-relu" }')
    expect(() => new NeuralNetworkClassifier(options, createRandom(1))).toThrow(
      'option activation is "leaky-relu", it must be one of sigmoid, tanh'
    )
  })
})
