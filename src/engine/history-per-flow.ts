/**
 * One history snapshot per rescoring flow and process. The chunks of a `score-all` flow
 * score against the same population at the same as-of, so a process that takes several
 * chunks reads the store once, not once per chunk. Only the newest flow's snapshot is
 * kept, and it is let go after `idleMs` without a chunk (a big store's history is large).
 * A flow's load is of every customer: a chunk's `customerIds` filter is not passed on.
 */
import type { HistoryLoader, LoadedHistory } from "./history-source"

export interface HistoryPerFlowOptions {
  /** Drop the snapshot after this long without a chunk of its flow. */
  idleMs: number
}

/** `forFlow(flowId)` is a loader that shares one load among the calls of one flow (none shared when `flowId` is undefined). */
export function historyPerFlow(load: HistoryLoader, options: HistoryPerFlowOptions): { forFlow(flowId: string | undefined): HistoryLoader } {
  let kept: { key: string; history: Promise<LoadedHistory>; timer: NodeJS.Timeout } | undefined
  const forget = () => {
    if (kept) clearTimeout(kept.timer)
    kept = undefined
  }
  const idleTimer = () => {
    const timer = setTimeout(forget, options.idleMs)
    timer.unref()
    return timer
  }
  return {
    forFlow: (flowId) => async (source, loadOptions) => {
      if (flowId === undefined) return load(source, loadOptions)
      const key = JSON.stringify([flowId, source, loadOptions.asOf ?? null])
      if (kept?.key === key) {
        clearTimeout(kept.timer)
        kept.timer = idleTimer()
        return kept.history
      }
      forget()
      const { customerIds: _chunkOnly, ...everyone } = loadOptions
      const history = load(source, everyone)
      const entry = { key, history, timer: idleTimer() }
      kept = entry
      // a failed read is not kept: the chunk's retry reads again
      history.catch(() => {
        if (kept === entry) forget()
      })
      return history
    },
  }
}
