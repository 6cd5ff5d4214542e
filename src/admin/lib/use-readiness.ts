/**
 * GET /admin/ml/readiness for a component: the stored check, asked again every few
 * seconds while the server says a new check runs (`checking`), keeping the last answer
 * on screen meanwhile instead of a loading line. It stops asking after a while (a server
 * whose queue has no worker would say "checking" for as long as none runs).
 */
import { useEffect, useState } from "react"
import type { ReadinessAnswer } from "./types"
import { useApi, type ApiState } from "./use-api"

/** How often to ask again while a check runs, and how many times at most. */
const POLL_MS = 2_000
const MAX_POLLS = 60

export function useReadiness(): ApiState<ReadinessAnswer> {
  const state = useApi<ReadinessAnswer>("/admin/ml/readiness")
  const [last, setLast] = useState<ReadinessAnswer | null>(null)
  const [polls, setPolls] = useState(0)
  const { load, reload } = state

  useEffect(() => {
    if (load.status === "ready") setLast(load.data)
    if (load.status !== "ready" || !load.data.checking || polls >= MAX_POLLS) return
    const timer = setTimeout(() => {
      setPolls((n) => n + 1)
      reload()
    }, POLL_MS)
    return () => clearTimeout(timer)
  }, [load, reload, polls])

  return { load: load.status === "loading" && last ? { status: "ready", data: last } : load, reload }
}
