import { ForYouRecommender } from "../../../../src/core/recommend/for-you"
import { ItemToItemRecommender } from "../../../../src/core/recommend/item-to-item"
import {
  buildRecommendationCases,
  evaluateBasketCompletion,
  evaluateForYou,
  summarizeRankings,
} from "../../../../src/core/recommend/evaluation"
import { basketLines, historyOf, type Basket } from "./baskets"

const TRAIN: Basket[] = [
  ["a", "1", 1, ["P", "Q"]],
  ["b", "2", 2, ["Q", "R"]],
]
// In the window: a buys P again and R (new to a) and S (new to the store); b buys P, Q, R in one
// order; c (no history) buys P.
const WINDOW: Basket[] = [
  ["a", "3", 10, ["P", "S", "R"]],
  ["b", "4", 11, ["R", "Q", "P"]],
  ["c", "5", 12, ["P", "Q"]],
]

describe("buildRecommendationCases", () => {
  const cases = buildRecommendationCases(historyOf(TRAIN), basketLines(WINDOW))

  it("keeps customers with history, drops products first sold in the window", () => {
    expect(cases.repeatsAllowed).toEqual([
      { customerId: "a", truth: new Set(["P", "R"]) },
      { customerId: "b", truth: new Set(["R", "Q", "P"]) },
    ])
    expect(cases.newItems).toEqual([
      { customerId: "a", truth: new Set(["R"]) },
      { customerId: "b", truth: new Set(["P"]) },
    ])
    expect(cases.catalogueSize).toBe(3)
  })

  it("hides the last known product of each order and sorts the others by id", () => {
    expect(cases.baskets).toEqual([
      { given: ["P"], hidden: "R" },
      { given: ["Q", "R"], hidden: "P" },
      { given: ["P"], hidden: "Q" },
    ])
  })

  it("scores models on the cases", () => {
    const train = historyOf(TRAIN)
    const together = new ItemToItemRecommender({ kind: "bought_together" }).fit(train)
    const baskets = evaluateBasketCompletion(together, cases.baskets, { k: 1, catalogueSize: 3 })
    // P's only neighbour is Q; {Q, R} leads to P; so 2 of 3 hidden products come first.
    expect(baskets.cases).toBe(3)
    expect(baskets.hitRate).toBeCloseTo(2 / 3, 15)
    expect(baskets.coverage).toBeCloseTo(2 / 3, 15)

    const forYou = new ForYouRecommender().fit(train)
    const fresh = evaluateForYou(forYou, train, cases.newItems, { k: 1, excludePurchased: true, catalogueSize: 3 })
    // a has P and Q: R is the only product left; b has Q and R: P is.
    expect(fresh.precision).toBe(1)
    expect(fresh.ndcg).toBe(1)
  })
})

describe("summarizeRankings", () => {
  it("averages every metric and measures the coverage of the lists cut to k", () => {
    const summary = summarizeRankings(
      [
        { ranked: ["a", "b"], truth: new Set(["b"]) },
        { ranked: ["c", "d"], truth: new Set(["x"]) },
      ],
      1,
      4,
    )
    expect(summary).toEqual({ cases: 2, precision: 0, recall: 0, ndcg: 0, hitRate: 0, mrr: 0, coverage: 0.5 })
  })
})
