/**
 * "Retrain now": starts a training (POST /admin/ml/train) and follows its run
 * (GET /admin/ml/runs/:id) every second until it ends. A training already queued or
 * running (409) is followed instead of failing.
 */
import { useCallback, useEffect, useRef, useState } from "react"
import { getJson, postJson } from "./api"
import type { RunStatus, TrainingRun } from "./types"
import { asApiError } from "./use-api"

export const POLL_MS = 1000

export type TrainingState =
  | { phase: "idle" }
  | { phase: "starting" }
  | { phase: "following"; runId: string; run: TrainingRun | null; alreadyRunning: boolean }
  | { phase: "ended"; run: TrainingRun }
  | { phase: "error"; message: string }

export function isEnded(status: RunStatus): boolean {
  return status === "succeeded" || status === "failed" || status === "not_enough_data"
}

export function useTraining(onEnded: (run: TrainingRun) => void): { state: TrainingState; start: () => void } {
  const [state, setState] = useState<TrainingState>({ phase: "idle" })
  const ended = useRef(onEnded)
  ended.current = onEnded

  const start = useCallback(() => {
    setState({ phase: "starting" })
    postJson<{ run_id: string }>("/admin/ml/train", {}, [409]).then(
      ({ status, body }) => setState({ phase: "following", runId: body.run_id, run: null, alreadyRunning: status === 409 }),
      (error) => setState({ phase: "error", message: asApiError(error).message })
    )
  }, [])

  const runId = state.phase === "following" ? state.runId : null
  useEffect(() => {
    if (!runId) return
    let live = true
    let timer: ReturnType<typeof setTimeout> | undefined
    const poll = async () => {
      try {
        const { run } = await getJson<{ run: TrainingRun }>(`/admin/ml/runs/${encodeURIComponent(runId)}`)
        if (!live) return
        if (isEnded(run.status)) {
          setState({ phase: "ended", run })
          ended.current(run)
          return
        }
        setState((s) => (s.phase === "following" ? { ...s, run } : s))
      } catch (error) {
        if (!live) return
        setState({ phase: "error", message: asApiError(error).message })
        return
      }
      timer = setTimeout(poll, POLL_MS)
    }
    void poll()
    return () => {
      live = false
      if (timer) clearTimeout(timer)
    }
  }, [runId])

  return { state, start }
}
