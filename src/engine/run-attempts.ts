/**
 * The attempts of one training run, kept instead of overwritten: a job retried after a
 * lost connection, or taken over after its worker was killed, adds an attempt to the same
 * run, and each says when it started, when it ended and why.
 */
import type { TrainingAttempt } from "../models"

/** An attempt that was still open when the next one started: its worker stopped without a word. */
export const INTERRUPTED = "interrupted: its worker stopped before it ended (the job was taken over)"

/**
 * The attempts with a new one started at `at`. One left open is closed: as "retrying" with
 * `previousFailure` when the runner knows why it failed (its error could not be written,
 * e.g. the database was down), else as interrupted (its worker stopped).
 */
export function startAttempt(attempts: readonly TrainingAttempt[] | null, at: Date, previousFailure?: string): TrainingAttempt[] {
  const close = (a: TrainingAttempt): TrainingAttempt =>
    previousFailure
      ? { ...a, endedAt: at.toISOString(), outcome: "retrying", error: previousFailure }
      : { ...a, endedAt: at.toISOString(), outcome: "interrupted", error: INTERRUPTED }
  const closed = (attempts ?? []).map((a) => (a.endedAt === null ? close(a) : a))
  return [...closed, { attempt: closed.length + 1, startedAt: at.toISOString(), endedAt: null, outcome: null, error: null }]
}

/** The attempts with the open one ended at `at`: its outcome (the run's status, or "retrying") and error. */
export function endAttempt(attempts: readonly TrainingAttempt[] | null, at: Date, outcome: TrainingAttempt["outcome"], error: string | null): TrainingAttempt[] {
  const list = [...(attempts ?? [])]
  const open = list.findIndex((a) => a.endedAt === null)
  if (open === -1) return list
  list[open] = { ...list[open], endedAt: at.toISOString(), outcome, error }
  return list
}
