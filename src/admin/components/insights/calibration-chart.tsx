/** Calibration: the observed share of positives against the mean predicted probability, per bin; the diagonal is perfect calibration. */
import { Text } from "@medusajs/ui"
import type { CalibrationBin } from "../../lib/model-metrics"
import { ChartFrame, xOf, yOf } from "./chart-frame"

export function CalibrationChart({ bins }: { bins: readonly CalibrationBin[] }) {
  const used = bins.filter((b) => b.count > 0)
  if (used.length === 0) {
    return (
      <Text size="small" className="text-ui-fg-muted" data-testid="ml-calibration-missing">
        This model stores no calibration table.
      </Text>
    )
  }
  const largest = Math.max(...used.map((b) => b.count))
  return (
    <ChartFrame title="Calibration" xLabel="Predicted probability" yLabel="Observed share" testId="ml-calibration-chart">
      <g className="text-ui-fg-interactive">
        <polyline
          fill="none"
          stroke="currentColor"
          strokeWidth={1.5}
          points={used.map((b) => `${xOf(b.meanPredicted)},${yOf(b.fractionPositive)}`).join(" ")}
        />
        {used.map((b) => (
          <circle key={b.binStart} cx={xOf(b.meanPredicted)} cy={yOf(b.fractionPositive)} r={2 + 4 * Math.sqrt(b.count / largest)} fill="currentColor" fillOpacity={0.6}>
            <title>{`${b.count} customers predicted ${b.meanPredicted.toFixed(2)} on average; ${(b.fractionPositive * 100).toFixed(0)}% did`}</title>
          </circle>
        ))}
      </g>
    </ChartFrame>
  )
}
