import { ModelFormatError, NotEnoughDataError } from "../../../../src/core/errors"
import {
  GammaGammaModel,
  fitGammaGamma,
  gammaGammaLogLikelihood,
  type GammaGammaParams,
} from "../../../../src/core/probabilistic/gamma-gamma"
import { createRandom } from "../../../../src/core/random"
import { simulateGammaGamma } from "./simulate"

const params: GammaGammaParams = { p: 2, q: 3, gamma: 4 }
const info = { penalizer: 0, logLikelihood: -1, customers: 1, converged: true }

describe("gammaGammaLogLikelihood", () => {
  it("equals the hand-computed density of one customer", () => {
    // p = 2, q = 3, γ = 4; x = 2 repeat purchases of mean m = 5, so px = 4:
    // Γ(px+q)/(Γ(px)Γ(q)) = Γ(7)/(Γ(4)Γ(3)) = 720/(6·2) = 60
    // γ^q = 64;  m^(px-1) = 5^3 = 125;  x^px = 2^4 = 16;  (γ + m x)^(px+q) = 14^7 = 105413504
    // f = 60 · 64 · 125 · 16 / 105413504 = 7680000 / 105413504 = 0.0728558...
    expect(gammaGammaLogLikelihood(params, [{ x: 2, monetary: 5 }])).toBeCloseTo(Math.log(7680000 / 105413504), 12)
  })

  it("ignores customers without repeat purchases or with no positive spend", () => {
    const one = gammaGammaLogLikelihood(params, [{ x: 2, monetary: 5 }])
    const padded = gammaGammaLogLikelihood(params, [
      { x: 2, monetary: 5 },
      { x: 0, monetary: 0 },
      { x: 3, monetary: 0 },
    ])
    expect(padded).toBe(one)
  })

  it("rejects malformed input", () => {
    expect(() => gammaGammaLogLikelihood(params, [{ x: -1, monetary: 5 }])).toThrow(/x must be an integer >= 0/)
    expect(() => gammaGammaLogLikelihood(params, [{ x: 1, monetary: NaN }])).toThrow(/monetary must be a finite/)
    expect(() => gammaGammaLogLikelihood({ ...params, q: 0 }, [])).toThrow(/parameter q must be/)
  })
})

describe("GammaGammaModel", () => {
  const model = new GammaGammaModel(params, info)

  it("shrinks a customer's mean towards the population mean", () => {
    // population mean γp/(q-1) = 4·2/2 = 4
    expect(model.populationMeanValue()).toBe(4)
    expect(model.conditionalExpectedAverageValue(0, 0)).toBe(4)
    // p(γ + m x)/(px + q - 1) = 2 · (4 + 5·2) / (4 + 2) = 28/6
    expect(model.conditionalExpectedAverageValue(2, 5)).toBeCloseTo(28 / 6, 14)
    // the more purchases, the closer to the customer's own mean (5)
    expect(model.conditionalExpectedAverageValue(50, 5)).toBeGreaterThan(model.conditionalExpectedAverageValue(2, 5))
    expect(model.conditionalExpectedAverageValue(50, 5)).toBeLessThan(5)
  })

  it("rejects bad arguments", () => {
    expect(() => model.conditionalExpectedAverageValue(1.5, 5)).toThrow(/x must be an integer/)
    expect(() => model.conditionalExpectedAverageValue(2, -1)).toThrow(/monetary must be/)
  })

  it("round-trips through JSON and refuses other types and versions", () => {
    const json = model.toJSON()
    expect(json.type).toBe("gamma-gamma")
    const loaded = GammaGammaModel.fromJSON(JSON.parse(JSON.stringify(json)))
    expect(loaded.params).toEqual(params)
    expect(loaded.info).toEqual(info)
    expect(() => GammaGammaModel.fromJSON({ ...json, type: "bgnbd" })).toThrow(ModelFormatError)
    expect(() => GammaGammaModel.fromJSON({ ...json, version: 0 })).toThrow(/version 0 is not supported/)
    expect(() => GammaGammaModel.fromJSON({ ...json, state: {} })).toThrow(/"p" must be a finite number/)
  })
})

describe("fitGammaGamma", () => {
  const truth: GammaGammaParams = { p: 6, q: 4, gamma: 15 }
  const random = createRandom(11)
  const frequencies = Array.from({ length: 1500 }, () => 1 + random.int(6))
  const histories = simulateGammaGamma(truth, frequencies, random)
  const model = fitGammaGamma(histories)

  it("beats the true parameters' likelihood and recovers the mean spend", () => {
    expect(model.info.converged).toBe(true)
    expect(model.info.customers).toBe(1500)
    expect(model.info.logLikelihood).toBeGreaterThanOrEqual(gammaGammaLogLikelihood(truth, histories))
    // population mean γp/(q-1) = 30; p, q, γ trade off against each other, their mean less so
    expect(model.populationMeanValue()).toBeGreaterThan(27)
    expect(model.populationMeanValue()).toBeLessThan(33)
  })

  it("is deterministic and unaffected by customers it cannot use", () => {
    const again = fitGammaGamma([...histories, { x: 0, monetary: 0 }, { x: 2, monetary: 0 }])
    expect(again.params).toEqual(model.params)
    expect(again.info.customers).toBe(1500)
  })

  it("validates options and needs enough repeat customers", () => {
    expect(() => fitGammaGamma(histories, { penalizer: NaN })).toThrow(/penalizer must be a finite number >= 0/)
    expect(() => fitGammaGamma(histories, { maxIterations: 0 })).toThrow(/maxIterations/)
    expect(() => fitGammaGamma(histories.slice(0, 2))).toThrow(NotEnoughDataError)
  })
})
