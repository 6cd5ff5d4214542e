import {
  formatInteger,
  formatMoney,
  formatOneDecimal,
  formatPercent,
  formatSpan,
  plural,
  times,
} from "../../../../src/core/explain/format-numbers"

describe("number formatting", () => {
  it("formats money with thousands separators and at most two decimals", () => {
    expect(formatMoney(1240)).toBe("1,240")
    expect(formatMoney(1234567.891)).toBe("1,234,567.89")
    expect(formatMoney(85.5, "€")).toBe("€85.50")
    expect(formatMoney(19.999)).toBe("20")
    expect(formatMoney(-3.2, "$")).toBe("-$3.20")
    expect(formatMoney(-0.001)).toBe("0")
    expect(formatMoney(999.995)).toBe("1,000")
  })

  it("rounds integers, percents and one-decimal values", () => {
    expect(formatInteger(12345.6)).toBe("12,346")
    expect(formatInteger(-1234)).toBe("-1,234")
    expect([formatInteger(2.5), formatInteger(-2.5)]).toEqual(["3", "-3"])
    expect(formatPercent(0.934)).toBe("93%")
    expect(formatPercent(1.5)).toBe("150%")
    expect(formatOneDecimal(4.67)).toBe("4.7")
    expect(formatOneDecimal(2.96)).toBe("3")
    expect(formatOneDecimal(-0.04)).toBe("0")
    expect(formatOneDecimal(-12345.25)).toBe("-12,345.3")
  })

  it("words counts and spans", () => {
    expect(plural(1, "day")).toBe("1 day")
    expect(plural(4.6, "day")).toBe("5 days")
    expect(plural(3, "category", "categories")).toBe("3 categories")
    expect([times(1), times(2), times(12)]).toEqual(["once", "twice", "12 times"])
    expect(formatSpan(20)).toBe("20 days")
    expect(formatSpan(426)).toBe("14 months")
    expect(formatSpan(913)).toBe("2.5 years")
  })
})
