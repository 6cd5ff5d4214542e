/** Validation metrics of one classifier (purchase or churn) across the task's versions, champion first. */
import { Table, Text } from "@medusajs/ui"
import { metric } from "../../lib/format"
import { CLASSIFIER_METRIC_LABELS, CLASSIFIER_METRICS, classifiersOf } from "../../lib/model-metrics"
import type { ModelVersion } from "../../lib/types"
import { VersionLabel } from "./version-label"

export function ClassifierTable({ classifier, versions }: { classifier: "purchase" | "churn"; versions: readonly ModelVersion[] }) {
  const rows = versions.flatMap((version) => {
    const entry = classifiersOf(version.metrics).find((c) => c.key === classifier)
    return entry ? [{ version, values: entry.metrics.values }] : []
  })
  if (rows.length === 0) return <Text size="small" className="text-ui-fg-muted px-6">No version stores these metrics.</Text>
  return (
    <Table data-testid={`ml-metrics-${classifier}`}>
      <Table.Header>
        <Table.Row>
          <Table.HeaderCell>Version</Table.HeaderCell>
          {CLASSIFIER_METRICS.map((name) => (
            <Table.HeaderCell key={name} className="text-right">
              {CLASSIFIER_METRIC_LABELS[name]}
            </Table.HeaderCell>
          ))}
        </Table.Row>
      </Table.Header>
      <Table.Body>
        {rows.map(({ version, values }) => (
          <Table.Row key={version.id} data-testid="ml-metrics-row" data-version-id={version.id}>
            <Table.Cell>
              <VersionLabel version={version} />
            </Table.Cell>
            {CLASSIFIER_METRICS.map((name) => (
              <Table.Cell key={name} className="text-right tabular-nums" data-metric={name}>
                {metric(values[name])}
              </Table.Cell>
            ))}
          </Table.Row>
        ))}
      </Table.Body>
    </Table>
  )
}
