/** The ROC curve when the model stores its points; otherwise a note that only the area (ROC-AUC) is stored. */
import { Text } from "@medusajs/ui"
import { metric } from "../../lib/format"
import type { RocPoint } from "../../lib/model-metrics"
import { ChartFrame, xOf, yOf } from "./chart-frame"

export function RocChart({ points, auc }: { points: readonly RocPoint[] | null; auc: number | undefined }) {
  if (!points) {
    return (
      <Text size="small" className="text-ui-fg-muted max-w-xs" data-testid="ml-roc-missing">
        No ROC curve: the training stores the area under it (ROC-AUC {metric(auc)}), not its points.
      </Text>
    )
  }
  const path = [{ fpr: 0, tpr: 0 }, ...points, { fpr: 1, tpr: 1 }]
  return (
    <ChartFrame title={`ROC curve (AUC ${metric(auc)})`} xLabel="False-positive rate" yLabel="True-positive rate" testId="ml-roc-chart">
      <g className="text-ui-fg-interactive">
        <polyline fill="none" stroke="currentColor" strokeWidth={1.5} points={path.map((p) => `${xOf(p.fpr)},${yOf(p.tpr)}`).join(" ")} />
      </g>
    </ChartFrame>
  )
}
