/**
 * The registry through the `train` pipeline, inline on SQLite: the first training becomes
 * champion; a challenger that does not beat it on the same validation window stays a
 * rejected challenger with its metrics; promote and rollback choose by hand.
 */
import { historyLoader } from "../../src/engine/history-source"
import { runTraining } from "../../src/engine/run-training"
import { CUSTOMER_SCORES_TASK } from "../../src/engine/save-customer-scores"
import { PAYLOAD_VERSION, trainPayloadSchema } from "../../src/queue/payloads"
import { simulatedOrdersFile } from "../queue/harness"
import { openScratchStore, type OpenedStore } from "./store-harness"

jest.setTimeout(180_000)

const orders = simulatedOrdersFile({ customers: 400, days: 400, seed: 3 })
const payload = trainPayloadSchema.parse({
  version: PAYLOAD_VERSION,
  trigger: "cli",
  source: { kind: "orders-file", path: orders, format: "generic" },
  settings: { trials: 3 },
})

describe("champion and challenger", () => {
  let opened: OpenedStore
  beforeAll(async () => {
    opened = await openScratchStore("sqlite")
  })
  afterAll(async () => opened?.dispose())

  it("promotes the first version, keeps an equal challenger rejected, and lets promote and rollback choose", async () => {
    const { store } = opened
    const deps = { store, loadHistory: historyLoader() }
    const first = await runTraining(payload, deps)
    expect(first.output.decisions.customerScores).toMatchObject({ promote: true, reason: "no champion yet" })
    const champion = first.versions.find((v) => v.task === CUSTOMER_SCORES_TASK)!
    expect(champion.status).toBe("champion")

    // the same data and settings: the challenger ties the champion on the same window, so it is not promoted
    const second = await runTraining(payload, deps)
    const decision = second.output.decisions.customerScores!
    expect(decision.promote).toBe(false)
    expect(decision.championVersionId).toBe(champion.id)
    expect(decision.champion!).toBeGreaterThanOrEqual(decision.challenger!)
    const challenger = second.versions.find((v) => v.task === CUSTOMER_SCORES_TASK)!
    expect(challenger.status).toBe("rejected")
    expect((await store.champion(CUSTOMER_SCORES_TASK))!.id).toBe(champion.id)
    const stored = (await store.modelVersions(CUSTOMER_SCORES_TASK)).find((v) => v.id === challenger.id)!
    expect(stored.metrics).toMatchObject({ promotion: { promote: false, metric: decision.metric } })

    // by hand: promote the challenger, then roll back to the previous champion
    await store.promote(challenger.id)
    expect((await store.champion(CUSTOMER_SCORES_TASK))!.id).toBe(challenger.id)
    await store.rollback(CUSTOMER_SCORES_TASK)
    expect((await store.champion(CUSTOMER_SCORES_TASK))!.id).toBe(champion.id)
  })
})
