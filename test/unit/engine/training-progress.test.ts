import { overallProgress } from "../../../src/engine/training-progress"

describe("overall training progress", () => {
  it("starts at 0, ends at 1 and never goes back as the stages follow each other", () => {
    const stages = ["reading", "value", "purchase", "churn", "scoring", "recommend", "compare", "writing"]
    const points = stages.flatMap((stage) => [0, 0.5, 1].map((f) => overallProgress(stage, f)))
    expect(points[0]).toBe(0)
    expect(points[points.length - 1]).toBe(1)
    for (let i = 1; i < points.length; i++) expect(points[i]).toBeGreaterThanOrEqual(points[i - 1])
  })

  it("clamps a stage's fraction and gives 0 for a stage it does not know", () => {
    expect(overallProgress("reading", 2)).toBe(overallProgress("reading", 1))
    expect(overallProgress("reading", -1)).toBe(0)
    expect(overallProgress("dreaming", 0.5)).toBe(0)
  })
})
