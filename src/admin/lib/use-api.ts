/**
 * Loads an admin route into a component: loading, error or data, never an unhandled
 * rejection. A new path (or `reload()`) loads again; until its answer comes the state
 * is "loading", never the previous path's data; a stale answer is dropped.
 */
import { useCallback, useEffect, useState } from "react"
import { getJson, MlApiError } from "./api"

export type Load<T> = { status: "loading" } | { status: "error"; error: MlApiError } | { status: "ready"; data: T }

export interface ApiState<T> {
  load: Load<T>
  reload: () => void
}

const LOADING = { status: "loading" } as const

/** GET `path` (null: wait, e.g. until an id is known). */
export function useApi<T>(path: string | null): ApiState<T> {
  const [answer, setAnswer] = useState<{ key: string; load: Load<T> } | null>(null)
  const [generation, setGeneration] = useState(0)
  const reload = useCallback(() => setGeneration((g) => g + 1), [])
  const key = `${generation}:${path}`

  useEffect(() => {
    if (path === null) return
    const controller = new AbortController()
    getJson<T>(path, controller.signal).then(
      (data) => !controller.signal.aborted && setAnswer({ key, load: { status: "ready", data } }),
      (error: unknown) => !controller.signal.aborted && setAnswer({ key, load: { status: "error", error: asApiError(error) } })
    )
    return () => controller.abort()
  }, [path, key])

  return { load: answer && answer.key === key ? answer.load : LOADING, reload }
}

export function asApiError(error: unknown): MlApiError {
  if (error instanceof MlApiError) return error
  return new MlApiError(error instanceof Error ? error.message : String(error), 0)
}
