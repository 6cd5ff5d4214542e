import {
  cartRecommendationsQuery,
  customerRecommendationsQuery,
  parseQuery,
  productRecommendationsQuery,
} from "../../../../src/api/store/ml-query-schemas"

describe("the store recommendation queries", () => {
  it("default to 10 similar products", () => {
    expect(parseQuery(productRecommendationsQuery, {})).toEqual({ ok: true, value: { kind: "similar", limit: 10 } })
    expect(parseQuery(cartRecommendationsQuery, undefined)).toEqual({ ok: true, value: { limit: 10 } })
  })

  it("read limit and kind from query-string text", () => {
    expect(parseQuery(productRecommendationsQuery, { kind: "bought_together", limit: "50" })).toEqual({
      ok: true,
      value: { kind: "bought_together", limit: 50 },
    })
    expect(parseQuery(customerRecommendationsQuery, { limit: "1" })).toEqual({ ok: true, value: { limit: 1 } })
  })

  it.each([["0"], ["51"], ["-3"], ["2.5"], ["ten"], [""], [["1", "2"]]])("refuses limit=%p naming the field", (limit) => {
    const parsed = parseQuery(cartRecommendationsQuery, { limit })
    expect(parsed).toEqual({ ok: false, field: "limit", message: "limit: must be a whole number from 1 to 50" })
  })

  it("refuses an unknown kind naming the field", () => {
    expect(parseQuery(productRecommendationsQuery, { kind: "customer" })).toMatchObject({ ok: false, field: "kind" })
  })

  it.each(["customer_id", "sales_channel_id", "id"])("refuses the parameter %s, so none can name another customer or channel", (name) => {
    expect(parseQuery(customerRecommendationsQuery, { [name]: "cus_other" })).toEqual({
      ok: false,
      field: name,
      message: `${name}: is not a parameter of this route`,
    })
  })
})
