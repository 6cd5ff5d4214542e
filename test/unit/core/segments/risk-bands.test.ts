import { InvalidInputError } from "../../../../src/core/errors"
import { isRiskBand, RISK_BANDS, riskBandOf, riskBandRange } from "../../../../src/core/segments/risk-bands"

describe("riskBandOf", () => {
  it("labels churn risks at and around the cut points", () => {
    const cases: Array<[number, string]> = [
      [0, "low"],
      [0.39999, "low"],
      [0.4, "medium"],
      [0.55, "medium"],
      [0.69999, "medium"],
      [0.7, "high"],
      [1, "high"],
    ]
    expect(cases.map(([risk]) => [risk, riskBandOf(risk)])).toEqual(cases)
  })

  it("rejects values that are not probabilities", () => {
    for (const bad of [-0.01, 1.01, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(() => riskBandOf(bad)).toThrow(InvalidInputError)
    }
    expect(() => riskBandOf(1.5)).toThrow("churn risk is 1.5, expected a probability from 0 to 1")
  })
})

describe("riskBandRange", () => {
  it("selects exactly the churn risks that riskBandOf labels with the band", () => {
    const grid = Array.from({ length: 1001 }, (_, i) => i / 1000)
    for (const band of RISK_BANDS) {
      const { min, below } = riskBandRange(band)
      const selected = grid.filter((r) => r >= min && (below === null || r < below))
      expect(selected).toEqual(grid.filter((r) => riskBandOf(r) === band))
      expect(selected.length).toBeGreaterThan(0)
    }
  })

  it("tiles [0, 1] without gaps or overlaps, in order", () => {
    const ranges = RISK_BANDS.map(riskBandRange)
    expect(ranges[0].min).toBe(0)
    for (let i = 1; i < ranges.length; i++) expect(ranges[i].min).toBe(ranges[i - 1].below)
    expect(ranges[ranges.length - 1].below).toBeNull()
  })
})

describe("isRiskBand", () => {
  it("accepts the three band names only", () => {
    expect(["low", "medium", "high", "HIGH", "severe", ""].map(isRiskBand)).toEqual([true, true, true, false, false, false])
  })
})
