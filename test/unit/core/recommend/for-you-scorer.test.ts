import type { CustomerPurchases } from "../../../../src/core/recommend/customer-purchases"
import { ForYouScorer, type ScorerModel } from "../../../../src/core/recommend/for-you-scorer"
import { DAY_MS } from "./baskets"

const AS_OF = 100 * DAY_MS

/**
 * Four products A, B, C, D (numbers 0 to 3): A lists B (0.5) and C (0.25), B lists A (1), C
 * and D list nothing; repeat rates of 1/2, no trend.
 */
const MODEL: ScorerModel = {
  productIds: ["A", "B", "C", "D"],
  table: {
    start: Int32Array.from([0, 2, 3, 3, 3]),
    ids: Int32Array.from([1, 2, 0]),
    scores: Float64Array.from([0.5, 0.25, 1]),
  },
  rates: Float64Array.from([0.5, 0.5, 0.5, 0.5]),
  trendFactor: Float64Array.from([1, 1, 1, 1]),
}

/** No decay and a repeat-rate exponent of 0: the profile and buy-again are plain purchase counts. */
const COUNTS = { profileHalfLifeDays: null, buyAgainHalfLifeDays: null, repeatRateExponent: 0 }

function purchases(products: number[]): CustomerPurchases {
  return {
    products: Int32Array.from(products),
    times: Float64Array.from(products, () => AS_OF),
    isPurchased: () => false,
  }
}

describe("ForYouScorer", () => {
  // Bought A twice, B and D once: a_B = 2 · 0.5 = 1, a_C = 2 · 0.25 = 0.5, a_A = 1 (max a = 1);
  // b_A = 2, b_B = b_D = 1 (max b = 2).
  const customer = purchases([0, 0, 1, 3])

  it("blends the neighbour sums with buy-again: ((1 - λ) a / max a + λ b / max b)", () => {
    const scorer = new ForYouScorer(MODEL)
    scorer.load(customer, AS_OF, COUNTS)
    // A: 0.5 + 0.5; B: 0.5 + 0.25; C: 0.25 from the neighbours only; D: 0.25 from buy-again
    // only (no list reaches it), after C on the tie.
    expect(scorer.best(4, 0.5, false)).toEqual([
      { productId: "A", score: 1 },
      { productId: "B", score: 0.75 },
      { productId: "C", score: 0.25 },
      { productId: "D", score: 0.25 },
    ])
    expect(scorer.best(2, 0.5, false)).toEqual([
      { productId: "A", score: 1 },
      { productId: "B", score: 0.75 },
    ])
  })

  it("scores the same loaded sums again with another blend, or without what was bought", () => {
    const scorer = new ForYouScorer(MODEL)
    scorer.load(customer, AS_OF, COUNTS)
    expect(scorer.best(4, 1, false)).toEqual([
      { productId: "A", score: 1 },
      { productId: "B", score: 0.5 },
      { productId: "D", score: 0.5 },
    ])
    // Without the customer's products only C is left, scored a_C / max a whatever the blend.
    expect(scorer.best(4, 0.5, true)).toEqual([{ productId: "C", score: 0.5 }])
    expect(scorer.best(4, 0, false)).toEqual([
      { productId: "A", score: 1 },
      { productId: "B", score: 1 },
      { productId: "C", score: 0.5 },
    ])
  })

  it("gives both lists from one pass exactly as two calls do", () => {
    const scorer = new ForYouScorer({ ...MODEL, trendFactor: Float64Array.from([1, 2, 0.5, 3]) })
    scorer.load(customer, AS_OF, COUNTS)
    for (const blend of [0, 0.3, 1]) {
      const both = scorer.bestBothWays(3, blend)
      expect(both.withPurchased).toEqual(scorer.best(3, blend, false))
      expect(both.newOnly).toEqual(scorer.best(3, blend, true))
    }
    expect(scorer.bestBothWays(3, 0.5).newOnly).toEqual([{ productId: "C", score: 0.25 }])
  })

  it("multiplies by the trend factor and forgets the previous customer on load", () => {
    const scorer = new ForYouScorer({ ...MODEL, trendFactor: Float64Array.from([1, 1, 4, 1]) })
    scorer.load(customer, AS_OF, COUNTS)
    expect(scorer.best(1, 0.5, true)).toEqual([{ productId: "C", score: 2 }])
    // Someone who bought B only: a_A = 1, b_B = 1.
    scorer.load(purchases([1]), AS_OF, COUNTS)
    expect(scorer.best(4, 0.5, false)).toEqual([
      { productId: "A", score: 0.5 },
      { productId: "B", score: 0.5 },
    ])
    expect(scorer.best(4, 0.5, true)).toEqual([{ productId: "A", score: 1 }])
  })

  it("weighs purchases by their age with the half-lives", () => {
    const scorer = new ForYouScorer(MODEL)
    // A bought 10 days before asOf, B at asOf: with 10-day half-lives they weigh 1/2 and 1.
    const dated: CustomerPurchases = {
      products: Int32Array.from([0, 1]),
      times: Float64Array.from([AS_OF - 10 * DAY_MS, AS_OF]),
      isPurchased: () => false,
    }
    scorer.load(dated, AS_OF, { profileHalfLifeDays: 10, buyAgainHalfLifeDays: 10, repeatRateExponent: 0 })
    // a_B = 0.5 · 0.5, a_C = 0.5 · 0.25, a_A = 1; b_A = 0.5, b_B = 1.
    expect(scorer.best(3, 0, false)).toEqual([
      { productId: "A", score: 1 },
      { productId: "B", score: 0.25 },
      { productId: "C", score: 0.125 },
    ])
    expect(scorer.best(2, 1, false)).toEqual([
      { productId: "B", score: 1 },
      { productId: "A", score: 0.5 },
    ])
  })
})
