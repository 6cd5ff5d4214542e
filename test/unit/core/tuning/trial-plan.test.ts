import { planTrials, TRIAL_SHARES } from "../../../../src/core/tuning"

describe("planTrials", () => {
  it("tries every learner once with its defaults, then shares the rest 3 : 3 : 1", () => {
    const plan = planTrials(["logistic-regression", "gradient-boosting", "neural-network"], 15)
    expect(plan.slice(0, 3)).toEqual([
      { type: "logistic-regression", useDefaults: true },
      { type: "gradient-boosting", useDefaults: true },
      { type: "neural-network", useDefaults: true },
    ])
    // Smooth weighted round-robin with shares LR 3, GB 3, NN 1 (credits by hand, ties to the first):
    // [3,3,1] LR -> [-4,3,1]; [-1,6,2] GB -> [-1,-1,2]; [2,2,3] NN -> [2,2,-4]; [5,5,-3] LR -> [-2,5,-3];
    // [1,8,-2] GB -> [1,1,-2]; [4,4,-1] LR -> [-3,4,-1]; [0,7,0] GB -> [0,0,0], and the cycle restarts.
    const cycle = [
      "logistic-regression",
      "gradient-boosting",
      "neural-network",
      "logistic-regression",
      "gradient-boosting",
      "logistic-regression",
      "gradient-boosting",
    ]
    expect(plan.slice(3).map((trial) => trial.type)).toEqual([...cycle, ...cycle.slice(0, 5)])
    expect(plan.slice(3).every((trial) => !trial.useDefaults)).toBe(true)
  })

  it("gives the neural network the smallest share", () => {
    expect(TRIAL_SHARES["neural-network"]).toBeLessThan(TRIAL_SHARES["logistic-regression"])
    expect(TRIAL_SHARES["neural-network"]).toBeLessThan(TRIAL_SHARES["gradient-boosting"])
    const plan = planTrials(["neural-network", "gradient-boosting", "logistic-regression"], 12)
    // its default trial and one in each cycle of 7 searched trials
    expect(plan.filter((trial) => trial.type === "neural-network").length).toBe(2)
  })

  it("with one learner, repeats it; with as many trials as learners, only defaults", () => {
    expect(planTrials(["logistic-regression"], 3)).toEqual([
      { type: "logistic-regression", useDefaults: true },
      { type: "logistic-regression", useDefaults: false },
      { type: "logistic-regression", useDefaults: false },
    ])
    expect(planTrials(["gradient-boosting", "neural-network"], 2).every((trial) => trial.useDefaults)).toBe(true)
  })
})
