import { InvalidInputError, ModelFormatError } from "../../../../src/core/errors"
import { StandardScaler, signedLog1p } from "../../../../src/core/learners/standard-scaler"
import { matrixFromRows } from "../../../../src/core/linalg/matrix"

describe("StandardScaler", () => {
  it("centres and scales each column by its population mean and std", () => {
    // Column 0: mean 3, variance (4 + 0 + 4) / 3; column 1 is constant so its std becomes 1.
    const X = matrixFromRows([
      [1, 10],
      [3, 10],
      [5, 10],
    ])
    const scaler = new StandardScaler().fit(X)
    expect(Array.from(scaler.columnMeans())).toEqual([3, 10])
    expect(scaler.columnStds()[0]).toBeCloseTo(Math.sqrt(8 / 3), 15)
    expect(scaler.columnStds()[1]).toBe(1)
    const Z = scaler.transform(X)
    const z = Math.sqrt(3 / 2) // 2 / sqrt(8/3)
    const expected = [-z, 0, 0, 0, z, 0]
    Z.data.forEach((v, k) => expect(v).toBeCloseTo(expected[k], 14))
  })

  it("returns a new matrix and leaves the input unchanged", () => {
    const X = matrixFromRows([[1], [3]])
    const Z = new StandardScaler().fit(X).transform(X)
    expect(Z).not.toBe(X)
    expect(Array.from(X.data)).toEqual([1, 3])
    expect(Array.from(Z.data)).toEqual([-1, 1])
  })

  it("learns from the given training rows only", () => {
    const X = matrixFromRows([[1], [3], [1000]])
    const scaler = new StandardScaler().fit(X, [0, 1])
    expect(Array.from(scaler.columnMeans())).toEqual([2])
    expect(Array.from(scaler.columnStds())).toEqual([1])
    expect(Array.from(scaler.transform(X).data)).toEqual([-1, 1, 998])
  })

  it("applies sign(x) · ln(1 + |x|) to the flagged columns before centring", () => {
    expect(signedLog1p(Math.E - 1)).toBeCloseTo(1, 15)
    expect(signedLog1p(-(Math.E - 1))).toBeCloseTo(-1, 15)
    expect(signedLog1p(0)).toBe(0)
    // Column 0 becomes (-1, 0, 1): mean 0, std sqrt(2/3). Column 1 is left as is.
    const X = matrixFromRows([
      [-(Math.E - 1), 1],
      [0, 2],
      [Math.E - 1, 3],
    ])
    const scaler = new StandardScaler({ log1pColumns: [0] }).fit(X)
    expect(scaler.columnMeans()[0]).toBeCloseTo(0, 15)
    expect(scaler.columnStds()[0]).toBeCloseTo(Math.sqrt(2 / 3), 15)
    expect(scaler.columnMeans()[1]).toBe(2)
    expect(scaler.transform(X).data[4]).toBeCloseTo(1 / Math.sqrt(2 / 3), 14)
  })

  it("round-trips through JSON to the same transform", () => {
    const X = matrixFromRows([
      [1, 200, -3],
      [2, 50, 4],
      [7, 0, 0],
    ])
    const scaler = new StandardScaler({ log1pColumns: [1] }).fit(X)
    const json = JSON.parse(JSON.stringify(scaler.toJSON()))
    expect(json.type).toBe("standard-scaler")
    const restored = StandardScaler.fromJSON(json)
    expect(restored.transform(X).data).toEqual(scaler.transform(X).data)
    expect(restored.options.log1pColumns).toEqual([1])
  })

  it("rejects a wrong type tag, version or state", () => {
    const json = new StandardScaler().fit(matrixFromRows([[1], [2]])).toJSON()
    expect(() => StandardScaler.fromJSON({ ...json, type: "other" })).toThrow(ModelFormatError)
    expect(() => StandardScaler.fromJSON({ ...json, version: 2 })).toThrow(ModelFormatError)
    expect(() => StandardScaler.fromJSON({ ...json, state: { means: [0], stds: [0] } })).toThrow(ModelFormatError)
  })

  it("validates options and inputs", () => {
    expect(() => new StandardScaler({ log1pColumns: [-1] })).toThrow(new InvalidInputError("log1pColumns must hold integers >= 0, got -1"))
    expect(() => new StandardScaler({ log1pColumns: [1, 1] })).toThrow(InvalidInputError)
    expect(() => new StandardScaler({ log1pColumns: [2] }).fit(matrixFromRows([[1, 2]]))).toThrow(
      "log1pColumns has column 2, X has 2 columns"
    )
    expect(() => new StandardScaler().fit(matrixFromRows([[1], [Number.NaN]]))).toThrow("non-finite value at row 1, column 0")
    const scaler = new StandardScaler().fit(matrixFromRows([[1, 2]]))
    expect(() => scaler.transform(matrixFromRows([[1]]))).toThrow("X has 1 columns, the scaler was fitted on 2")
    expect(() => new StandardScaler().transform(matrixFromRows([[1]]))).toThrow("not fitted")
  })
})
