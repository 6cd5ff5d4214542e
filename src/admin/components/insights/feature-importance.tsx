/** The champion's feature importance as horizontal bars, largest first. */
import { Text } from "@medusajs/ui"
import { decimal } from "../../lib/format"
import type { FeatureImportance as Importance } from "../../lib/model-metrics"

export function FeatureImportance({ features }: { features: readonly Importance[] }) {
  const shown = features.filter((f) => f.importance > 0).slice(0, 10)
  if (shown.length === 0) {
    return (
      <Text size="small" className="text-ui-fg-muted" data-testid="ml-importance-missing">
        This model stores no feature importance.
      </Text>
    )
  }
  const largest = shown[0].importance
  return (
    <ul className="flex w-full max-w-sm flex-col gap-y-1" data-testid="ml-feature-importance">
      {shown.map((f) => (
        <li key={f.feature} className="grid grid-cols-[10rem_1fr_3rem] items-center gap-x-2">
          <Text size="xsmall" className="truncate" title={f.feature}>
            {f.feature.replace(/_/g, " ")}
          </Text>
          <div className="bg-ui-bg-subtle h-2 rounded-full">
            <div className="bg-ui-fg-interactive h-2 rounded-full" style={{ width: `${(100 * f.importance) / largest}%` }} />
          </div>
          <Text size="xsmall" className="text-ui-fg-muted text-right tabular-nums">
            {decimal(f.importance, 3)}
          </Text>
        </li>
      ))}
    </ul>
  )
}
