import { openScratchStore, type OpenedStore } from "./store-harness"

describe.each(["sqlite", "postgres"] as const)("starting training runs on %s", (dialect) => {
  let opened: OpenedStore
  beforeEach(async () => {
    opened = await openScratchStore(dialect)
  })
  afterEach(async () => opened?.dispose())

  it("gives one of several simultaneous requests a new run and the others that run as active", async () => {
    const results = await Promise.all([1, 2, 3, 4].map(() => opened.store.startTrainingRun("admin")))
    const created = results.filter((r) => !r.active)
    expect(created).toHaveLength(1)
    for (const r of results) expect(r.run.id).toBe(created[0].run.id)
  })

  it("starts a new run once the previous one has ended, and ignores a stale one", async () => {
    const first = await opened.store.startTrainingRun("admin")
    await opened.store.updateTrainingRun(first.run.id, { status: "succeeded" })
    const second = await opened.store.startTrainingRun("schedule")
    expect(second.active).toBe(false)
    // a run left "running" by a process that died long ago does not block
    await opened.store.updateTrainingRun(second.run.id, { status: "running", createdAt: new Date(Date.now() - 7 * 3_600_000) })
    expect((await opened.store.startTrainingRun("admin")).active).toBe(false)
  })
})
