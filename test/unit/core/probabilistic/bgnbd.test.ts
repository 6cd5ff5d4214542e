import { InvalidInputError, ModelFormatError, NotEnoughDataError } from "../../../../src/core/errors"
import { BgNbdModel, bgnbdLogLikelihood, fitBgNbd, type BgNbdParams } from "../../../../src/core/probabilistic/bgnbd"
import { createRandom } from "../../../../src/core/random"
import { simulateBgNbd } from "./simulate"

const params: BgNbdParams = { r: 2, alpha: 3, a: 2, b: 3 }
const info = { timeUnitDays: 7, penalizer: 0, logLikelihood: -1, customers: 1, converged: true }

describe("bgnbdLogLikelihood", () => {
  it("equals the hand-computed likelihood of one repeat customer", () => {
    // r = 2, α = 3, a = 2, b = 3; customer x = 2, t_x = 4, T = 6.
    // Γ(r+x)/Γ(r) = Γ(4)/Γ(2) = 6;  α^r = 9
    // B(a, b+x)/B(a, b) = B(2, 5)/B(2, 3) = (1/30)/(1/12) = 2/5;  (α+T)^(r+x) = 9^4 = 6561
    //   first term  = 2/5 · 6 · 9 / 6561 = 108/32805 = 0.0032921811
    // B(a+1, b+x-1)/B(a, b) = B(3, 4)/B(2, 3) = (1/60)/(1/12) = 1/5;  (α+t_x)^(r+x) = 7^4 = 2401
    //   second term = 1/5 · 6 · 9 / 2401 = 54/12005 = 0.0044981258
    // L = 0.0077903069, ln L = -4.854837...
    const expected = Math.log(108 / 32805 + 54 / 12005)
    expect(bgnbdLogLikelihood(params, [{ x: 2, tx: 4, T: 6 }])).toBeCloseTo(expected, 12)
  })

  it("sums over customers; a customer without repeats contributes ln(α/(α+T))^r", () => {
    // x = 0, T = 6: L = (α/(α+T))^r = (3/9)^2 = 1/9
    const both = bgnbdLogLikelihood(params, [
      { x: 2, tx: 4, T: 6 },
      { x: 0, tx: 0, T: 6 },
      { x: 0, tx: 0, T: 6 },
    ])
    expect(both).toBeCloseTo(Math.log(108 / 32805 + 54 / 12005) + 2 * Math.log(1 / 9), 12)
  })

  it("rejects impossible histories and parameters", () => {
    expect(() => bgnbdLogLikelihood(params, [{ x: 1, tx: 7, T: 6 }])).toThrow(/tx must lie in \[0, T = 6\]/)
    expect(() => bgnbdLogLikelihood(params, [{ x: 1.5, tx: 1, T: 6 }])).toThrow(/x must be an integer/)
    expect(() => bgnbdLogLikelihood(params, [{ x: 0, tx: 1, T: 6 }])).toThrow(/tx must be 0 when x = 0/)
    expect(() => bgnbdLogLikelihood({ ...params, b: 0 }, [])).toThrow(InvalidInputError)
  })
})

describe("BgNbdModel predictions", () => {
  const model = new BgNbdModel(params, info)

  it("pAlive is 1 without repeat purchases and matches the formula otherwise", () => {
    expect(model.pAlive(0, 0, 50)).toBe(1)
    // 1 / (1 + a/(b+x-1) · ((α+T)/(α+t_x))^(r+x)) = 1 / (1 + 2/4 · (9/7)^4) = 4802/11363
    expect(model.pAlive(2, 4, 6)).toBeCloseTo(4802 / 11363, 14)
    // a recent purchase (t_x = T) makes the customer likelier to be alive than an old one
    expect(model.pAlive(2, 6, 6)).toBeGreaterThan(model.pAlive(2, 1, 6))
  })

  it("expected purchases of a new customer start at 0 and grow with t", () => {
    expect(model.expectedPurchases(0)).toBe(0)
    const grid = [0.5, 1, 2, 5, 10, 50, 100, 1000]
    const values = grid.map((t) => model.expectedPurchases(t))
    values.slice(1).forEach((v, i) => expect(v).toBeGreaterThan(values[i]))
  })

  it("matches the papers' formula evaluated independently at the CDNOW estimates", () => {
    // Reference values: the untransformed FHL (2005) expressions evaluated with
    // mpmath at 30 digits, e.g. E[X(39)] = (a+b-1)/(a-1) (1 - (α/(α+39))^r 2F1(r, b; a+b-1; 39/(α+39))).
    const cdnow = new BgNbdModel(
      { r: 0.24259290608390016, alpha: 4.413531683423041, a: 0.7928863074468169, b: 2.4257538110991788 },
      info
    )
    expect(cdnow.expectedPurchases(39)).toBeCloseTo(1.19501622439099, 12)
    expect(cdnow.expectedPurchases(1000)).toBeCloseTo(6.5730941950883, 11)
    expect(cdnow.pAlive(2, 30.43, 38.86)).toBeCloseTo(0.7266091337026657, 14)
    expect(cdnow.conditionalExpectedPurchases(39, 2, 30.43, 38.86)).toBeCloseTo(1.22591039518658, 12)
    // 150 repeat purchases: the untransformed 2F1(150.24, 152.43; 152.22; z) is ~1e30 here
    expect(cdnow.conditionalExpectedPurchases(52, 150, 38, 38.86)).toBeCloseTo(116.756454599018, 9)
  })

  it("is continuous through a = 1, where its closed form is 0/0", () => {
    const at = (a: number): number =>
      new BgNbdModel({ ...params, a }, info).conditionalExpectedPurchases(10, 3, 5, 8)
    const exact = at(1)
    expect(Number.isFinite(exact)).toBe(true)
    expect(exact).toBeCloseTo((at(1 - 1e-4) + at(1 + 1e-4)) / 2, 6)
  })

  it("rejects negative horizons and a missing time unit", () => {
    expect(() => model.conditionalExpectedPurchases(-1, 0, 0, 1)).toThrow(/t must be a finite number >= 0/)
    expect(() => new BgNbdModel(params, { ...info, timeUnitDays: 0 })).toThrow(/timeUnitDays must be a finite number > 0/)
  })
})

describe("fitBgNbd", () => {
  const truth: BgNbdParams = { r: 0.5, alpha: 5, a: 0.8, b: 2.5 }
  const histories = simulateBgNbd(truth, 3000, { minT: 26, maxT: 39 }, createRandom(7))

  it("recovers simulated parameters and beats the true parameters' likelihood", () => {
    const model = fitBgNbd(histories, { timeUnitDays: 7 })
    expect(model.info.converged).toBe(true)
    expect(model.params.r).toBeGreaterThan(0.4)
    expect(model.params.r).toBeLessThan(0.6)
    expect(model.params.alpha).toBeGreaterThan(3.5)
    expect(model.params.alpha).toBeLessThan(6.5)
    // a maximum-likelihood estimate can never be less likely than the truth
    expect(model.logLikelihood).toBeGreaterThanOrEqual(bgnbdLogLikelihood(truth, histories))
    expect(model.logLikelihood).toBeCloseTo(bgnbdLogLikelihood(model.params, histories), 8)
    expect(model.timeUnitDays).toBe(7)
  })

  it("is deterministic", () => {
    const first = fitBgNbd(histories, { timeUnitDays: 7 })
    const second = fitBgNbd(histories, { timeUnitDays: 7 })
    expect(second.params).toEqual(first.params)
  })

  it("shrinks the parameters under an L2 penalty", () => {
    const plain = fitBgNbd(histories, { timeUnitDays: 7 })
    const penalized = fitBgNbd(histories, { timeUnitDays: 7, penalizer: 0.01 })
    const norm = (p: BgNbdParams): number => p.r ** 2 + p.alpha ** 2 + p.a ** 2 + p.b ** 2
    expect(norm(penalized.params)).toBeLessThan(norm(plain.params))
    expect(penalized.logLikelihood).toBeLessThan(plain.logLikelihood)
  })

  it("stops at the iteration limit and says so", () => {
    expect(fitBgNbd(histories, { timeUnitDays: 7, maxIterations: 3 }).info.converged).toBe(false)
  })

  it("validates options and needs enough data", () => {
    expect(() => fitBgNbd(histories, { timeUnitDays: 0 })).toThrow(/timeUnitDays must be a finite number > 0, got 0/)
    expect(() => fitBgNbd(histories, { timeUnitDays: 7, penalizer: -1 })).toThrow(/penalizer/)
    expect(() => fitBgNbd(histories, { timeUnitDays: 7, tolerance: 0 })).toThrow(/tolerance/)
    const noRepeats = [1, 2, 3, 4].map((T) => ({ x: 0, tx: 0, T }))
    expect(() => fitBgNbd(noRepeats, { timeUnitDays: 7 })).toThrow(NotEnoughDataError)
    expect(() => fitBgNbd(histories.slice(0, 3), { timeUnitDays: 7 })).toThrow(/at least 4 customers/)
  })
})

describe("BgNbdModel JSON", () => {
  const model = new BgNbdModel(params, info)

  it("round-trips through JSON text with the same predictions", () => {
    const json = model.toJSON()
    expect(json.type).toBe("bgnbd")
    expect(json.version).toBe(1)
    const loaded = BgNbdModel.fromJSON(JSON.parse(JSON.stringify(json)))
    expect(loaded.params).toEqual(params)
    expect(loaded.info).toEqual(info)
    expect(loaded.conditionalExpectedPurchases(10, 2, 4, 6)).toBe(model.conditionalExpectedPurchases(10, 2, 4, 6))
  })

  it("refuses another type, another version or a broken state", () => {
    const json = model.toJSON()
    expect(() => BgNbdModel.fromJSON({ ...json, type: "gamma-gamma" })).toThrow(ModelFormatError)
    expect(() => BgNbdModel.fromJSON({ ...json, version: 2 })).toThrow(/version 2 is not supported/)
    expect(() => BgNbdModel.fromJSON({ ...json, state: { ...json.state, r: -1 } })).toThrow(/"r" must be > 0/)
    expect(() => BgNbdModel.fromJSON({ ...json, state: { ...json.state, b: "2" } })).toThrow(ModelFormatError)
    expect(() => BgNbdModel.fromJSON({ ...json, params: { ...json.params, timeUnitDays: 0 } })).toThrow(
      /"timeUnitDays" must be > 0/
    )
    expect(() => BgNbdModel.fromJSON(null)).toThrow(ModelFormatError)
  })
})
