/**
 * Each output on its own, in a job: a young store's training run (45 days of orders, too
 * few for a classifier) succeeds with what it built, lists the skipped classifier and why
 * in its report, and stores every customer's BG/NBD scores and segment with the rung that
 * gave them; a later run with classifiers replaces those scores, and the reverse never happens.
 */
import { historyLoader } from "../../src/engine/history-source"
import { runTraining } from "../../src/engine/run-training"
import { CUSTOMER_SCORES_TASK } from "../../src/engine/save-customer-scores"
import { RECOMMENDATIONS_TASK } from "../../src/engine/save-recommendations"
import { PAYLOAD_VERSION, trainPayloadSchema } from "../../src/queue/payloads"
import { simulatedOrdersFile } from "../queue/harness"
import { openScratchStore, type OpenedStore } from "./store-harness"

jest.setTimeout(300_000)

const payloadOf = (path: string, asOf?: number) =>
  trainPayloadSchema.parse({ version: PAYLOAD_VERSION, trigger: "schedule", source: { kind: "orders-file", path, format: "generic" }, asOf, settings: { trials: 3 } })

describe("a training run that builds part of the outputs", () => {
  let opened: OpenedStore
  beforeAll(async () => {
    opened = await openScratchStore("sqlite")
  })
  afterAll(async () => opened?.dispose())

  it("succeeds with the skipped parts in its report, and the BG/NBD-only version gives way to one with classifiers", async () => {
    const { store } = opened
    const deps = { store, loadHistory: historyLoader() }
    const young = await runTraining(payloadOf(simulatedOrdersFile({ customers: 800, days: 45, seed: 4 })), deps)
    const run = (await store.trainingRun(young.run.id))!
    expect(run.status).toBe("succeeded")
    const report = run.report as { skipped: { part: string; why: string }[]; ladder: { purchase: { rung: string; text: string } } }
    expect(report.skipped).toEqual([{ part: "purchase", why: expect.stringContaining("it appears once the store has about 60 days of orders") }])
    expect(report.ladder.purchase.rung).toBe("bgnbd")
    const scores = (await store.champion(CUSTOMER_SCORES_TASK))!
    expect(scores.learner).toBe("bgnbd")
    expect(scores.metrics).toMatchObject({ ladder: { purchase: { rung: "bgnbd", windowDays: null } }, purchase: null })
    const predictions = await store.predictionsOf(scores.id)
    expect(predictions.length).toBe(young.output.scores.length)
    expect(predictions.length).toBeGreaterThan(700)
    for (const p of predictions) {
      expect(p.purchaseProbability).toBeCloseTo(1 - p.churnRisk, 9)
      expect(p.segment).not.toBe("")
      expect(p.reasons).toEqual([])
    }
    expect(await store.champion(RECOMMENDATIONS_TASK)).not.toBeNull()

    // a year of orders: classifiers on full windows replace the BG/NBD-only scores
    const grown = await runTraining(payloadOf(simulatedOrdersFile({ customers: 800, days: 365, seed: 4 })), deps)
    expect(grown.output.decisions.customerScores).toMatchObject({ promote: true, reason: "trained classifiers replace the champion's BG/NBD-only scores" })
    const withClassifiers = (await store.champion(CUSTOMER_SCORES_TASK))!
    expect(withClassifiers.metrics).toMatchObject({ ladder: { purchase: { rung: "full", windowDays: 90 } } })

    // and a young store's run never replaces them
    const again = await runTraining(payloadOf(simulatedOrdersFile({ customers: 800, days: 45, seed: 5 })), deps)
    expect(again.output.decisions.customerScores).toMatchObject({ promote: false })
    expect((await store.champion(CUSTOMER_SCORES_TASK))!.id).toBe(withClassifiers.id)
  })
})
