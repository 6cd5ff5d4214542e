/**
 * The training history as the model registry records it: one line per training that
 * produced models, with what became of each task's version. Trainings that produced
 * no model (failed, not enough data) are listed by RecentRuns, from the runs themselves.
 */
import { Heading, Table, Text } from "@medusajs/ui"
import { dateTime } from "../../lib/format"
import { promotionOf } from "../../lib/model-metrics"
import type { ModelVersion } from "../../lib/types"
import { trainingLines } from "../../lib/versions"
import { StatusBadge } from "./version-label"

export function TrainingHistory({ versions }: { versions: readonly ModelVersion[] }) {
  const lines = trainingLines(versions)
  return (
    <section className="flex flex-col gap-y-2 py-4" data-testid="ml-training-history">
      <div className="px-6">
        <Heading level="h2">Training history</Heading>
        <Text size="small" className="text-ui-fg-subtle">
          Trainings that produced models, newest first.
        </Text>
      </div>
      <Table>
        <Table.Header>
          <Table.Row>
            <Table.HeaderCell>Trained</Table.HeaderCell>
            <Table.HeaderCell>Task</Table.HeaderCell>
            <Table.HeaderCell>Outcome</Table.HeaderCell>
            <Table.HeaderCell>Why</Table.HeaderCell>
          </Table.Row>
        </Table.Header>
        <Table.Body>
          {lines.flatMap((line) =>
            line.versions.map((v, i) => (
              <Table.Row key={v.id} data-testid="ml-history-row">
                <Table.Cell title={line.runId ?? undefined}>{i === 0 ? dateTime(line.at) : ""}</Table.Cell>
                <Table.Cell>{v.task}</Table.Cell>
                <Table.Cell>
                  <StatusBadge status={v.status} />
                </Table.Cell>
                <Table.Cell className="whitespace-normal">
                  <Text size="small">{promotionOf(v.metrics)?.reason ?? "–"}</Text>
                </Table.Cell>
              </Table.Row>
            ))
          )}
        </Table.Body>
      </Table>
    </section>
  )
}
