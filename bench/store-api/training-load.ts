/**
 * Load on a route while the plugin trains in the same process: trainings are started
 * back to back through POST /admin/ml/train from just before the measured window until
 * its end, and the runs' own start and finish times (GET /admin/ml/runs/:id) say which
 * fraction of the window a training was running, so the figure is honest about it.
 */
import { Queue } from "bullmq"
import { REDIS_URL, waitFor } from "../../test/queue/harness"
import { ML_QUEUE_NAME } from "../../src/queue/job-queue"
import { settle, startLoad, type LoadResult, type LoadSettings, type Route } from "./load"
import type { MlAdmin, RunJson } from "./ml-admin"

export interface TrainingLoadResult extends LoadResult {
  /** Fraction of the measured window during which a training run was running (0..1). */
  trainingCoverage: number
  /** Runs that overlapped the window, and how each ended. */
  runs: { id: string; status: string; seconds: number | null; timings: Record<string, number> }[]
}

const RUN_TIMEOUT_MS = 15 * 60_000
/** How often a running run is polled: rarely enough that the polling adds next to nothing to the load measured. */
const RUN_POLL_MS = 500

/** Trains back to back until `stop()`; `stop()` resolves once the last run has ended. */
function trainBackToBack(admin: MlAdmin) {
  const runs: RunJson[] = []
  let stopping = false
  let failure: unknown
  let firstStarted: (() => void) | undefined
  const started = new Promise<void>((resolve) => (firstStarted = resolve))
  const loop = (async () => {
    try {
      while (!stopping) {
        const id = await admin.train()
        await admin.waitForStart(id, RUN_TIMEOUT_MS)
        firstStarted?.()
        const run = await admin.waitForRun(id, RUN_TIMEOUT_MS, RUN_POLL_MS)
        runs.push(run)
        if (run.status === "failed") throw new Error(`training run ${id} failed: ${run.error}`)
      }
    } catch (error) {
      failure = error
      firstStarted?.()
    }
  })()
  return {
    started: started.then(() => {
      if (failure) throw failure
    }),
    runs,
    stop: async () => {
      stopping = true
      await loop
      if (failure) throw failure
    },
  }
}

/** Milliseconds of [from, to] covered by the runs' [started_at, finished_at]. */
export function coveredMs(runs: Pick<RunJson, "started_at" | "finished_at">[], from: number, to: number): number {
  const spans = runs
    .filter((r) => r.started_at)
    .map((r) => [Math.max(from, Date.parse(r.started_at as string)), Math.min(to, r.finished_at ? Date.parse(r.finished_at) : to)] as const)
    .filter(([a, b]) => b > a)
    .sort((x, y) => x[0] - y[0])
  let covered = 0
  let reach = from
  for (const [a, b] of spans) {
    const start = Math.max(a, reach)
    if (b > start) covered += b - start
    reach = Math.max(reach, b)
  }
  return covered
}

/** Waits until the plugin's queue has no active or waiting job (delayed, debounced ones may stay). */
export async function waitForQueueIdle(prefix: string, timeoutMs = RUN_TIMEOUT_MS): Promise<void> {
  const queue = new Queue(ML_QUEUE_NAME, { connection: { url: REDIS_URL }, prefix })
  try {
    await waitFor(
      "the plugin's queue to be idle",
      async () => {
        const counts = await queue.getJobCounts("active", "waiting", "prioritized", "waiting-children")
        return Object.values(counts).every((n) => n === 0) ? true : undefined
      },
      timeoutMs,
      250
    )
  } finally {
    await queue.close()
  }
}

/**
 * Puts the load on the route (its warm-up idle), starts training, and measures once the
 * first run is running; then lets the run in progress finish and the queue go idle.
 */
export async function measureWhileTraining(route: Route, settings: LoadSettings, admin: MlAdmin, queuePrefix: string): Promise<TrainingLoadResult> {
  await settle(route.baseUrl)
  const load = startLoad(route, settings.connections)
  let trainer: ReturnType<typeof trainBackToBack> | undefined
  let result: LoadResult
  try {
    await new Promise((resolve) => setTimeout(resolve, settings.warmupSeconds * 1000))
    trainer = trainBackToBack(admin)
    await trainer.started
    result = await load.measure(settings.durationSeconds)
  } finally {
    await load.stop()
    await trainer?.stop()
  }
  const runs = trainer.runs
  await waitForQueueIdle(queuePrefix)
  const overlapping = runs.filter((r) => {
    const start = r.started_at ? Date.parse(r.started_at) : Infinity
    const end = r.finished_at ? Date.parse(r.finished_at) : Infinity
    return start < result.finishedAt && end > result.startedAt
  })
  return {
    ...result,
    trainingCoverage: coveredMs(runs, result.startedAt, result.finishedAt) / (result.finishedAt - result.startedAt),
    runs: overlapping.map((r) => ({
      id: r.id,
      status: r.status,
      seconds: r.started_at && r.finished_at ? (Date.parse(r.finished_at) - Date.parse(r.started_at)) / 1000 : null,
      timings: r.timings,
    })),
  }
}
