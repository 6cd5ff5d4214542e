/** The chunks of one rescoring flow share one history read per process; nothing else is shared. */
import type { LoadedHistory } from "../../../src/engine/history-source"
import type { HistorySource } from "../../../src/queue/payloads"
import { historyPerFlow } from "../../../src/engine/history-per-flow"

const source: HistorySource = { kind: "store" }

function countingLoader(fail = () => false) {
  const calls: Array<number | undefined> = []
  const load = async (_source: HistorySource, options: { asOf?: number }) => {
    calls.push(options.asOf)
    if (fail()) throw new Error("the database went away")
    return { history: { lines: [] }, data: {} } as unknown as LoadedHistory
  }
  return { calls, load }
}

describe("historyPerFlow", () => {
  it("reads once for every chunk of one flow at one as-of", async () => {
    const { calls, load } = countingLoader()
    const { forFlow } = historyPerFlow(load, { idleMs: 60_000 })
    const [a, b] = await Promise.all([forFlow("flow-1")(source, { asOf: 5 }), forFlow("flow-1")(source, { asOf: 5 })])
    await forFlow("flow-1")(source, { asOf: 5 })
    expect(calls).toEqual([5])
    expect(a).toBe(b)
  })

  it("reads again for another flow, another as-of, and for batches outside a flow", async () => {
    const { calls, load } = countingLoader()
    const { forFlow } = historyPerFlow(load, { idleMs: 60_000 })
    await forFlow("flow-1")(source, { asOf: 5 })
    await forFlow("flow-1")(source, { asOf: 6 })
    await forFlow("flow-2")(source, { asOf: 6 })
    await forFlow(undefined)(source, { asOf: 6 })
    await forFlow(undefined)(source, { asOf: 6 })
    expect(calls).toEqual([5, 6, 6, 6, 6])
  })

  it("does not keep a failed read: the retry reads again", async () => {
    let failing = true
    const { calls, load } = countingLoader(() => failing)
    const { forFlow } = historyPerFlow(load, { idleMs: 60_000 })
    await expect(forFlow("flow-1")(source, {})).rejects.toThrow("the database went away")
    failing = false
    await forFlow("flow-1")(source, {})
    await forFlow("flow-1")(source, {})
    expect(calls).toHaveLength(2)
  })

  it("lets the snapshot go after the idle time", async () => {
    const { calls, load } = countingLoader()
    const { forFlow } = historyPerFlow(load, { idleMs: 20 })
    await forFlow("flow-1")(source, {})
    await new Promise((resolve) => setTimeout(resolve, 60))
    await forFlow("flow-1")(source, {})
    expect(calls).toHaveLength(2)
  })
})
