import { ModelFormatError } from "../../../../src/core/errors"
import { PopularityRecommender } from "../../../../src/core/recommend/popularity"
import { indexHistory } from "../../../../src/core/recommend/indexed-history"
import { trendRatios } from "../../../../src/core/recommend/trend"
import { day, historyOf, ids, type Basket } from "./baskets"

// Old: 4 orders of O on days 0-3. New: 2 orders of N on days 99-100. M: one order on day 100.
const SALES: Basket[] = [
  ["a", "1", 0, ["O"]],
  ["b", "2", 1, ["O"]],
  ["c", "3", 2, ["O"]],
  ["d", "4", 3, ["O"]],
  ["e", "5", 99, ["N"]],
  ["f", "6", 100, ["N", "M"]],
]

describe("popular", () => {
  it("counts all orders alike without decay, and recent ones most with a half-life", () => {
    const history = historyOf(SALES)
    expect(new PopularityRecommender({ halfLifeDays: null }).fit(history).popular(3)).toEqual([
      { productId: "O", score: 4 },
      { productId: "N", score: 2 },
      { productId: "M", score: 1 },
    ])
    // Half-life 14 days at asOf = day 100: N = 0.5^(1/14) + 1, O ≈ 4 · 0.5^(98/14) ≈ 0.03.
    const decayed = new PopularityRecommender({ halfLifeDays: 14 }).fit(history).popular(3)
    expect(ids(decayed)).toEqual(["N", "M", "O"])
    expect(decayed[0].score).toBeCloseTo(Math.pow(0.5, 1 / 14) + 1, 5)
  })

  it("measures ages from asOf when given", () => {
    const model = new PopularityRecommender({ halfLifeDays: 1 }).fit(historyOf(SALES), { asOf: day(101) })
    expect(model.popular(1)).toEqual([{ productId: "N", score: 0.75 }]) // 0.5^2 + 0.5^1
  })
})

describe("trending", () => {
  it("compares the recent orders with those the longer window predicts", () => {
    const history = indexHistory(historyOf(SALES))
    const { ratios, recentOrders } = trendRatios(history, day(100), { recentDays: 10, baselineDays: 100 })
    // O: no recent order, 4 in the last 100 days -> 1 / (0.4 + 1); N: 2 recent, 2 in all -> 3 / 1.2.
    expect(Array.from(recentOrders)).toEqual([0, 2, 1])
    expect(ratios[0]).toBeCloseTo(1 / 1.4, 15)
    expect(ratios[1]).toBeCloseTo(3 / 1.2, 15)
  })

  it("lists products with at least minRecentOrders recent orders", () => {
    const model = new PopularityRecommender({ recentDays: 10, baselineDays: 100, minRecentOrders: 2 }).fit(historyOf(SALES))
    expect(model.trending(5)).toEqual([{ productId: "N", score: 2.5 }])
  })
})

describe("serialization and options", () => {
  it("round-trips through JSON", () => {
    const model = new PopularityRecommender({ keep: 2 }).fit(historyOf(SALES))
    const loaded = PopularityRecommender.fromJSON(JSON.parse(JSON.stringify(model.toJSON())))
    expect(loaded.toJSON()).toEqual(model.toJSON())
    expect(loaded.popular(5)).toHaveLength(2)
    expect(() => PopularityRecommender.fromJSON({ ...model.toJSON(), version: 0 })).toThrow(ModelFormatError)
  })

  it("wants a baseline window longer than the recent one", () => {
    expect(() => new PopularityRecommender({ recentDays: 30, baselineDays: 20 })).toThrow(
      "option baselineDays must be an integer >= 31, got 20",
    )
  })
})
