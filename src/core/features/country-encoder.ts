/**
 * One-hot encoding of the customer's country. The columns are the `topK` most frequent
 * countries among the training rows (ties by name, so the choice is deterministic) and
 * a last "other" column for every remaining country, for unknown countries ("") and for
 * countries first seen after training.
 */
import { InvalidInputError, ModelFormatError } from "../errors"
import { createMatrix, type Matrix } from "../linalg/matrix"
import type { SerializedEstimator } from "../learners/types"
import { readEnvelope } from "../probabilistic/serialized"

export const COUNTRY_ENCODER_TYPE = "country-encoder"
export const COUNTRY_ENCODER_VERSION = 1

export interface CountryEncoderOptions {
  /**
   * Countries that get their own column.
   * @defaultValue 8
   */
  topK: number
}

export const COUNTRY_ENCODER_DEFAULTS: CountryEncoderOptions = {
  topK: 8, // enough for a store's main markets; the long tail shares "other"
}

interface CountryEncoderState {
  countries: string[]
}

export class CountryEncoder {
  readonly type = COUNTRY_ENCODER_TYPE
  readonly options: CountryEncoderOptions
  private learned: string[] | null = null
  private columnOf = new Map<string, number>()

  constructor(options: Partial<CountryEncoderOptions> = {}) {
    const topK = options.topK ?? COUNTRY_ENCODER_DEFAULTS.topK
    if (!Number.isInteger(topK) || topK < 1) {
      throw new InvalidInputError(`topK must be an integer >= 1, got ${topK}`, "topK")
    }
    this.options = { topK }
  }

  /** Learns the topK most frequent non-empty countries of the training rows. */
  fit(countries: readonly string[]): this {
    const counts = new Map<string, number>()
    for (const country of countries) {
      if (country !== "") counts.set(country, (counts.get(country) ?? 0) + 1)
    }
    const ranked = [...counts.entries()].sort(([a, countA], [b, countB]) => countB - countA || (a < b ? -1 : a > b ? 1 : 0))
    this.setCountries(ranked.slice(0, this.options.topK).map(([country]) => country))
    return this
  }

  /** The countries with their own column, most frequent first. */
  countries(): string[] {
    return [...this.fitted()]
  }

  /** Column names: "country=<name>" per learned country, then "country=other". */
  columnNames(): string[] {
    return [...this.fitted().map((country) => `country=${country}`), "country=other"]
  }

  /** A matrix with one row per country and a single 1 in each row. */
  transform(countries: readonly string[]): Matrix {
    const cols = this.fitted().length + 1
    const out = createMatrix(countries.length, cols)
    countries.forEach((country, i) => {
      out.data[i * cols + (this.columnOf.get(country) ?? cols - 1)] = 1
    })
    return out
  }

  /** X with the one-hot country columns appended on the right (a new matrix). */
  appendColumns(X: Matrix, countries: readonly string[]): Matrix {
    if (countries.length !== X.rows) {
      throw new InvalidInputError(`countries has ${countries.length} entries, X has ${X.rows} rows`, "countries")
    }
    const oneHot = this.transform(countries)
    const cols = X.cols + oneHot.cols
    const out = createMatrix(X.rows, cols)
    for (let i = 0; i < X.rows; i++) {
      out.data.set(X.data.subarray(i * X.cols, (i + 1) * X.cols), i * cols)
      out.data.set(oneHot.data.subarray(i * oneHot.cols, (i + 1) * oneHot.cols), i * cols + X.cols)
    }
    return out
  }

  toJSON(): SerializedEstimator<CountryEncoderOptions, CountryEncoderState> {
    return {
      type: COUNTRY_ENCODER_TYPE,
      version: COUNTRY_ENCODER_VERSION,
      params: { topK: this.options.topK },
      state: { countries: this.countries() },
    }
  }

  static fromJSON(json: unknown): CountryEncoder {
    const { params, state } = readEnvelope(json, COUNTRY_ENCODER_TYPE, COUNTRY_ENCODER_VERSION)
    const topK = params.topK
    if (typeof topK !== "number" || !Number.isInteger(topK) || topK < 1) {
      throw new ModelFormatError(`${COUNTRY_ENCODER_TYPE}: params.topK must be an integer >= 1, got ${JSON.stringify(topK)}`)
    }
    const countries = state.countries
    if (
      !Array.isArray(countries) ||
      countries.length > topK ||
      countries.some((country) => typeof country !== "string" || country === "") ||
      new Set(countries).size !== countries.length
    ) {
      throw new ModelFormatError(
        `${COUNTRY_ENCODER_TYPE}: state.countries must be at most ${topK} distinct non-empty strings`
      )
    }
    const encoder = new CountryEncoder({ topK })
    encoder.setCountries(countries)
    return encoder
  }

  private setCountries(countries: string[]): void {
    this.learned = countries
    this.columnOf = new Map(countries.map((country, column) => [country, column]))
  }

  private fitted(): string[] {
    if (this.learned === null) throw new Error(`${COUNTRY_ENCODER_TYPE} is not fitted: call fit first`)
    return this.learned
  }
}
