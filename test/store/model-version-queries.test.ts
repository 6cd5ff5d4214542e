import type { SaveVersionInput } from "../../src/store/ml-store"
import { versionsByTask } from "../../src/store/model-version-queries"
import { openScratchStore, type OpenedStore } from "./store-harness"

function version(task: string, learner: string, extra: Partial<SaveVersionInput> = {}): SaveVersionInput {
  return {
    version: {
      task,
      learner,
      hyperparameters: { l2: 0.1 },
      metrics: { prAuc: 0.5 },
      model: { type: "big", state: Array.from({ length: 100 }, (_, i) => i) },
      trainingRunId: "mlrun_1",
      dataCutoff: new Date("2026-01-01T00:00:00.000Z"),
    },
    promote: true,
    ...extra,
  }
}

/** Versions saved within the same millisecond would tie on created_at; the listing's order is by time. */
const nextMillisecond = () => new Promise((resolve) => setTimeout(resolve, 2))

describe.each(["sqlite", "postgres"] as const)("the model registry listing on %s", (dialect) => {
  let opened: OpenedStore
  beforeEach(async () => {
    opened = await openScratchStore(dialect)
  })
  afterEach(async () => {
    await opened.dispose()
  })

  it("is empty without versions", async () => {
    expect(await versionsByTask(opened.ml, 10)).toEqual([])
  })

  it("lists each task's newest versions first, with status and metrics, without the models", async () => {
    const first = await opened.store.saveModelVersion(version("customer-scores", "logistic-regression"))
    await nextMillisecond()
    const lists = await opened.store.saveModelVersion(version("recommendations", "item-to-item"))
    await nextMillisecond()
    const second = await opened.store.saveModelVersion(version("customer-scores", "gradient-boosting"))
    await nextMillisecond()
    const rejected = await opened.store.saveModelVersion(version("customer-scores", "neural-network", { promote: false, rejected: true }))

    const listing = await versionsByTask(opened.ml, 2)
    expect(listing.map((t) => [t.task, t.count, t.versions.map((v) => [v.id, v.status])])).toEqual([
      [
        "customer-scores",
        3,
        [
          [rejected.id, "rejected"],
          [second.id, "champion"],
        ],
      ],
      ["recommendations", 1, [[lists.id, "champion"]]],
    ])
    const champion = listing[0].versions[1]
    expect(champion).toEqual({
      id: second.id,
      task: "customer-scores",
      learner: "gradient-boosting",
      hyperparameters: { l2: 0.1 },
      metrics: { prAuc: 0.5 },
      status: "champion",
      trainingRunId: "mlrun_1",
      dataCutoff: new Date("2026-01-01T00:00:00.000Z"),
      createdAt: second.createdAt,
      promotedAt: second.promotedAt,
    })
    expect(champion).not.toHaveProperty("model")
    expect((await versionsByTask(opened.ml, 5))[0].versions.map((v) => v.id)).toEqual([rejected.id, second.id, first.id])
  })
})
