import { InvalidInputError, ModelFormatError, NotEnoughDataError } from "../../../../src/core/errors"
import { ItemToItemRecommender } from "../../../../src/core/recommend/item-to-item"
import type { ItemToItemOptions } from "../../../../src/core/recommend/item-to-item-options"
import { day, historyOf, ids, STORE } from "./baskets"

/** Raw counts: no decay, no size factor, no reshaping of the lists. */
const PLAIN: Partial<ItemToItemOptions> = {
  normalisation: "jaccard",
  halfLifeDays: null,
  contextSizeExponent: 0,
  sharpening: 1,
  listNormalisation: "none",
  minSupport: 1,
}

function boughtTogether(options: Partial<ItemToItemOptions> = {}): ItemToItemRecommender {
  return new ItemToItemRecommender({ kind: "bought_together", ...PLAIN, ...options }).fit(historyOf(STORE))
}

describe("bought together", () => {
  // Orders holding A: 4, B: 3, C: 2, D: 4, E: 1; pairs AB: 3, AC: 2, BC: 1, DE: 1.
  it("finds B as the complement of A, with the Jaccard scores co / (n_i + n_j - co)", () => {
    const model = boughtTogether()
    expect(model.forProduct("A", 2)).toEqual([
      { productId: "B", score: 0.75 },
      { productId: "C", score: 0.5 },
    ])
    expect(model.forProduct("C", 2)).toEqual([
      { productId: "A", score: 0.5 },
      { productId: "B", score: 0.25 },
    ])
  })

  it("scores the damped cosine co / (n_i^(1-α) n_j^α) and the lift co N / (n_i n_j^α)", () => {
    const cosine = boughtTogether({ normalisation: "cosine", damping: 0.5 }).forProduct("A", 2)
    expect(cosine.map((item) => item.score)).toEqual([0.866025, 0.707107]) // 3/√12, 2/√8
    // 8 orders: A→B = 3·8 / (4·3) = 2, A→C = 2·8 / (4·2) = 2; the tie goes to the earlier product.
    expect(boughtTogether({ normalisation: "lift", damping: 1 }).forProduct("A", 2)).toEqual([
      { productId: "B", score: 2 },
      { productId: "C", score: 2 },
    ])
  })

  it("sharpens and normalises each list: s^p / Σ s^p", () => {
    const model = boughtTogether({ sharpening: 2, listNormalisation: "sum" })
    // A: 0.75² = 0.5625 and 0.5² = 0.25, over 0.8125.
    expect(model.forProduct("A", 2).map((item) => item.score)).toEqual([0.692308, 0.307692])
  })

  it("never returns a cart's own products and fills up with popular ones", () => {
    const model = boughtTogether()
    // C scores 0.5 + 0.25 from A and B; D then E are the most popular of the rest.
    expect(model.forCart(["A", "B"], 3)).toEqual([
      { productId: "C", score: 0.75 },
      { productId: "D", score: 0 },
      { productId: "E", score: 0 },
    ])
    for (const cart of [["A"], ["A", "C"], ["D", "E"], ["B", "C", "A"]]) {
      const items = ids(model.forCart(cart, 5))
      expect(items.filter((productId) => cart.includes(productId))).toEqual([])
    }
  })

  it("answers an unknown product or an empty cart with the popular list", () => {
    const model = boughtTogether()
    expect(ids(model.forProduct("unknown", 3))).toEqual(["D", "A", "B"])
    expect(ids(model.forCart([], 2))).toEqual(["D", "A"])
  })

  it("drops pairs seen in fewer than minSupport orders", () => {
    const model = boughtTogether({ minSupport: 2 })
    expect(model.forProduct("B", 1)).toEqual([{ productId: "A", score: 0.75 }])
    // D and E met once: D's list is only the popular fill.
    expect(model.forProduct("D", 2)).toEqual([
      { productId: "A", score: 0 },
      { productId: "B", score: 0 },
    ])
  })

  it("keeps at most K neighbours per product", () => {
    const { table } = boughtTogether({ neighbours: 1 }).neighbourLists()
    expect(Array.from(table.start)).toEqual([0, 1, 2, 3, 4, 5])
    expect(table.ids.length).toBeLessThanOrEqual(5)
  })

  it("halves a co-occurrence per half-life before asOf", () => {
    const history = historyOf([
      ["x", "1", 0, ["P", "Q"]],
      ["y", "2", 30, ["P", "R"]],
    ])
    const model = new ItemToItemRecommender({ kind: "bought_together", ...PLAIN, halfLifeDays: 30 }).fit(history)
    // asOf = day 30: n_P = 1.5, n_Q = 0.5, n_R = 1; P→R = 1 / (1.5 + 1 - 1), P→Q = 0.5 / (1.5 + 0.5 - 0.5).
    expect(model.forProduct("P", 2)).toEqual([
      { productId: "R", score: 0.666667 },
      { productId: "Q", score: 0.333333 },
    ])
    expect(model.asOf()).toBe(day(30))
  })

  it("lists the top n of every product", () => {
    const lists = boughtTogether().topNForAllProducts(2)
    expect(lists.map((list) => list.sourceId)).toEqual(["A", "B", "C", "D", "E"])
    expect(lists[3]).toEqual({ sourceId: "D", items: [{ productId: "E", score: 0.25 }, { productId: "A", score: 0 }] })
  })
})

describe("similar (same customer over time)", () => {
  const history = historyOf([
    ["x", "1", 1, ["P"]],
    ["x", "2", 2, ["Q"]],
    ["x", "3", 3, ["R"]],
    ["y", "4", 4, ["S"]],
  ])

  it("links products a customer bought in different orders, which bought_together does not", () => {
    const similar = new ItemToItemRecommender({ kind: "similar", ...PLAIN, maxContextItems: 10 }).fit(history)
    expect(ids(similar.forProduct("P", 2))).toEqual(["Q", "R"])
    const together = new ItemToItemRecommender({ kind: "bought_together", ...PLAIN }).fit(history)
    expect(together.neighbourLists().table.ids.length).toBe(0)
  })

  it("keeps only a customer's latest maxContextItems products", () => {
    const similar = new ItemToItemRecommender({ kind: "similar", ...PLAIN, maxContextItems: 2 }).fit(history)
    const { table } = similar.neighbourLists()
    // P (the oldest) is left out: no neighbours for P, Q and R only know each other.
    expect(table.start[1] - table.start[0]).toBe(0)
    expect(ids(similar.forProduct("Q", 1))).toEqual(["R"])
  })
})

describe("serialization", () => {
  it("round-trips through JSON and recommends exactly as before", () => {
    const model = boughtTogether({ sharpening: 2, listNormalisation: "sum", halfLifeDays: 7 })
    const json = JSON.parse(JSON.stringify(model.toJSON()))
    const loaded = ItemToItemRecommender.fromJSON(json)
    expect(loaded.toJSON()).toEqual(model.toJSON())
    expect(loaded.options).toEqual(model.options)
    for (const cart of [["A"], ["A", "B"], ["D"], ["C", "E"]]) expect(loaded.forCart(cart, 4)).toEqual(model.forCart(cart, 4))
    expect(loaded.topNForAllProducts(3)).toEqual(model.topNForAllProducts(3))
    expect(json.type).toBe("item-to-item-recommender")
    expect(json.version).toBe(1)
  })

  it("rejects another type, another version or malformed params with a ModelFormatError", () => {
    const json = boughtTogether().toJSON()
    expect(() => ItemToItemRecommender.fromJSON({ ...json, type: "popularity-recommender" })).toThrow(ModelFormatError)
    expect(() => ItemToItemRecommender.fromJSON({ ...json, version: 2 })).toThrow(
      "unsupported item-to-item-recommender version 2, expected 1",
    )
    expect(() => ItemToItemRecommender.fromJSON({ ...json, params: { ...json.params, listNormalisation: "max" } })).toThrow(
      ModelFormatError,
    )
    expect(() => ItemToItemRecommender.fromJSON({ ...json, params: { ...json.params, neighbours: 0 } })).toThrow(
      ModelFormatError,
    )
    const state = { ...json.state, neighbourIds: json.state.neighbourIds.slice(1) }
    expect(() => ItemToItemRecommender.fromJSON({ ...json, state })).toThrow(ModelFormatError)
  })
})

describe("options and inputs", () => {
  it("names the option, its value and its bound", () => {
    expect(() => new ItemToItemRecommender({ kind: "similar", neighbours: 0 })).toThrow(
      "option neighbours must be an integer in [1, 10000], got 0",
    )
    expect(() => new ItemToItemRecommender({ kind: "similar", damping: 1.5 })).toThrow(InvalidInputError)
    expect(() => new ItemToItemRecommender({ kind: "similar", halfLifeDays: 0 })).toThrow(
      "option halfLifeDays must be a number of days > 0 or null (no decay), got 0",
    )
  })

  it("needs lines to learn from, and a fit before recommending", () => {
    expect(() => new ItemToItemRecommender({ kind: "similar" }).fit(historyOf([]))).toThrow(NotEnoughDataError)
    expect(() => new ItemToItemRecommender({ kind: "similar" }).forProduct("A", 3)).toThrow("not fitted")
    expect(() => boughtTogether().forCart(["A"], 0)).toThrow("option n must be an integer >= 1, got 0")
  })
})
