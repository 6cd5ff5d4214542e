import { InvalidInputError, ModelFormatError } from "../../../../src/core/errors"
import { CountryEncoder } from "../../../../src/core/features/country-encoder"
import { matrixFromRows } from "../../../../src/core/linalg/matrix"

// Counts: UK 3, then France, Germany and Spain 2 each (ties go by name), EIRE 1; "" is unknown.
const TRAINING = ["UK", "Spain", "UK", "France", "", "Germany", "France", "UK", "Germany", "Spain", "EIRE", "", ""]

describe("CountryEncoder", () => {
  it("keeps the top K countries of the training rows, ties by name, unknown never among them", () => {
    expect(new CountryEncoder({ topK: 2 }).fit(TRAINING).countries()).toEqual(["UK", "France"])
    expect(new CountryEncoder({ topK: 3 }).fit(TRAINING).countries()).toEqual(["UK", "France", "Germany"])
    expect(new CountryEncoder().fit(TRAINING).countries()).toEqual(["UK", "France", "Germany", "Spain", "EIRE"])
    expect(new CountryEncoder().options.topK).toBe(8)
  })

  it("one-hot encodes with a last column for other, unknown and unseen countries", () => {
    const encoder = new CountryEncoder({ topK: 2 }).fit(TRAINING)
    expect(encoder.columnNames()).toEqual(["country=UK", "country=France", "country=other"])
    const encoded = encoder.transform(["France", "UK", "Germany", "", "Narnia"])
    expect(encoded.cols).toBe(3)
    expect(Array.from(encoded.data)).toEqual([0, 1, 0, 1, 0, 0, 0, 0, 1, 0, 0, 1, 0, 0, 1])
  })

  it("appends the country columns to a feature matrix", () => {
    const encoder = new CountryEncoder({ topK: 1 }).fit(TRAINING)
    const X = matrixFromRows([
      [1.5, 2],
      [3, 4],
    ])
    const out = encoder.appendColumns(X, ["Spain", "UK"])
    expect(out.cols).toBe(4)
    expect(Array.from(out.data)).toEqual([1.5, 2, 0, 1, 3, 4, 1, 0])
    expect(() => encoder.appendColumns(X, ["UK"])).toThrow(new InvalidInputError("countries has 1 entries, X has 2 rows"))
  })

  it("round-trips through JSON", () => {
    const encoder = new CountryEncoder({ topK: 3 }).fit(TRAINING)
    const json = JSON.parse(JSON.stringify(encoder.toJSON()))
    expect(json).toEqual({
      type: "country-encoder",
      version: 1,
      params: { topK: 3 },
      state: { countries: ["UK", "France", "Germany"] },
    })
    const loaded = CountryEncoder.fromJSON(json)
    const sample = ["Germany", "EIRE", "UK", ""]
    expect(loaded.transform(sample)).toEqual(encoder.transform(sample))
    expect(loaded.columnNames()).toEqual(encoder.columnNames())
  })

  it("rejects a wrong type, version or state on load", () => {
    const json = new CountryEncoder({ topK: 2 }).fit(TRAINING).toJSON()
    expect(() => CountryEncoder.fromJSON({ ...json, type: "standard-scaler" })).toThrow(ModelFormatError)
    expect(() => CountryEncoder.fromJSON({ ...json, version: 2 })).toThrow(ModelFormatError)
    expect(() => CountryEncoder.fromJSON({ ...json, state: { countries: ["UK", "UK"] } })).toThrow(
      new ModelFormatError("country-encoder: state.countries must be at most 2 distinct non-empty strings")
    )
    expect(() => CountryEncoder.fromJSON({ ...json, params: { topK: 0 } })).toThrow(ModelFormatError)
  })

  it("validates topK and refuses to encode before fit", () => {
    expect(() => new CountryEncoder({ topK: 0 })).toThrow(new InvalidInputError("topK must be an integer >= 1, got 0"))
    expect(() => new CountryEncoder({ topK: 1.5 })).toThrow(InvalidInputError)
    expect(() => new CountryEncoder().transform(["UK"])).toThrow("country-encoder is not fitted: call fit first")
  })
})
