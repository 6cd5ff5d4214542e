import {
  normaliseNumericId,
  parseCompactDate,
  parseDecimal,
  parseTimestamp,
} from "../../../../src/core/data/parse-values"

describe("parseDecimal", () => {
  it("reads plain decimals, signs, exponents and surrounding spaces", () => {
    expect(parseDecimal("6")).toBe(6)
    expect(parseDecimal(" -2.5 ")).toBe(-2.5)
    expect(parseDecimal(".5")).toBe(0.5)
    expect(parseDecimal("3.")).toBe(3)
    expect(parseDecimal("1e3")).toBe(1000)
    expect(parseDecimal("+0.85")).toBe(0.85)
  })

  it("rejects empty text, words, hex, thousands separators and overflow", () => {
    for (const text of ["", " ", "six", "0x10", "1,000", "1.2.3", "Infinity", "NaN", "1e999", "-"]) {
      expect(parseDecimal(text)).toBeUndefined()
    }
  })
})

describe("parseTimestamp", () => {
  it("reads dates and clock times without a zone as UTC", () => {
    expect(parseTimestamp("2011-09-10")).toBe(Date.UTC(2011, 8, 10))
    expect(parseTimestamp("2010-12-01 08:26:00")).toBe(Date.UTC(2010, 11, 1, 8, 26))
    expect(parseTimestamp("2010-12-01T08:26")).toBe(Date.UTC(2010, 11, 1, 8, 26))
    expect(parseTimestamp("2010-12-01T08:26:05.25")).toBe(Date.UTC(2010, 11, 1, 8, 26, 5, 250))
  })

  it("applies a zone offset", () => {
    expect(parseTimestamp("2024-03-01T10:00:00Z")).toBe(Date.UTC(2024, 2, 1, 10))
    expect(parseTimestamp("2024-03-01T10:00:00+02:00")).toBe(Date.UTC(2024, 2, 1, 8))
    expect(parseTimestamp("2024-03-01T10:00:00-0130")).toBe(Date.UTC(2024, 2, 1, 11, 30))
    expect(parseTimestamp("2024-03-01T00:30+01")).toBe(Date.UTC(2024, 1, 29, 23, 30))
  })

  it("keeps years before 100 in their own century", () => {
    expect(new Date(parseTimestamp("0050-03-01") ?? Number.NaN).getUTCFullYear()).toBe(50)
    expect(parseTimestamp("0004-02-29")).toBeDefined()
  })

  it("rejects impossible calendar dates and other layouts", () => {
    for (const text of [
      "2011-02-29",
      "2012-02-30",
      "2010-13-01 08:26:00",
      "2010-12-01 24:00:00",
      "2010-12-01 08:60:00",
      "12/1/2010 8:26",
      "20101201",
      "2010-12-01T08:26:00+25:00",
      "2010-12-01Z",
      "",
    ]) {
      expect(parseTimestamp(text)).toBeUndefined()
    }
    expect(parseTimestamp("2012-02-29")).toBe(Date.UTC(2012, 1, 29))
  })
})

describe("parseCompactDate", () => {
  it("reads YYYYMMDD at midnight UTC and rejects invalid dates", () => {
    expect(parseCompactDate("19970101")).toBe(Date.UTC(1997, 0, 1))
    expect(parseCompactDate("19970230")).toBeUndefined()
    expect(parseCompactDate("1997-01-01")).toBeUndefined()
    expect(parseCompactDate("1997011")).toBeUndefined()
  })
})

describe("normaliseNumericId", () => {
  it("drops a float suffix of whole numbers and trims, leaving other ids alone", () => {
    expect(normaliseNumericId("17850.0")).toBe("17850")
    expect(normaliseNumericId(" 17850 ")).toBe("17850")
    expect(normaliseNumericId("17850.5")).toBe("17850.5")
    expect(normaliseNumericId("A17850.0")).toBe("A17850.0")
    expect(normaliseNumericId("00004")).toBe("00004")
  })
})
