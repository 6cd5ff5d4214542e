import { ModelFormatError } from "../../../../src/core/errors"
import { ForYouRecommender } from "../../../../src/core/recommend/for-you"
import type { ForYouOptions } from "../../../../src/core/recommend/for-you-options"
import { SIMILAR_DEFAULTS } from "../../../../src/core/recommend/item-to-item-options"
import { basketLines, day, historyOf, ids, type Basket } from "./baskets"

/**
 * Customer r buys X in 3 orders, Y in 2, Z in 1; s and t buy X or Y with W; u buys V twice.
 */
const SHOP: Basket[] = [
  ["r", "r1", 1, ["X", "Y"]],
  ["r", "r2", 10, ["X"]],
  ["r", "r3", 20, ["X", "Z"]],
  ["r", "r4", 21, ["Y"]],
  ["s", "s1", 5, ["X", "W"]],
  ["t", "t1", 6, ["Y", "W"]],
  ["u", "u1", 7, ["V"]],
  ["u", "u2", 8, ["V"]],
]

const PLAIN: Partial<ForYouOptions> = {
  similar: { ...SIMILAR_DEFAULTS, halfLifeDays: null, contextSizeExponent: 0, maxContextItems: 10 },
  profileHalfLifeDays: null,
  buyAgainHalfLifeDays: null,
  repeatRateExponent: 0,
  trendExponent: 0,
}

function fitted(options: Partial<ForYouOptions> = {}, baskets: Basket[] = SHOP): ForYouRecommender {
  return new ForYouRecommender({ ...PLAIN, ...options }).fit(historyOf(baskets))
}

function linesOf(customerId: string, baskets: Basket[] = SHOP) {
  return basketLines(baskets.filter(([customer]) => customer === customerId))
}

describe("for you", () => {
  it("gives a customer without history the popular list", () => {
    const model = fitted()
    const popular = ids(model.similar().popularity().popular(4))
    expect(ids(model.forCustomer([], 4))).toEqual(popular)
    const [unknown] = model.topNForCustomers(historyOf(SHOP), 4, { customerIds: ["nobody"] })
    expect(unknown.sourceId).toBe("nobody")
    expect(ids(unknown.items)).toEqual(popular)
  })

  it("ranks buy-again by purchase counts when the blend weight is 1: X (3 orders), Y (2), Z (1)", () => {
    const items = fitted({ blendWeight: 1 }).forCustomer(linesOf("r"), 3)
    expect(ids(items)).toEqual(["X", "Y", "Z"])
    expect(items.map((item) => item.score)).toEqual([1, 2 / 3, 1 / 3])
  })

  it("puts the most repeated product first whenever the blend favours buy-again", () => {
    for (const blendWeight of [0.6, 0.8, 0.9]) {
      const model = fitted({ blendWeight, repeatRateExponent: 0.5, profileHalfLifeDays: 30, trendExponent: 0.25 })
      expect(ids(model.forCustomer(linesOf("r"), 3))[0]).toBe("X")
    }
  })

  it("leaves out everything the customer bought when excludePurchased is set", () => {
    const model = fitted({ blendWeight: 0.8 })
    const items = ids(model.forCustomer(linesOf("r"), 3, { excludePurchased: true }))
    // W comes from the neighbours of X and Y; V is the popular fill.
    expect(items).toEqual(["W", "V"])
    expect(ids(model.forCustomer(linesOf("r"), 3))).toContain("X")
  })

  it("uses no buy-again when the store has no repeat purchases", () => {
    const once: Basket[] = [
      ["a", "1", 1, ["X", "Y"]],
      ["b", "2", 2, ["Y", "Z"]],
    ]
    const model = fitted({ blendWeight: 1 }, once)
    expect(model.effectiveBlendWeight()).toBe(0)
    expect(fitted({ blendWeight: 1 }).effectiveBlendWeight()).toBe(1)
    // Only the neighbours speak, as with a blend weight of 0.
    const lines = linesOf("a", once)
    expect(model.forCustomer(lines, 3)).toEqual(fitted({ blendWeight: 0 }, once).forCustomer(lines, 3))
  })

  it("scores lines given directly exactly as the stored lists of the history", () => {
    const model = fitted({ blendWeight: 0.7, profileHalfLifeDays: 15, repeatRateExponent: 1, trendExponent: 0.5 })
    const lists = model.topNForCustomers(historyOf(SHOP), 4)
    expect(lists.map((list) => list.sourceId)).toEqual(["r", "s", "t", "u"])
    for (const list of lists) expect(model.forCustomer(linesOf(list.sourceId), 4)).toEqual(list.items)
  })

  it("lists every customer both ways in one call exactly as two calls do", () => {
    const model = fitted({ blendWeight: 0.7, profileHalfLifeDays: 15, repeatRateExponent: 1, trendExponent: 0.5 })
    const history = historyOf(SHOP)
    const customerIds = ["u", "nobody", "r"]
    const pair = model.topNForCustomersBothWays(history, 4, { customerIds })
    expect(pair.withPurchased).toEqual(model.topNForCustomers(history, 4, { customerIds }))
    expect(pair.newOnly).toEqual(model.topNForCustomers(history, 4, { customerIds, excludePurchased: true }))
    expect(pair.withPurchased.map((list) => list.sourceId)).toEqual(customerIds)
    // r bought X, Y and Z: only W and V are left for the "new" list.
    expect(ids(pair.newOnly[2].items)).toEqual(["W", "V"])
    expect(ids(pair.withPurchased[2].items)).toContain("X")
    const all = model.topNForCustomersBothWays(history, 4)
    expect(all.newOnly).toEqual(model.topNForCustomers(history, 4, { excludePurchased: true }))
  })

  it("weighs the profile by recency: the latest purchase's neighbours come first", () => {
    const baskets: Basket[] = [
      ["a", "1", 1, ["X", "P"]],
      ["b", "2", 2, ["Y", "Q"]],
      ["c", "3", 3, ["X"]],
      ["c", "4", 60, ["Y"]],
    ]
    const lines = linesOf("c", baskets)
    const recent = fitted({ profileHalfLifeDays: 7 }, baskets)
    expect(ids(recent.forCustomer(lines, 2, { excludePurchased: true }))).toEqual(["Q", "P"])
    // Without decay X and Y weigh alike and the tie goes to the earlier product, P.
    const flat = fitted({ profileHalfLifeDays: null }, baskets)
    expect(ids(flat.forCustomer(lines, 2, { excludePurchased: true }))).toEqual(["P", "Q"])
    expect(recent.forCustomer(lines, 2, { excludePurchased: true, asOf: day(60) })).toEqual(
      recent.forCustomer(lines, 2, { excludePurchased: true }),
    )
  })
})

describe("serialization", () => {
  it("round-trips through JSON and lists exactly as before", () => {
    const model = fitted({ blendWeight: 0.7, profileHalfLifeDays: 15, repeatRateExponent: 1, trendExponent: 0.5 })
    const json = JSON.parse(JSON.stringify(model.toJSON()))
    const loaded = ForYouRecommender.fromJSON(json)
    expect(loaded.toJSON()).toEqual(model.toJSON())
    const history = historyOf(SHOP)
    for (const excludePurchased of [false, true]) {
      expect(loaded.topNForCustomers(history, 5, { excludePurchased })).toEqual(
        model.topNForCustomers(history, 5, { excludePurchased }),
      )
    }
  })

  it("rejects another type and per-product arrays of the wrong length", () => {
    const json = fitted().toJSON()
    expect(() => ForYouRecommender.fromJSON({ ...json, type: "item-to-item-recommender" })).toThrow(ModelFormatError)
    const state = { ...json.state, trendRatios: [1] }
    expect(() => ForYouRecommender.fromJSON({ ...json, state })).toThrow("state.trendRatios has 1 entries for 5 products")
  })
})

describe("options", () => {
  it("checks each option once, naming it", () => {
    expect(() => new ForYouRecommender({ blendWeight: 2 })).toThrow("option blendWeight must be a number in [0, 1], got 2")
    expect(() => new ForYouRecommender({ similar: { ...SIMILAR_DEFAULTS, kind: "bought_together" } })).toThrow(
      'option similar.kind must be "similar"',
    )
    expect(() => new ForYouRecommender({ trendRecentDays: 30, trendBaselineDays: 30 })).toThrow(
      "option trendBaselineDays must be an integer >= 31, got 30",
    )
  })
})
