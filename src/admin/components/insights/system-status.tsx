/**
 * Insights → Models: where the plugin keeps its data, whether its queue and worker
 * run, and what is stored; with a warning when a training could not run now.
 */
import { Alert, Badge, Text } from "@medusajs/ui"
import type { MlStatus } from "../../lib/types"
import { useApi } from "../../lib/use-api"
import { LoadView } from "../panel-state"

function warningOf(status: MlStatus): string | null {
  if (!status.store.reachable) return `The plugin's store cannot be reached${status.store.error ? `: ${status.store.error}` : ""}.`
  if (status.queue.mode === "bullmq" && status.queue.reachable === false) return "The job queue (Redis) cannot be reached: a training started now would not run."
  if (status.queue.mode === "bullmq" && !status.worker.running && status.worker_mode !== "server") {
    return "No worker consumes the job queue in this process: trainings run only where a Medusa worker is started."
  }
  return null
}

function StatusLine({ status }: { status: MlStatus }) {
  const warning = warningOf(status)
  const queue = status.queue.mode === "inline" ? "inline (no Redis)" : status.queue.reachable ? "Redis, reachable" : "Redis, unreachable"
  return (
    <div className="flex flex-col gap-y-2 px-6 py-3" data-testid="ml-system-status">
      <div className="flex flex-wrap items-center gap-2">
        <Badge size="2xsmall" color={status.store.reachable ? "green" : "red"}>
          store: {status.store.location} ({status.store.dialect})
        </Badge>
        <Badge size="2xsmall" color={status.queue.mode === "inline" || status.queue.reachable ? "green" : "red"}>
          queue: {queue}
        </Badge>
        <Badge size="2xsmall" color={status.worker.running ? "green" : "grey"}>
          worker ({status.worker_mode} mode): {status.worker.running ? "running" : "not in this process"}
        </Badge>
        <Text size="xsmall" className="text-ui-fg-muted">
          {status.counts.predictions} customer predictions and {status.counts.recommendations} recommendation entries stored
        </Text>
      </div>
      {warning && <Alert variant="warning">{warning}</Alert>}
    </div>
  )
}

export function SystemStatus() {
  const state = useApi<{ status: MlStatus }>("/admin/ml/status")
  return <LoadView state={state} what="the plugin's status">{({ status }) => <StatusLine status={status} />}</LoadView>
}
