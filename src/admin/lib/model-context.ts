/**
 * The windows and currency a model version was trained with (its training run's
 * report), for labels such as "purchase probability in 30 days". Read once per
 * version and shared by every widget on the page; unknown when it cannot be read.
 */
import { useEffect, useState } from "react"
import { apiPath, getJson } from "./api"
import { modelContextOf, UNKNOWN_CONTEXT, type ModelContext } from "./model-metrics"
import type { ModelRegistry, TrainingRun } from "./types"

const cache = new Map<string, Promise<ModelContext>>()

async function readContext(modelVersionId: string): Promise<ModelContext> {
  const { tasks } = await getJson<ModelRegistry>(apiPath("/admin/ml/models", { limit: 100 }))
  const version = tasks.flatMap((t) => t.versions).find((v) => v.id === modelVersionId)
  if (!version?.training_run_id) return UNKNOWN_CONTEXT
  const { run } = await getJson<{ run: TrainingRun }>(`/admin/ml/runs/${encodeURIComponent(version.training_run_id)}`)
  return modelContextOf(run.report)
}

export function loadModelContext(modelVersionId: string): Promise<ModelContext> {
  let pending = cache.get(modelVersionId)
  if (!pending) {
    pending = readContext(modelVersionId).catch(() => {
      cache.delete(modelVersionId)
      return UNKNOWN_CONTEXT
    })
    cache.set(modelVersionId, pending)
  }
  return pending
}

/** The context of a version; UNKNOWN_CONTEXT until read (labels then say "in the horizon"). */
export function useModelContext(modelVersionId: string | null | undefined): ModelContext {
  const [context, setContext] = useState<ModelContext>(UNKNOWN_CONTEXT)
  useEffect(() => {
    if (!modelVersionId) return
    let live = true
    loadModelContext(modelVersionId).then((c) => live && setContext(c))
    return () => {
      live = false
    }
  }, [modelVersionId])
  return context
}

/** "in the next 30 days", or "in the horizon" when the window is unknown. */
export function withinDays(days: number | null): string {
  return days === null ? "in the horizon" : `in the next ${days} days`
}
