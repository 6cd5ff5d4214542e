import { InvalidInputError } from "../../../../src/core/errors"
import { bestCandidate, combineFolds, oneStandardErrorChoice } from "../../../../src/core/tuning/one-standard-error"
import { searchBudget } from "../../../../src/core/tuning/search-budget"

describe("oneStandardErrorChoice", () => {
  it("picks the simpler candidate when its gap to the best is within one standard error", () => {
    const choice = oneStandardErrorChoice([
      { complexity: 3, mean: 0.76, standardError: 0 },
      { complexity: 0, mean: 0.75, standardError: 0.02 },
    ])
    expect(choice).toEqual({ chosen: 1, best: 0, bar: 0.74 })
  })

  it("keeps the best when the simpler candidate falls behind by more than its standard error", () => {
    const choice = oneStandardErrorChoice([
      { complexity: 3, mean: 0.76, standardError: 0 },
      { complexity: 0, mean: 0.73, standardError: 0.02 },
    ])
    expect(choice.chosen).toBe(0)
  })

  it("among several within the bar takes the lowest complexity, then the higher mean", () => {
    const choice = oneStandardErrorChoice([
      { complexity: 2, mean: 0.8, standardError: 0 },
      { complexity: 1, mean: 0.79, standardError: 0.02 },
      { complexity: 1, mean: 0.795, standardError: 0.02 },
      { complexity: 0, mean: 0.7, standardError: 0.02 },
    ])
    expect(choice.chosen).toBe(2)
  })

  it("never chooses a candidate without a finite figure, and refuses when none has one", () => {
    expect(oneStandardErrorChoice([{ complexity: 0, mean: Number.NaN, standardError: 1 }, { complexity: 5, mean: 0.6, standardError: 0 }]).chosen).toBe(1)
    expect(() => bestCandidate([Number.NaN])).toThrow(InvalidInputError)
  })

  it("combines fold figures: their mean, and the root of the summed squared errors over K", () => {
    expect(combineFolds([{ value: 0.7, standardError: 0.03 }, { value: 0.8, standardError: 0.04 }])).toEqual({ mean: 0.75, standardError: 0.025 })
  })
})

describe("searchBudget", () => {
  const requested = { trials: 24, learners: ["logistic-regression", "gradient-boosting", "neural-network"] as const }
  const at = (n: number) => searchBudget(n, { trials: requested.trials, learners: [...requested.learners] })

  it("searches nothing beyond the simple candidates in a store of a few hundred customers", () => {
    expect(at(150)).toEqual({ trials: 0, learners: [], maxTreeDepth: 0 })
  })

  it("grows the trials and the learners with the customers", () => {
    expect(at(400)).toEqual({ trials: 4, learners: ["logistic-regression"], maxTreeDepth: 0 })
    expect(at(1000)).toEqual({ trials: 10, learners: ["logistic-regression", "gradient-boosting"], maxTreeDepth: 3 })
    expect(at(3400)).toEqual({ trials: 24, learners: [...requested.learners], maxTreeDepth: 5 })
    const sizes = [100, 300, 500, 800, 1500, 2000, 5000]
    const trials = sizes.map((n) => at(n).trials)
    expect(trials).toEqual([...trials].sort((a, b) => a - b))
  })

  it("never exceeds the requested trials and learners", () => {
    expect(searchBudget(5000, { trials: 3, learners: ["logistic-regression"] })).toEqual({ trials: 3, learners: ["logistic-regression"], maxTreeDepth: 5 })
  })
})
