import { createRandom, type Random } from "../../../../src/core/random"
import { FOR_YOU_DEFAULTS } from "../../../../src/core/recommend/for-you-options"
import { BOUGHT_TOGETHER_DEFAULTS } from "../../../../src/core/recommend/item-to-item-options"
import { tuneRecommenders, type RecommenderTuningOptions } from "../../../../src/core/recommend/tune"
import { basketLines, day, DAY_MS, historyOf, type Basket } from "./baskets"
import { buildOrderHistory } from "../../../../src/core/data/types"

/**
 * 40 customers over 120 days; each likes one of 5 themes of 10 products and orders 2 or 3 of
 * them every 5 to 25 days, so products of a theme go together and favourites come back.
 */
function themedStore(random: Random, repeat = true): Basket[] {
  const baskets: Basket[] = []
  let orderNumber = 0
  for (let customer = 0; customer < 40; customer++) {
    const theme = customer % 5
    let at = random.int(20)
    const bought = new Set<string>()
    while (at < 120) {
      const size = 2 + random.int(2)
      const products = new Set<string>()
      while (products.size < size) products.add(`T${theme}P${random.int(10)}`)
      const fresh = repeat ? [...products] : [...products].filter((product) => !bought.has(product))
      fresh.forEach((product) => bought.add(product))
      if (fresh.length > 0) baskets.push([`c${customer}`, `o${orderNumber++}`, at, fresh])
      at += 5 + random.int(21)
    }
  }
  return baskets
}

const STORE = themedStore(createRandom(11))
const AS_OF = day(120)
const options = (extra: Partial<RecommenderTuningOptions> = {}): RecommenderTuningOptions => ({
  random: createRandom(5),
  trials: 3,
  validationDays: 40,
  asOf: AS_OF,
  now: () => 0,
  ...extra,
})

describe("tuneRecommenders", () => {
  it("is deterministic under a seed", () => {
    const first = tuneRecommenders(historyOf(STORE), options())
    const second = tuneRecommenders(historyOf(STORE), options())
    expect(second.report).toEqual(first.report)
    expect(second.forYou.toJSON()).toEqual(first.forYou.toJSON())
    expect(second.boughtTogether.toJSON()).toEqual(first.boughtTogether.toJSON())
  })

  it("starts every search from the defaults and keeps the best validation trial", () => {
    const { report, forYou, boughtTogether } = tuneRecommenders(historyOf(STORE), options())
    expect(report.validationFrom).toBe(AS_OF - 40 * DAY_MS)
    expect(report.boughtTogether.trials).toHaveLength(3)
    expect(report.boughtTogether.trials[0].params).toEqual(BOUGHT_TOGETHER_DEFAULTS)
    expect(report.forYouNeighbours.trials[0].params.similar).toEqual(FOR_YOU_DEFAULTS.similar)
    for (const search of [report.boughtTogether, report.forYouNeighbours, report.forYouScoring]) {
      const best = Math.max(...search.trials.map((trial) => trial.validation[search.metric]))
      expect(search.validation?.[search.metric]).toBe(best)
    }
    expect(report.cases.baskets).toBeGreaterThan(0)
    expect(report.cases.newItems).toBeGreaterThan(0)
    // The refitted models carry the chosen params and are fitted up to asOf.
    expect(boughtTogether.options).toEqual(report.boughtTogether.chosen)
    expect(forYou.options.similar).toEqual(report.forYouNeighbours.chosen.similar)
    expect(forYou.options.blendWeight).toBe(report.forYouScoring.chosen.blendWeight)
    expect(forYou.similar().asOf()).toBe(AS_OF)
  })

  it("validates on the window before asOf only: later lines change nothing there", () => {
    const later: Basket[] = [
      ["c0", "late1", 125, ["T0P0", "T3P1"]],
      ["c1", "late2", 130, ["T1P2", "T4P4"]],
    ]
    const base = tuneRecommenders(historyOf(STORE), options()).report
    const withLater = tuneRecommenders(historyOf([...STORE, ...later]), options()).report
    for (const key of ["boughtTogether", "forYouNeighbours", "forYouScoring"] as const) {
      expect(withLater[key].trials).toEqual(base[key].trials)
    }
  })

  it("reports progress up to three searches of trials", () => {
    const calls: Array<[number, number]> = []
    tuneRecommenders(historyOf(STORE), options({ onProgress: (done, total) => calls.push([done, total]) }))
    expect(calls).toHaveLength(9)
    expect(calls[8]).toEqual([9, 9])
  })

  it("keeps a blend weight of 0 without searching when nobody buys a product twice", () => {
    const { report, forYou } = tuneRecommenders(historyOf(themedStore(createRandom(11), false)), options())
    expect(report.forYouScoring.trials).toHaveLength(1)
    expect(report.forYouScoring.chosen.blendWeight).toBe(0)
    expect(forYou.effectiveBlendWeight()).toBe(0)
  })

  it("keeps the defaults when there is nothing before the validation window", () => {
    const recent = buildOrderHistory(basketLines(STORE).filter((line) => line.orderedAt >= AS_OF - 20 * DAY_MS))
    const { report } = tuneRecommenders(recent, options())
    expect(report.boughtTogether).toEqual({ chosen: BOUGHT_TOGETHER_DEFAULTS, validation: null, metric: "hitRate", trials: [] })
    expect(report.forYouNeighbours.validation).toBeNull()
    expect(report.forYouScoring.trials).toEqual([])
  })

  it("checks its options", () => {
    expect(() => tuneRecommenders(historyOf(STORE), options({ trials: 0 }))).toThrow(
      "option trials must be an integer >= 1, got 0",
    )
  })
})
