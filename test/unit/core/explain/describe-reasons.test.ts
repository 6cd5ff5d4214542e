import { InvalidInputError } from "../../../../src/core/errors"
import { countryName } from "../../../../src/core/explain/country-reason"
import { describeReasons, type ReasonOptions } from "../../../../src/core/explain/describe-reasons"

const churn: ReasonOptions = { horizonDays: 90, target: "churn", count: 20 }
const purchase: ReasonOptions = { horizonDays: 90, target: "purchase", count: 20 }

/** The text for one feature with the given contribution. */
function text(facts: Record<string, number>, feature: string, contribution: number, options = churn): string {
  const [reason] = describeReasons(facts, [{ feature, contribution }], options)
  return reason.text
}

const lapsing = {
  recency_days: 142.4,
  frequency_orders: 12,
  monetary_total: 1240,
  tenure_days: 426,
  mean_gap_days: 30.2,
  gap_cv: 1.5,
  recency_over_gap: 4.71,
  avg_order_value: 103.333,
  lines_per_order: 1.04,
  items_per_order: 2,
  distinct_products: 85,
  distinct_categories: 1,
  orders_last_90d: 1,
  orders_prev_90d: 4,
  spend_last_90d: 1240,
  trend: -3,
  bgnbd_p_alive: 0.934,
  bgnbd_expected_orders: 1.44,
  country_DE: 1,
  country_FR: 0,
  country_other: 0,
}

describe("describeReasons texts", () => {
  it("words a reason against buying (raises churn risk, lowers purchase probability)", () => {
    const expected: Record<string, string> = {
      recency_days: "no order for 142 days; usually orders every 30",
      frequency_orders: "ordered only 12 times in 14 months",
      monetary_total: "spent only 1,240 in total",
      avg_order_value: "orders are small: 103.33 on average",
      lines_per_order: "puts few products in each order: 1 on average",
      items_per_order: "buys few units per order: 2 on average",
      distinct_products: "buys from a narrow range: 85 different products",
      distinct_categories: "buys in only 1 category",
      orders_last_90d: "ordered only once in the last 90 days",
      orders_prev_90d: "ordered only 4 times between 91 and 180 days ago",
      spend_last_90d: "spent only 1,240 in the last 90 days",
      country: "customers in Germany reorder less often",
      country_DE: "customers in Germany reorder less often",
      country_FR: "customers outside France reorder less often",
    }
    for (const [feature, sentence] of Object.entries(expected)) {
      expect(text(lapsing, feature, 0.2, churn)).toBe(sentence)
      expect(text(lapsing, feature, -0.2, purchase)).toBe(sentence)
    }
  })

  it("words a reason for buying (lowers churn risk, raises purchase probability)", () => {
    const active = { ...lapsing, recency_days: 5, frequency_orders: 1, tenure_days: 20, mean_gap_days: 0, orders_last_90d: 0 }
    const expected: Record<string, string> = {
      recency_days: "ordered 5 days ago",
      frequency_orders: "ordered once in 20 days",
      monetary_total: "spent 1,240 in total",
      avg_order_value: "orders are large: 103.33 on average",
      lines_per_order: "puts many products in each order: 1 on average",
      items_per_order: "buys many units per order: 2 on average",
      distinct_products: "buys from a wide range: 85 different products",
      distinct_categories: "buys across 1 category",
      orders_last_90d: "no order in the last 90 days",
      orders_prev_90d: "ordered 4 times between 91 and 180 days ago",
      spend_last_90d: "spent 1,240 in the last 90 days",
      country: "customers in Germany reorder more often",
    }
    for (const [feature, sentence] of Object.entries(expected)) {
      expect(text(active, feature, -0.2, churn)).toBe(sentence)
      expect(text(active, feature, 0.2, purchase)).toBe(sentence)
    }
  })

  it("words facts with a natural threshold by their value, whatever the sign", () => {
    const cases: [Record<string, number>, string, string][] = [
      [lapsing, "trend", "orders are slowing: 1 in the last 90 days against 4 before"],
      [{ orders_last_90d: 4, orders_prev_90d: 1, trend: 3 }, "trend", "orders are picking up: 4 in the last 90 days against 1 before"],
      [{ orders_last_90d: 2, orders_prev_90d: 2, trend: 0 }, "trend", "orders are steady: 2 in the last 90 days, as in the 90 days before"],
      [{ trend: -0.5 }, "trend", "orders are slowing"],
      [lapsing, "bgnbd_p_alive", "likely still active (BG/NBD 93%)"],
      [{ bgnbd_p_alive: 0.123 }, "bgnbd_p_alive", "may have stopped buying (BG/NBD: 12% chance still active)"],
      [lapsing, "bgnbd_expected_orders", "expected orders in the next 90 days: 1.4 (BG/NBD)"],
      [{ tenure_days: 20 }, "tenure_days", "a new customer: first order 20 days ago"],
      [lapsing, "tenure_days", "a customer for 14 months"],
      [lapsing, "mean_gap_days", "usually orders every 30 days"],
      [{ mean_gap_days: 0 }, "mean_gap_days", "only one order so far, so no usual rhythm yet"],
      [lapsing, "gap_cv", "orders at an irregular pace: the time between orders varies by 150%"],
      [{ gap_cv: 0.2 }, "gap_cv", "orders at a regular pace: the time between orders varies by 20%"],
      [lapsing, "recency_over_gap", "overdue: 4.7 times the usual time between orders has passed"],
      [{ recency_over_gap: 0.4 }, "recency_over_gap", "not yet due: 40% of the usual time between orders has passed"],
      [{ country_other: 1, country_DE: 0 }, "country", "customers from other countries reorder less often"],
      [{ country_other: 1 }, "country_other", "customers from other countries reorder less often"],
      [{ country_United_Kingdom: 1 }, "country", "customers in United Kingdom reorder less often"],
    ]
    for (const [facts, feature, sentence] of cases) {
      expect(text(facts, feature, 0.1, churn)).toBe(sentence)
      if (!feature.startsWith("country")) expect(text(facts, feature, -0.1, churn)).toBe(sentence)
    }
  })

  it("adds the currency symbol and leaves out the usual gap of a one-time buyer", () => {
    const facts = { recency_days: 200, frequency_orders: 1, mean_gap_days: 0, spend_last_90d: 0, monetary_total: 1234.5 }
    expect(text(facts, "recency_days", 0.3)).toBe("no order for 200 days")
    expect(text(facts, "spend_last_90d", 0.3)).toBe("spent nothing in the last 90 days")
    expect(text(facts, "monetary_total", -0.3, { ...churn, currencySymbol: "€" })).toBe("spent €1,234.50 in total")
    expect(text({ recency_days: 0.2 }, "recency_days", -0.3)).toBe("ordered today")
  })

  it("gives unknown or missing features a generic sentence naming the effect", () => {
    expect(text({ discount_share: 0.35 }, "discount_share", 0.1, churn)).toBe("discount share: 0.4, which raises the churn risk")
    expect(text({ discount_share: 0.35 }, "discount_share", -0.1, purchase)).toBe(
      "discount share: 0.4, which lowers the purchase probability"
    )
    expect(text({ constructor: 2 }, "constructor", 0.1, churn)).toBe("constructor: 2, which raises the churn risk")
    expect(text({}, "recency_days", -0.1, churn)).toBe("recency days lowers the churn risk")
    expect(text({ recency_days: Number.NaN }, "recency_days", 0.1, purchase)).toBe("recency days raises the purchase probability")
  })

  it("names countries from codes and column names", () => {
    expect(countryName("country_DE")).toBe("Germany")
    expect(countryName("country_United_Kingdom")).toBe("United Kingdom")
    expect(countryName("country_EIRE")).toBe("EIRE")
  })
})

describe("describeReasons ranking", () => {
  const contributions = [
    { feature: "monetary_total", contribution: 0.05 },
    { feature: "recency_days", contribution: 0.3 },
    { feature: "trend", contribution: 0 },
    { feature: "frequency_orders", contribution: -0.4 },
    { feature: "bgnbd_p_alive", contribution: -0.1 },
    { feature: "tenure_days", contribution: 0.2 },
  ]

  it("returns the top 3 by absolute contribution by default", () => {
    const reasons = describeReasons(lapsing, contributions, { horizonDays: 90, target: "churn" })
    expect(reasons).toEqual([
      { feature: "frequency_orders", text: "ordered 12 times in 14 months", contribution: -0.4 },
      { feature: "recency_days", text: "no order for 142 days; usually orders every 30", contribution: 0.3 },
      { feature: "tenure_days", text: "a customer for 14 months", contribution: 0.2 },
    ])
  })

  it("leaves out zero contributions and does not reorder the input", () => {
    const copy = contributions.map((c) => ({ ...c }))
    const reasons = describeReasons(lapsing, contributions, { ...churn, count: 10 })
    expect(reasons.map((r) => r.feature)).toEqual([
      "frequency_orders",
      "recency_days",
      "tenure_days",
      "bgnbd_p_alive",
      "monetary_total",
    ])
    expect(contributions).toEqual(copy)
  })

  it("breaks ties by feature name, whatever the input order", () => {
    const tied = [
      { feature: "tenure_days", contribution: 0.2 },
      { feature: "gap_cv", contribution: -0.2 },
      { feature: "monetary_total", contribution: 0.2 },
      { feature: "trend", contribution: 0.1 },
    ]
    const expected = ["gap_cv", "monetary_total", "tenure_days"]
    expect(describeReasons(lapsing, tied, purchase).slice(0, 3).map((r) => r.feature)).toEqual(expected)
    expect(describeReasons(lapsing, [...tied].reverse(), purchase).slice(0, 3).map((r) => r.feature)).toEqual(expected)
  })

  it("rejects bad options and non-finite contributions", () => {
    expect(() => describeReasons(lapsing, contributions, { ...churn, count: -1 })).toThrow(
      new InvalidInputError("count is -1, expected an integer >= 0", "count")
    )
    expect(() => describeReasons(lapsing, contributions, { ...churn, horizonDays: 0 })).toThrow(
      new InvalidInputError("horizonDays is 0, expected a number > 0", "horizonDays")
    )
    expect(() => describeReasons(lapsing, [{ feature: "trend", contribution: Number.NaN }], churn)).toThrow(
      new InvalidInputError("contribution of trend is NaN, expected a finite number", "contributions")
    )
  })
})
