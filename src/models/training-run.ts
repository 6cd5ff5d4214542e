import { EntitySchema } from "typeorm"
import type { ColumnTypes, JsonObject } from "./column-types"

/**
 * "coalesced": a request to train that arrived while another run was queued or running;
 * it ended at once, its `error` naming the run it was folded into.
 */
export type TrainingRunStatus = "queued" | "running" | "succeeded" | "failed" | "not_enough_data" | "coalesced"

/** One attempt of a run: a job retried or taken over by another worker adds one. */
export interface TrainingAttempt {
  /** From 1. */
  attempt: number
  /** ISO time. */
  startedAt: string
  /** ISO time; null while it runs. */
  endedAt: string | null
  /** succeeded, failed, not_enough_data, retrying (it failed and the job will try again), interrupted (its worker stopped). */
  outcome: "succeeded" | "failed" | "not_enough_data" | "retrying" | "interrupted" | null
  error: string | null
}

/** One attempt to train (or rescore), with its progress and outcome. */
export interface TrainingRun {
  id: string
  status: TrainingRunStatus
  /** What started it: one of TRIGGERS (engine/names). */
  trigger: string
  /** The current stage, e.g. "reading", "features", "tuning", "scoring", "writing". */
  stage: string | null
  /** 0..1 within the whole run. */
  progress: number
  /** Milliseconds spent per stage. */
  timings: Record<string, number>
  /** Why it failed, or what data is missing; null when it succeeded. */
  error: string | null
  /** The full training report (data summary, candidates, metrics). */
  report: JsonObject | null
  /** Each attempt, oldest first; null for runs stored before attempts were kept. */
  attempts: TrainingAttempt[] | null
  createdAt: Date
  startedAt: Date | null
  finishedAt: Date | null
}

export function trainingRunSchema(t: ColumnTypes): EntitySchema<TrainingRun> {
  return new EntitySchema<TrainingRun>({
    name: "MlTrainingRun",
    tableName: "ml_training_run",
    columns: {
      id: { type: "varchar", length: 40, primary: true },
      status: { type: "varchar", length: 20 },
      trigger: { type: "varchar", length: 20 },
      stage: { type: "varchar", length: 40, nullable: true },
      progress: { type: t.float, default: 0 },
      timings: { type: t.json },
      error: { type: "text", nullable: true },
      report: { type: t.json, nullable: true },
      attempts: { type: t.json, nullable: true },
      createdAt: { name: "created_at", type: t.timestamp },
      startedAt: { name: "started_at", type: t.timestamp, nullable: true },
      finishedAt: { name: "finished_at", type: t.timestamp, nullable: true },
    },
    indices: [
      // "is a run in progress?" and the training history, newest first
      { name: "IDX_ml_training_run_status", columns: ["status"] },
      { name: "IDX_ml_training_run_created", columns: ["createdAt"] },
    ],
  })
}
