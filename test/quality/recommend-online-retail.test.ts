import { measureRecommendationsOnlineRetail, type RecommendationQualityFigures } from "../../bench/recommend-quality"

/**
 * The quality bars of the recommenders on UCI Online Retail (protocols and baselines in
 * ../shared/datasets/README.md): fit on the clean lines before 2011-09-10, judged on the 90
 * days after. README baselines: popularity NDCG 0.050, item-item cosine NDCG 0.099 (coverage
 * 26.7%) on new items; buy-again by invoices NDCG 0.376 with repeats; invoice-level cosine hit
 * rate 0.194 on baskets. The figures come from bench/recommend-quality.ts, which
 * `npm run bench:recommend` prints as a table.
 */
describe("recommendations on UCI Online Retail, cutoff 2011-09-10, 90-day window", () => {
  let figures: RecommendationQualityFigures

  beforeAll(async () => {
    figures = await measureRecommendationsOnlineRetail()
    console.log(JSON.stringify(figures, null, 2))
  }, 240_000)

  it("evaluates the README's populations: 1,850 and 1,916 customers, 6,004 baskets", () => {
    expect(figures.newItems.ours.cases).toBe(1_850)
    expect(figures.repeats.ours.cases).toBe(1_916)
    expect(figures.baskets.ours.cases).toBe(6_004)
  })

  it("reproduces the README's baselines with our own code", () => {
    expect(figures.newItems.popularity.ndcg).toBeCloseTo(0.05, 2)
    expect(figures.newItems.cosine.ndcg).toBeCloseTo(0.0986, 2)
    expect(figures.baskets.invoiceCosine.hitRate).toBeCloseTo(0.194, 2)
  })

  it("new items @10: NDCG >= 0.099 with catalogue coverage >= 25%", () => {
    expect(figures.newItems.ours.ndcg).toBeGreaterThanOrEqual(0.099)
    expect(figures.newItems.ours.coverage).toBeGreaterThanOrEqual(0.25)
  })

  it("repeats allowed @10: NDCG >= 0.38", () => {
    expect(figures.repeats.ours.ndcg).toBeGreaterThanOrEqual(0.38)
  })

  it("frequently bought together: hit rate @10 >= 0.205", () => {
    expect(figures.baskets.ours.hitRate).toBeGreaterThanOrEqual(0.205)
  })
})
