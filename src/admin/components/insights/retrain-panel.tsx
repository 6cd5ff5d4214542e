/** Insights → Models: "Retrain now" and the live progress of the training it starts. */
import { ArrowPath } from "@medusajs/icons"
import { Alert, Button, Heading, Text } from "@medusajs/ui"
import { percent } from "../../lib/format"
import type { TrainingRun } from "../../lib/types"
import { useTraining, type TrainingState } from "../../lib/use-training"
import { ProgressBar } from "./progress-bar"

const ENDINGS: Record<string, { variant: "success" | "error" | "warning"; text: string }> = {
  succeeded: { variant: "success", text: "Done: the models are trained and the customers rescored." },
  failed: { variant: "error", text: "The training failed." },
  not_enough_data: { variant: "warning", text: "Not enough data to train." },
}

function Progress({ state }: { state: TrainingState }) {
  if (state.phase === "starting") return <Text size="small">Starting a training…</Text>
  if (state.phase === "error") {
    return (
      <Alert variant="error" data-testid="ml-retrain-status">
        {state.message}
      </Alert>
    )
  }
  if (state.phase === "following") {
    const run = state.run
    const progress = run?.progress ?? 0
    return (
      <div className="flex flex-col gap-y-2">
        <ProgressBar value={progress} label="Training progress" />
        <Text size="small" data-testid="ml-retrain-status">
          {state.alreadyRunning ? "A training was already under way; following it. " : ""}
          {run ? `${run.status === "queued" ? "Queued" : "Running"}: ${run.stage ?? "starting"} (${percent(progress)})` : "Queued"}
        </Text>
      </div>
    )
  }
  if (state.phase === "ended") {
    const ending = ENDINGS[state.run.status]
    return (
      <div className="flex flex-col gap-y-2">
        <ProgressBar value={state.run.status === "succeeded" ? 1 : state.run.progress} label="Training progress" />
        <Alert variant={ending?.variant ?? "info"} data-testid="ml-retrain-status" data-status={state.run.status}>
          {ending?.text ?? state.run.status}
          {state.run.error ? ` ${state.run.error}` : ""}
        </Alert>
      </div>
    )
  }
  return null
}

export function RetrainPanel({ onEnded }: { onEnded: (run: TrainingRun) => void }) {
  const { state, start } = useTraining(onEnded)
  const busy = state.phase === "starting" || state.phase === "following"
  return (
    <div className="flex flex-col gap-y-3 px-6 py-4" data-testid="ml-retrain-panel">
      <div className="flex items-center justify-between">
        <div>
          <Heading level="h2">Training</Heading>
          <Text size="small" className="text-ui-fg-subtle">
            Trains new models on the store's orders; a new model replaces the champion only if it does better.
          </Text>
        </div>
        <Button size="small" variant="secondary" onClick={start} isLoading={busy} disabled={busy} data-testid="ml-retrain-button">
          <ArrowPath />
          Retrain now
        </Button>
      </div>
      <Progress state={state} />
    </div>
  )
}
