/** The champion's charts for one classifier: calibration, ROC, feature importance. */
import { Heading, Text } from "@medusajs/ui"
import type { ClassifierEntry } from "../../lib/model-metrics"
import { CalibrationChart } from "./calibration-chart"
import { FeatureImportance } from "./feature-importance"
import { RocChart } from "./roc-chart"

export function ChampionCharts({ entry }: { entry: ClassifierEntry }) {
  const { metrics } = entry
  return (
    <div className="grid grid-cols-1 gap-6 px-6 py-4 lg:grid-cols-3" data-testid={`ml-charts-${entry.key}`}>
      <div className="flex flex-col gap-y-2">
        <Heading level="h3">Calibration</Heading>
        <CalibrationChart bins={metrics.calibration} />
      </div>
      <div className="flex flex-col gap-y-2">
        <Heading level="h3">ROC</Heading>
        <RocChart points={metrics.roc} auc={metrics.values.rocAuc} />
      </div>
      <div className="flex flex-col gap-y-2">
        <Heading level="h3">Feature importance</Heading>
        <FeatureImportance features={metrics.importance} />
        <Text size="xsmall" className="text-ui-fg-muted">
          Larger means the input weighs more in the model (split gain for boosted trees, |weight| for logistic regression).
        </Text>
      </div>
    </div>
  )
}
