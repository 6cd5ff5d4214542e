/** Insights → Models: retrain, the plugin's status, the model registry per task, the training history, the recent runs and the readiness report. */
import { useState } from "react"
import type { ModelRegistry } from "../../lib/types"
import { useApi } from "../../lib/use-api"
import { LoadView, PanelEmpty } from "../panel-state"
import { ReadinessNote } from "../readiness-note"
import { ReadinessReport } from "./readiness-report"
import { RetrainPanel } from "./retrain-panel"
import { SystemStatus } from "./system-status"
import { TaskSection } from "./task-section"
import { RecentRuns } from "./recent-runs"
import { TrainingHistory } from "./training-history"

export function ModelsTab() {
  const registry = useApi<ModelRegistry>("/admin/ml/models")
  const [generation, setGeneration] = useState(0)
  const onEnded = () => {
    registry.reload()
    setGeneration((g) => g + 1)
  }
  return (
    <div className="divide-y">
      <RetrainPanel onEnded={onEnded} />
      <SystemStatus key={`status-${generation}`} />
      <LoadView state={registry} what="the models">
        {({ tasks }) =>
          tasks.length === 0 ? (
            <PanelEmpty title="No model yet">
              <ReadinessNote key={generation} />
            </PanelEmpty>
          ) : (
            <div className="divide-y">
              {tasks.map((t) => (
                <TaskSection key={t.task} task={t.task} count={t.count} versions={t.versions} />
              ))}
              <TrainingHistory versions={tasks.flatMap((t) => t.versions)} />
            </div>
          )
        }
      </LoadView>
      <RecentRuns key={`runs-${generation}`} />
      <ReadinessReport key={generation} />
    </div>
  )
}
