import { endAttempt, INTERRUPTED, startAttempt } from "../../../src/engine/run-attempts"

const at = (minute: number) => new Date(Date.UTC(2026, 11, 1, 10, minute))

describe("run attempts", () => {
  it("starts the first attempt of a new run, and of a run stored before attempts were kept", () => {
    for (const before of [[], null]) {
      expect(startAttempt(before, at(0))).toEqual([{ attempt: 1, startedAt: at(0).toISOString(), endedAt: null, outcome: null, error: null }])
    }
  })

  it("ends the open attempt with its outcome and error, and keeps the earlier ones", () => {
    const retried = endAttempt(startAttempt(null, at(0)), at(1), "retrying", "connection refused")
    const done = endAttempt(startAttempt(retried, at(2)), at(5), "succeeded", null)
    expect(done).toEqual([
      { attempt: 1, startedAt: at(0).toISOString(), endedAt: at(1).toISOString(), outcome: "retrying", error: "connection refused" },
      { attempt: 2, startedAt: at(2).toISOString(), endedAt: at(5).toISOString(), outcome: "succeeded", error: null },
    ])
  })

  it("closes an attempt its worker left open as interrupted when the next one starts", () => {
    const next = startAttempt(startAttempt(null, at(0)), at(3))
    expect(next.map((a) => [a.attempt, a.outcome, a.endedAt])).toEqual([
      [1, "interrupted", at(3).toISOString()],
      [2, null, null],
    ])
    expect(next[0].error).toBe(INTERRUPTED)
  })

  it("closes an attempt that could not record its failure with the error the runner kept", () => {
    const next = startAttempt(startAttempt(null, at(0)), at(3), "connection refused")
    expect(next[0]).toMatchObject({ attempt: 1, outcome: "retrying", error: "connection refused", endedAt: at(3).toISOString() })
  })

  it("leaves the list as it is when no attempt is open", () => {
    expect(endAttempt([], at(1), "failed", "x")).toEqual([])
    expect(endAttempt(null, at(1), "failed", "x")).toEqual([])
  })
})
