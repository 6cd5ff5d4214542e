/** Model versions ordered for display, and grouped by the training that produced them. */
import type { ModelVersion } from "./types"

/** Champion first, then the others newest first. */
export function championFirst(versions: readonly ModelVersion[]): ModelVersion[] {
  return [...versions].sort(
    (a, b) => Number(b.status === "champion") - Number(a.status === "champion") || (b.created_at ?? "").localeCompare(a.created_at ?? "")
  )
}

export interface TrainingLine {
  key: string
  runId: string | null
  /** When its newest version was made. */
  at: string | null
  versions: ModelVersion[]
}

/** One line per training run (a version without a run is a line of its own), newest first. */
export function trainingLines(versions: readonly ModelVersion[]): TrainingLine[] {
  const byRun = new Map<string, TrainingLine>()
  for (const v of versions) {
    const key = v.training_run_id ?? v.id
    let line = byRun.get(key)
    if (!line) byRun.set(key, (line = { key, runId: v.training_run_id, at: v.created_at, versions: [] }))
    line.versions.push(v)
    if ((v.created_at ?? "") > (line.at ?? "")) line.at = v.created_at
  }
  return [...byRun.values()].sort((a, b) => (b.at ?? "").localeCompare(a.at ?? ""))
}
