/** Validation metrics of the recommendation lists across the task's versions, champion first. */
import { Table } from "@medusajs/ui"
import { metric } from "../../lib/format"
import { RANKING_METRIC_LABELS, RANKING_METRICS, rankingsOf } from "../../lib/model-metrics"
import type { ModelVersion } from "../../lib/types"
import { VersionLabel } from "./version-label"

export function RankingTable({ versions }: { versions: readonly ModelVersion[] }) {
  return (
    <Table data-testid="ml-metrics-recommendations">
      <Table.Header>
        <Table.Row>
          <Table.HeaderCell>Version</Table.HeaderCell>
          <Table.HeaderCell>List</Table.HeaderCell>
          <Table.HeaderCell className="text-right">Cases</Table.HeaderCell>
          {RANKING_METRICS.map((name) => (
            <Table.HeaderCell key={name} className="text-right">
              {RANKING_METRIC_LABELS[name]}
            </Table.HeaderCell>
          ))}
        </Table.Row>
      </Table.Header>
      <Table.Body>
        {versions.flatMap((version) =>
          rankingsOf(version.metrics).map((list, i) => (
            <Table.Row key={`${version.id}/${list.key}`} data-testid="ml-metrics-row">
              <Table.Cell>{i === 0 ? <VersionLabel version={version} /> : null}</Table.Cell>
              <Table.Cell>{list.label}</Table.Cell>
              <Table.Cell className="text-right tabular-nums">{list.cases ?? "–"}</Table.Cell>
              {RANKING_METRICS.map((name) => (
                <Table.Cell key={name} className="text-right tabular-nums">
                  {metric(list.values[name])}
                </Table.Cell>
              ))}
            </Table.Row>
          ))
        )}
      </Table.Body>
    </Table>
  )
}
