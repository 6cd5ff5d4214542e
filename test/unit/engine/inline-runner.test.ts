import { InlineRunner } from "../../../src/engine/inline-runner"
import type { JobHandler } from "../../../src/engine/job-runner"
import { JOB_NAMES, type HistorySource, type JobName } from "../../../src/engine/payloads"

const source: HistorySource = { kind: "store" }

/** Handlers that note what ran, in order; `train` asks for a rescoring flow of three customers. */
function noting() {
  const ran: string[] = []
  const errors: string[] = []
  const handlers: Record<JobName, JobHandler> = {
    [JOB_NAMES.train]: async (data, context) => {
      ran.push("train")
      if ((data as { fail?: boolean }).fail) throw new Error("boom")
      await context.followUp.rescoreAll(["a", "b", "c"], source, 5)
      ran.push("train done")
    },
    [JOB_NAMES.scoreCustomers]: async (data, context) => {
      const ids = (data as { customerIds?: string[] }).customerIds
      if (ids) return void ran.push(`chunk ${ids.join(",")} of ${context.flowId}`)
      for (let batch = await context.followUp.takePending(); batch.length > 0; batch = await context.followUp.takePending()) ran.push(`pending ${batch.join(",")}`)
    },
    [JOB_NAMES.scoreAll]: async (data) => void ran.push(`flow done ${JSON.stringify(data)}`),
    [JOB_NAMES.purgeCustomer]: async () => void ran.push("purge customer"),
    [JOB_NAMES.purgeProduct]: async () => void ran.push("purge product"),
    [JOB_NAMES.checkReadiness]: async () => void ran.push("readiness"),
  }
  const runner = new InlineRunner(handlers, { onError: (error, job) => errors.push(`${job}: ${(error as Error).message}`), batch: 2 })
  return { runner, ran, errors }
}

describe("InlineRunner", () => {
  it("runs a training's follow-up flow after it, chunk by chunk, then ends the flow", async () => {
    const { runner, ran } = noting()
    await runner.enqueueTrain({} as never)
    await runner.idle()
    expect(ran).toEqual(["train", "train done", "chunk a,b of inline-flow-1", "chunk c of inline-flow-1", 'flow done {"version":1,"chunks":2,"customers":3}'])
  })

  it("runs jobs one at a time in the order asked, and a failure goes to onError without stopping the next", async () => {
    const { runner, ran, errors } = noting()
    await runner.enqueueTrain({ fail: true } as never)
    await expect(runner.run(JOB_NAMES.purgeCustomer, {})).resolves.toBeUndefined()
    expect(ran).toEqual(["train", "purge customer"])
    expect(errors).toEqual(["train: boom"])
  })

  it("runs one readiness check for the requests made while one waits or runs", async () => {
    const { runner, ran } = noting()
    const busy = runner.run(JOB_NAMES.purgeProduct, {})
    for (let i = 0; i < 3; i++) await runner.requestReadinessCheck({} as never)
    await busy
    await runner.idle()
    await runner.requestReadinessCheck({} as never)
    await runner.idle()
    expect(ran).toEqual(["purge product", "readiness", "readiness"])
  })

  it("gathers rescore requests into one job that takes them batch after batch", async () => {
    const { runner, ran } = noting()
    // the job starts as soon as the runner is free: the second request, made while it runs,
    // is its next batch ("a" again: asked again after its first rescore)
    await runner.requestRescore(["a", "b"], source)
    await runner.requestRescore(["c", "a"], source)
    await runner.requestRescore([], source)
    await runner.idle()
    expect(ran).toEqual(["pending a,b", "pending c,a"])
    ran.length = 0
    // requests made while the runner is busy wait in one job
    const busy = runner.run(JOB_NAMES.purgeProduct, {})
    await runner.requestRescore(["a", "b", "c"], source)
    await runner.requestRescore(["d"], source)
    await busy
    await runner.idle()
    expect(ran).toEqual(["purge product", "pending a,b", "pending c,d"])
    ran.length = 0
    // a request after the job started gets a job of its own
    await runner.requestRescore(["d"], source)
    await runner.idle()
    expect(ran).toEqual(["pending d"])
  })
})
