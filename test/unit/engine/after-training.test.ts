import { afterTraining } from "../../../src/engine/after-training"
import type { HistorySource } from "../../../src/engine/payloads"

const source: HistorySource = { kind: "store" }
const outcome = (customerScores: { promote: boolean } | undefined) =>
  ({ asOf: 1_000, output: { decisions: { customerScores }, scores: [{ customerId: "a" }, { customerId: "b" }] } }) as never

function recorder() {
  const calls: string[] = []
  return {
    calls,
    work: {
      rescoreAll: async (ids: string[], s: HistorySource, asOf?: number) => void calls.push(`rescore ${ids.join(",")} ${s.kind} ${asOf}`),
      onScoresChanged: async () => void calls.push("scores changed"),
    },
  }
}

describe("afterTraining", () => {
  it("a promotion: the scores changed, nothing is rescored", async () => {
    const { calls, work } = recorder()
    expect(await afterTraining(outcome({ promote: true }), source, work)).toBe("scores-changed")
    expect(calls).toEqual(["scores changed"])
  })

  it("the champion stayed: every scored customer is rescored at the new as-of", async () => {
    const { calls, work } = recorder()
    expect(await afterTraining(outcome({ promote: false }), source, work)).toBe("champion-rescored")
    expect(calls).toEqual(["rescore a,b store 1000"])
  })

  it("no customer models this time: nothing follows", async () => {
    const { calls, work } = recorder()
    expect(await afterTraining(outcome(undefined), source, work)).toBe("nothing")
    expect(calls).toEqual([])
  })
})
