/**
 * One `train` job from payload to stored result, the same whether it runs inline (CLI,
 * a store without Redis) or under a BullMQ worker: the run record, the history snapshot,
 * the readiness check, the training in a worker thread, the comparison with the
 * champions and the one-transaction write. Errors keep their kind so the caller can
 * tell a retry from a give-up; the run always says what happened.
 */
import { dayAfter } from "../core/time"
import { InvalidInputError, NotEnoughDataError } from "../core/errors"
import { checkReadiness } from "../core/pipeline/readiness"
import type { ModelVersion, TrainingRun } from "../models"
import type { TrainPayload } from "./payloads"
import type { MlStore } from "../store/ml-store"
import type { DataReport, HistoryLoader } from "./history-source"
import { toJsonObject } from "./json"
import { saveReadiness } from "./readiness-check"
import { CUSTOMER_SCORES_TASK } from "./save-customer-scores"
import { RECOMMENDATIONS_TASK } from "./save-recommendations"
import { trainInWorkerThread } from "./training-thread"
import { churnWindowOf } from "./training-work"
import { skippedLists } from "./skipped-parts"
import type { ChampionSnapshot, TrainingWorkInput, TrainingWorkOutput, WorkProgress } from "./training-work"
import { overallProgress } from "./training-progress"
import { endAttempt, startAttempt } from "./run-attempts"

export interface TrainingDeps {
  store: MlStore
  loadHistory: HistoryLoader
  /** Where the models train; a worker thread unless a test says otherwise. */
  train?: (input: TrainingWorkInput, onProgress: WorkProgress) => Promise<TrainingWorkOutput>
  /** Stage and overall fraction, as they change (a BullMQ job's updateProgress). */
  onProgress?: (stage: string, progress: number) => void
  /** Called once the run exists, so a retry of the same job reports on the same run. */
  rememberRunId?: (runId: string) => Promise<void>
  /** Whether a failure now is the last attempt (the run is then "failed", else "queued" for the retry). */
  finalAttempt?: boolean
  /** Why the previous attempt failed, when the runner knows: recorded on that attempt if it could not record itself. */
  previousFailure?: string
  now?: () => Date
}

export interface TrainingOutcome {
  run: TrainingRun
  versions: ModelVersion[]
  output: TrainingWorkOutput
  data: DataReport
  /** The data cutoff the models were trained and scored at (epoch ms). */
  asOf: number
}

/** Progress is written to the run at most this often (and at each new stage). */
const RUN_UPDATE_MS = 1_000

export async function runTraining(payload: TrainPayload, deps: TrainingDeps): Promise<TrainingOutcome> {
  const { store } = deps
  const now = deps.now ?? (() => new Date())
  const run = await openRun(store, payload)
  await deps.rememberRunId?.(run.id)
  const progress = progressReporter(store, run.id, deps.onProgress)
  let attempts = run.attempts
  try {
    const startedAt = now()
    attempts = startAttempt(run.attempts, startedAt, deps.previousFailure)
    await store.updateTrainingRun(run.id, { status: "running", startedAt, error: null, stage: "reading", progress: 0, attempts })
    const readingStarted = performance.now()
    const { history, data, liveProductIds } = await deps.loadHistory(payload.source, {
      asOf: payload.asOf,
      onProgress: (fraction) => progress("reading", fraction),
    })
    if (history.lines.length === 0) throw new InvalidInputError("source: no usable order lines" + (payload.asOf ? " before asOf" : ""), "source")
    const readingMs = performance.now() - readingStarted
    const asOf = payload.asOf ?? dayAfter(history.lastAt)
    // the same plan the readiness check shows: no store passes it and then fails for lack of history
    const readiness = checkReadiness(history, asOf, payload.settings.readiness, {
      horizonDays: payload.settings.horizonDays,
      churnWindowDays: churnWindowOf(payload.settings),
    })
    // the store's own history, checked as GET /admin/ml/readiness would: that answer is refreshed for free
    if (payload.source.kind === "store" && payload.asOf === undefined) await saveReadiness(store, { checkedAt: now(), asOf, readiness, settings: payload.settings, data })
    if (!readiness.ready) throw new NotEnoughDataError(readiness.missing)
    const input: TrainingWorkInput = {
      history,
      asOf,
      settings: payload.settings,
      trainingRunId: run.id,
      liveProductIds,
      plan: readiness.plan,
      champions: await championsOf(store),
    }
    const output = await (deps.train ?? trainInWorkerThread)(input, progress)
    progress("writing", 0)
    const writingStarted = performance.now()
    const versions = await store.saveModelVersions(output.versions)
    // milliseconds per stage: reading the history and writing the versions around the models' own
    const timings = { reading: Math.round(readingMs), ...output.report?.timings, writing: Math.round(performance.now() - writingStarted) }
    const report = {
      data: { ...data, readiness: readiness.figures },
      ...output.report,
      // a run that produced part of the outputs succeeds, with the parts it skipped and why
      skipped: output.skipped,
      recommendations: output.recommendationsReport ?? skippedLists(output.skipped),
      promotion: output.decisions,
    }
    const finishedAt = now()
    await store.updateTrainingRun(run.id, {
      status: "succeeded",
      stage: "done",
      progress: 1,
      finishedAt,
      attempts: endAttempt(attempts, finishedAt, "succeeded", null),
      timings,
      report: toJsonObject(report),
    })
    return { run: { ...run, status: "succeeded" }, versions, output, data: report.data, asOf }
  } catch (error) {
    await recordFailure(store, { id: run.id, attempts }, error, deps.finalAttempt ?? true, now())
    throw error
  }
}

/** The run named by the payload (a retry, or one the admin created), or a new one. */
async function openRun(store: MlStore, payload: TrainPayload): Promise<TrainingRun> {
  const existing = payload.runId ? await store.trainingRun(payload.runId) : null
  return existing ?? store.createTrainingRun(payload.trigger, payload.runId)
}

/** The champions to compare against. */
async function championsOf(store: MlStore): Promise<TrainingWorkInput["champions"]> {
  const [customers, lists] = await Promise.all([store.champion(CUSTOMER_SCORES_TASK), store.champion(RECOMMENDATIONS_TASK)])
  const snapshot = (v: ModelVersion | null): ChampionSnapshot | null =>
    v ? { id: v.id, model: v.model, dataCutoff: v.dataCutoff, hyperparameters: v.hyperparameters } : null
  return { customerScores: snapshot(customers), recommendations: snapshot(lists) }
}

export function isGiveUp(error: unknown): boolean {
  return error instanceof NotEnoughDataError || error instanceof InvalidInputError
}

async function recordFailure(
  store: MlStore,
  run: Pick<TrainingRun, "id" | "attempts">,
  error: unknown,
  finalAttempt: boolean,
  at: Date
): Promise<void> {
  const message = error instanceof Error ? error.message : String(error)
  const status = error instanceof NotEnoughDataError ? "not_enough_data" : isGiveUp(error) || finalAttempt ? "failed" : "queued"
  await store.updateTrainingRun(run.id, {
    status,
    finishedAt: status === "queued" ? null : at,
    error: status === "queued" ? `${message} (will retry)` : message,
    attempts: endAttempt(run.attempts, at, status === "queued" ? "retrying" : status, message),
  })
}

/** Maps stage progress to the run's overall fraction; writes it to the run now and then. */
function progressReporter(store: MlStore, runId: string, onProgress?: (stage: string, progress: number) => void): WorkProgress {
  let lastStage = ""
  let lastWrite = 0
  return (stage, fraction) => {
    const overall = overallProgress(stage, fraction)
    onProgress?.(stage, overall)
    const at = Date.now()
    if (stage === lastStage && at - lastWrite < RUN_UPDATE_MS) return
    lastStage = stage
    lastWrite = at
    store.updateTrainingRun(runId, { stage, progress: overall }).catch(() => undefined)
  }
}
