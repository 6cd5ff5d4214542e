/**
 * A rescore reads only the customers it rescores: the champion's models carry the
 * population figures (segment edges, the BG/NBD fit of the features, the reasons'
 * reference), so the orders file is read and kept to those customers' lines, and the
 * scores are those scoring everyone gives them. A flow's chunks still share one read of
 * everyone.
 */
import { historyLoader, type HistoryLoader, type LoadOptions } from "../../src/engine/history-source"
import { historyPerFlow } from "../../src/engine/history-per-flow"
import { rescoreCustomers } from "../../src/engine/rescore"
import { runTraining } from "../../src/engine/run-training"
import { CUSTOMER_SCORES_TASK } from "../../src/engine/save-customer-scores"
import { PAYLOAD_VERSION, trainPayloadSchema } from "../../src/queue/payloads"
import type { HistorySource } from "../../src/engine/payloads"
import { simulatedOrdersFile } from "../queue/harness"
import { openScratchStore, type OpenedStore } from "./store-harness"

jest.setTimeout(300_000)

/** A loader that records what each load asked for and how many customers it gave. */
function recordingLoader(): { load: HistoryLoader; calls: { options: LoadOptions; customers: number }[] } {
  const inner = historyLoader()
  const calls: { options: LoadOptions; customers: number }[] = []
  const load: HistoryLoader = async (source, options) => {
    const loaded = await inner(source, options)
    calls.push({ options, customers: new Set(loaded.history.lines.map((l) => l.customerId)).size })
    return loaded
  }
  return { load, calls }
}

/** What a prediction row serves, without its row identity and timestamps. */
const served = (p: { customerId: string; purchaseProbability: number; churnRisk: number; predictedClv: number; segment: string; reasons: unknown }) => ({
  customerId: p.customerId,
  purchaseProbability: p.purchaseProbability,
  churnRisk: p.churnRisk,
  predictedClv: p.predictedClv,
  segment: p.segment,
  reasons: p.reasons,
})

describe("rescoring from an orders file with stored population figures", () => {
  let opened: OpenedStore
  let source: HistorySource
  beforeAll(async () => {
    opened = await openScratchStore("sqlite")
    const path = simulatedOrdersFile({ customers: 400, days: 365, seed: 8 })
    source = { kind: "orders-file", path, format: "generic", map: {} }
    const payload = trainPayloadSchema.parse({ version: PAYLOAD_VERSION, trigger: "schedule", source, settings: { trials: 3 } })
    await runTraining(payload, { store: opened.store, loadHistory: historyLoader() })
  })
  afterAll(async () => opened?.dispose())

  it("reads only the rescored customers' lines and gives them the scores training stored", async () => {
    const { store } = opened
    const champion = (await store.champion(CUSTOMER_SCORES_TASK))!
    expect((champion.model as { population?: unknown }).population).toBeDefined()
    const trained = (await store.predictionsOf(champion.id)).map(served)
    const some = trained.filter((_, i) => i % 25 === 7).map((p) => p.customerId)
    expect(some.length).toBeGreaterThan(10)

    const { load, calls } = recordingLoader()
    // same as-of as training: the day after the file's last line, not the rescored customers' last line
    expect(await rescoreCustomers(store, load, { source, customerIds: some })).toBe(some.length)
    expect(calls).toHaveLength(1)
    expect(calls[0].options.customerIds).toEqual(some)
    expect(calls[0].customers).toBe(some.length)
    expect((await store.predictionsOf(champion.id)).map(served)).toEqual(trained)
  })

  it("keeps a flow's chunks on one read of every customer", async () => {
    const { store } = opened
    const champion = (await store.champion(CUSTOMER_SCORES_TASK))!
    const trained = (await store.predictionsOf(champion.id)).map(served)
    const ids = trained.map((p) => p.customerId)
    const { load, calls } = recordingLoader()
    const flow = historyPerFlow(load, { idleMs: 60_000 }).forFlow("flow-1")
    const chunks = [ids.slice(0, 150), ids.slice(150)]
    for (const chunk of chunks) expect(await rescoreCustomers(store, flow, { source, customerIds: chunk })).toBe(chunk.length)
    expect(calls).toHaveLength(1)
    expect(calls[0].options.customerIds).toBeUndefined()
    expect(calls[0].customers).toBe(ids.length)
    expect((await store.predictionsOf(champion.id)).map(served)).toEqual(trained)
  })
})
