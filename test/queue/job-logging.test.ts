/**
 * The job worker's log on a real queue (local Redis): the worker's start and stop, a
 * completed job, and a job whose first attempt fails and is retried, then fails for good.
 * The lines name the jobs by id and never print their payload or a Redis password.
 */
import { UnrecoverableError, type Job } from "bullmq"
import { attachJobLogging, type JobLog } from "../../src/queue/job-logging"
import { JOB_NAMES, PAYLOAD_VERSION } from "../../src/queue/payloads"
import { JobQueue, obliterate, REDIS_URL, uniquePrefix, waitFor } from "./harness"

jest.setTimeout(60_000)

type Line = { level: keyof JobLog; message: string }

function capturingLog(): JobLog & { lines: Line[] } {
  const lines: Line[] = []
  return {
    lines,
    info: (message) => lines.push({ level: "info", message }),
    warn: (message) => lines.push({ level: "warn", message }),
    error: (message) => lines.push({ level: "error", message }),
  }
}

it("logs the worker's start and stop, and each job's attempts and outcome, with ids only", async () => {
  const prefix = uniquePrefix("job-logging")
  const log = capturingLog()
  let scoreAttempts = 0
  const queue = new JobQueue({
    redisUrl: REDIS_URL,
    prefix,
    consume: true,
    handlers: {
      [JOB_NAMES.train]: async () => {
        await new Promise((resolve) => setTimeout(resolve, 30))
        return { ok: true }
      },
      [JOB_NAMES.scoreCustomers]: async () => {
        scoreAttempts += 1
        // a lost connection first (retried), then a reason that gives up; both name a Redis URL with its password
        if (scoreAttempts === 1) throw new Error("connect ECONNREFUSED redis://default:hunter2@redis.internal:6379")
        throw new UnrecoverableError("gave up on redis://default:hunter2@redis.internal:6379\n    at somewhere (file.ts:1)")
      },
    },
  })
  attachJobLogging(queue.worker!, log)
  let train: Job
  let score: Job
  try {
    queue.start()
    train = await queue.enqueueTrain({ version: PAYLOAD_VERSION, trigger: "admin", runId: "run_log_1", source: { kind: "store" } })
    score = await queue.queue.add(
      JOB_NAMES.scoreCustomers,
      { version: PAYLOAD_VERSION, source: { kind: "store" }, customerIds: ["cus_secret_1", "cus_secret_2"] },
      { attempts: 3, backoff: { type: "fixed", delay: 100 } }
    )
    const finished = (id: string) => async () => {
      const state = await queue.queue.getJobState(id)
      return state === "completed" || state === "failed" ? state : undefined
    }
    expect(await waitFor("the train job", finished(train.id!), 20_000, 50)).toBe("completed")
    expect(await waitFor("the score job", finished(score.id!), 20_000, 50)).toBe("failed")
    // the outcome line is written just after the job's state changes
    await waitFor("the last outcome line", async () => (log.lines.some((l) => l.level === "error") ? true : undefined), 5_000, 20)
  } finally {
    await queue.close()
    await obliterate(prefix)
  }

  const messages = log.lines.map((l) => `${l.level} ${l.message}`)
  expect(messages[0]).toBe("info medusa-ml: job worker started (queue ml-jobs, concurrency 1)")
  expect(messages.slice(-2)).toEqual([
    "info medusa-ml: job worker stopping: taking no new jobs, waiting for the running ones",
    "info medusa-ml: job worker stopped",
  ])

  const trainLines = messages.filter((m) => m.includes(`job train ${train.id} `))
  expect(trainLines[0]).toBe(`info medusa-ml: job train ${train.id} started (attempt 1/4, trigger admin, run run_log_1)`)
  expect(trainLines[1]).toMatch(new RegExp(`^info medusa-ml: job train ${train.id} completed in (\\d+) ms \\(attempt 1/4, trigger admin, run run_log_1\\)$`))
  const duration = Number(/completed in (\d+) ms/.exec(trainLines[1])![1])
  expect(duration).toBeGreaterThanOrEqual(25)
  expect(trainLines).toHaveLength(2)

  const scoreLines = messages.filter((m) => m.includes(`job score-customers ${score.id} `))
  expect(scoreLines).toEqual([
    `info medusa-ml: job score-customers ${score.id} started (attempt 1/3)`,
    expect.stringMatching(
      new RegExp(`^warn medusa-ml: job score-customers ${score.id} failed after \\d+ ms, will retry \\(attempt 1/3\\): connect ECONNREFUSED redis://default:\\*\\*\\*@redis.internal:6379$`)
    ),
    `info medusa-ml: job score-customers ${score.id} started (attempt 2/3)`,
    expect.stringMatching(
      new RegExp(`^error medusa-ml: job score-customers ${score.id} failed after \\d+ ms \\(attempt 2/3\\): gave up on redis://default:\\*\\*\\*@redis.internal:6379$`)
    ),
  ])

  const all = messages.join("\n")
  expect(all).not.toContain("hunter2")
  expect(all).not.toContain("cus_secret")
  expect(all).not.toContain(REDIS_URL)
})
