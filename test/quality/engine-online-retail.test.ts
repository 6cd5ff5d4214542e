import { measureOnlineRetail, type PropensityFigures } from "../../bench/engine-quality"

/**
 * The quality bars of the engine on UCI Online Retail (protocol and baselines in
 * ../shared/datasets/README.md): trained through `medusa-ml train` with --as-of
 * 2011-09-10, scored on who ordered in the next 90 days. The baselines are
 * scikit-learn's logistic regression (ROC-AUC 0.741, PR-AUC 0.809, Brier 0.207) and,
 * for spend, HistGradientBoosting (Spearman 0.489, MAE 631).
 */
describe("the engine on Online Retail, as of 2011-09-10, 90 days", () => {
  let figures: PropensityFigures
  beforeAll(async () => {
    figures = await measureOnlineRetail("2011-09-10", 90)
    console.log(JSON.stringify(figures, null, 2))
  }, 300_000)

  it("scores the protocol's population", () => {
    expect(figures.customers).toBe(3368)
    expect(figures.positiveRate).toBeCloseTo(0.569, 3)
  })

  it("meets the bars set against scikit-learn's logistic regression out-of-time (ROC-AUC, PR-AUC no lower; Brier at most 0.21)", () => {
    expect(figures.rocAuc).toBeGreaterThanOrEqual(0.741)
    expect(figures.prAuc).toBeGreaterThanOrEqual(0.809)
    expect(figures.brier).toBeLessThanOrEqual(0.21)
  })

  it("predicts 90-day spend better than HistGradientBoosting", () => {
    expect(figures.spendSpearman).toBeGreaterThanOrEqual(0.51)
    expect(figures.spendMae).toBeLessThanOrEqual(600)
  })
})
