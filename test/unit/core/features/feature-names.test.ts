import {
  FEATURES,
  FEATURE_COUNT,
  FEATURE_INDEX,
  FEATURE_NAMES,
  heavyTailedFeatureIndices,
} from "../../../../src/core/features/feature-names"

describe("feature names", () => {
  it("lists the documented features once each, in a fixed order", () => {
    expect(FEATURE_NAMES).toEqual([
      "recency_days",
      "frequency_orders",
      "monetary_total",
      "tenure_days",
      "mean_gap_days",
      "gap_cv",
      "recency_over_gap",
      "avg_order_value",
      "lines_per_order",
      "items_per_order",
      "distinct_products",
      "distinct_categories",
      "orders_last_90d",
      "orders_prev_90d",
      "spend_last_90d",
      "trend",
      "bgnbd_p_alive",
      "bgnbd_expected_orders",
    ])
    expect(FEATURE_COUNT).toBe(18)
    FEATURE_NAMES.forEach((name, column) => expect(FEATURE_INDEX[name]).toBe(column))
    for (const feature of FEATURES) expect(feature.description.length).toBeGreaterThan(5)
  })

  it("flags every column for the signed log except the ratio-like gap_cv, the signed trend and P(alive)", () => {
    const plain = FEATURE_NAMES.filter((_, column) => !heavyTailedFeatureIndices().includes(column))
    expect(plain).toEqual(["gap_cv", "trend", "bgnbd_p_alive"])
  })
})
