/**
 * Every recent training run, whatever became of it: the runs that failed or found too
 * little data are here with the reason, where the training history (built from model
 * versions) cannot show them.
 */
import { Badge, Heading, Table, Text } from "@medusajs/ui"
import { dateTime } from "../../lib/format"
import type { RunStatus, TrainingRun } from "../../lib/types"
import { useApi } from "../../lib/use-api"
import { LoadView } from "../panel-state"

const COLOURS: Record<RunStatus, "green" | "red" | "orange" | "blue" | "grey"> = {
  succeeded: "green",
  failed: "red",
  not_enough_data: "orange",
  running: "blue",
  queued: "grey",
  coalesced: "grey",
}

export function RecentRuns() {
  const state = useApi<{ runs: Omit<TrainingRun, "report">[] }>("/admin/ml/runs?limit=10")
  return (
    <section className="flex flex-col gap-y-2 py-4" data-testid="ml-recent-runs">
      <div className="px-6">
        <Heading level="h2">Recent runs</Heading>
        <Text size="small" className="text-ui-fg-subtle">
          The last ten training runs, newest first, with why a run ended without models.
        </Text>
      </div>
      <LoadView state={state} what="the training runs">
        {({ runs }) => (
          <Table>
            <Table.Header>
              <Table.Row>
                <Table.HeaderCell>Started</Table.HeaderCell>
                <Table.HeaderCell>Trigger</Table.HeaderCell>
                <Table.HeaderCell>Status</Table.HeaderCell>
                <Table.HeaderCell>Error</Table.HeaderCell>
              </Table.Row>
            </Table.Header>
            <Table.Body>
              {runs.map((run) => (
                <Table.Row key={run.id} data-testid="ml-run-row" data-run-id={run.id}>
                  <Table.Cell title={run.id}>{dateTime(run.created_at)}</Table.Cell>
                  <Table.Cell>{run.trigger}</Table.Cell>
                  <Table.Cell>
                    <Badge size="2xsmall" color={COLOURS[run.status] ?? "grey"} data-testid="ml-run-status">
                      {run.status.replace(/_/g, " ")}
                    </Badge>
                  </Table.Cell>
                  <Table.Cell className="whitespace-normal">
                    <Text size="small">{run.error ?? "–"}</Text>
                  </Table.Cell>
                </Table.Row>
              ))}
            </Table.Body>
          </Table>
        )}
      </LoadView>
    </section>
  )
}
