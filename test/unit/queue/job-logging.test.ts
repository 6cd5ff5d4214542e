import { formatJobEvent, jobFacts, REASON_MAX_CHARS, shortReason } from "../../../src/queue/job-logging"

/** A job as BullMQ hands it to the worker's events, with only what the facts read. */
function job(overrides: Partial<{ name: string; id: string; data: unknown; attempts: number; attemptsMade: number; parentId: string }> = {}) {
  const { name = "train", id = "42", data = {}, attempts = 4, attemptsMade = 0, parentId } = overrides
  return { name, id, data, opts: { attempts }, attemptsMade, parent: parentId ? { id: parentId, queueKey: "q" } : undefined }
}

describe("jobFacts", () => {
  it("takes a train job's trigger and run id, and counts the attempt from 1", () => {
    expect(jobFacts(job({ data: { trigger: "admin", runId: "run_01", settings: { seed: 1 } } }))).toEqual({
      kind: "train",
      id: "42",
      trigger: "admin",
      runId: "run_01",
      attempt: 1,
      attempts: 4,
    })
  })

  it("counts the attempt from the attempts already finished when told", () => {
    expect(jobFacts(job({ attemptsMade: 2 })).attempt).toBe(3)
    expect(jobFacts(job({ attemptsMade: 2 }), 1).attempt).toBe(2)
  })

  it("takes the trigger of train jobs only, and nothing of a payload's customer ids", () => {
    const facts = jobFacts(job({ name: "score-customers", data: { trigger: "admin", customerIds: ["cus_1", "cus_2"] }, parentId: "flow-7" }))
    expect(facts).toEqual({ kind: "score-customers", id: "42", parentId: "flow-7", attempt: 1, attempts: 4 })
    expect(JSON.stringify(facts)).not.toContain("cus_")
  })

  it("leaves out a trigger or run id that does not look like an id (a list, a line break, an object)", () => {
    expect(jobFacts(job({ data: { trigger: "admin\nforged line", runId: ["a", "b"] } }))).toEqual({ kind: "train", id: "42", attempt: 1, attempts: 4 })
    expect(jobFacts(job({ data: null })).runId).toBeUndefined()
  })

  it("says one attempt when the job has no attempts option", () => {
    expect(jobFacts({ ...job(), opts: {} }).attempts).toBe(1)
  })
})

describe("formatJobEvent", () => {
  const train = { kind: "train", id: "42", trigger: "schedule", runId: "run_01", attempt: 1, attempts: 4 }

  it("logs a job's start at info with its kind, id, attempt, trigger and run", () => {
    expect(formatJobEvent({ kind: "active", job: train })).toEqual({
      level: "info",
      message: "medusa-ml: job train 42 started (attempt 1/4, trigger schedule, run run_01)",
    })
  })

  it("logs a completed job at info with its duration", () => {
    expect(formatJobEvent({ kind: "completed", job: train, durationMs: 1234 })).toEqual({
      level: "info",
      message: "medusa-ml: job train 42 completed in 1234 ms (attempt 1/4, trigger schedule, run run_01)",
    })
  })

  it("logs a failed attempt that will be retried as a warning, with its reason", () => {
    expect(formatJobEvent({ kind: "failed", job: { ...train, attempt: 2 }, durationMs: 15, reason: "connection refused", willRetry: true })).toEqual({
      level: "warn",
      message: "medusa-ml: job train 42 failed after 15 ms, will retry (attempt 2/4, trigger schedule, run run_01): connection refused",
    })
  })

  it("logs a job that failed for good as an error", () => {
    const line = formatJobEvent({ kind: "failed", job: { ...train, attempt: 4 }, durationMs: 15, reason: "the model file cannot be read", willRetry: false })
    expect(line.level).toBe("error")
    expect(line.message).toBe("medusa-ml: job train 42 failed after 15 ms (attempt 4/4, trigger schedule, run run_01): the model file cannot be read")
  })

  it("logs a young store's \"not enough data\" as a warning, as the inline run does: an expected outcome, not a fault", () => {
    const line = formatJobEvent({ kind: "failed", job: train, durationMs: 15, reason: "not enough data: 2 customers with orders (at least 50 needed)", willRetry: false })
    expect(line.level).toBe("warn")
  })

  it("names a score chunk's flow", () => {
    const chunk = { kind: "score-customers", id: "9", parentId: "flow-7", attempt: 1, attempts: 4 }
    expect(formatJobEvent({ kind: "completed", job: chunk, durationMs: 3 }).message).toBe(
      "medusa-ml: job score-customers 9 completed in 3 ms (attempt 1/4, flow flow-7)"
    )
  })

  it("warns of a stalled job", () => {
    const line = formatJobEvent({ kind: "stalled", jobId: "42" })
    expect(line.level).toBe("warn")
    expect(line.message).toMatch(/^medusa-ml: job 42 stalled/)
  })

  it("logs the worker's start and stop at info", () => {
    expect(formatJobEvent({ kind: "worker-started", queue: "ml-jobs", concurrency: 1, workerName: "host-1" })).toEqual({
      level: "info",
      message: "medusa-ml: job worker started (queue ml-jobs, concurrency 1, name host-1)",
    })
    expect(formatJobEvent({ kind: "worker-started", queue: "ml-jobs", concurrency: 2 }).message).toBe("medusa-ml: job worker started (queue ml-jobs, concurrency 2)")
    expect(formatJobEvent({ kind: "worker-stopping" }).level).toBe("info")
    expect(formatJobEvent({ kind: "worker-stopped" })).toEqual({ level: "info", message: "medusa-ml: job worker stopped" })
  })
})

describe("shortReason", () => {
  it("keeps the first line only", () => {
    expect(shortReason("boom\n    at train (run-training.ts:10)")).toBe("boom")
  })

  it("hides a URL's password", () => {
    const reason = shortReason("connect ECONNREFUSED redis://default:s3cret@redis.internal:6379")
    expect(reason).not.toContain("s3cret")
    expect(reason).toContain("redis://default:***@redis.internal:6379")
  })

  it("cuts a long reason", () => {
    const reason = shortReason("x".repeat(5000))
    expect(reason).toHaveLength(REASON_MAX_CHARS)
    expect(reason.endsWith("…")).toBe(true)
  })

  it("says so when there is no reason", () => {
    expect(shortReason("")).toBe("no reason given")
  })
})
