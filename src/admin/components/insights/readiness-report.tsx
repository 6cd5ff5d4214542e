/**
 * Insights → Models: the readiness report, the store's figures against the thresholds a
 * training needs, as of the latest check (its time shown), or "checking…" until the first.
 */
import { Badge, Heading, Table, Text } from "@medusajs/ui"
import type { Readiness } from "../../lib/types"
import { dateTime } from "../../lib/format"
import { useReadiness } from "../../lib/use-readiness"
import { LoadView } from "../panel-state"

function rows(r: Readiness) {
  return [
    { label: "Customers with orders", have: r.figures.customers_with_orders, need: r.thresholds.min_customers_with_orders },
    { label: "Customers with two or more orders", have: r.figures.repeat_customers, need: r.thresholds.min_repeat_customers },
    { label: "Days between the first and the last order", have: r.figures.history_days, need: r.thresholds.min_history_days },
    { label: `Orders in the last ${r.recent_days} days`, have: r.figures.recent_orders, need: r.thresholds.min_recent_orders },
  ]
}

function ReadinessTable({ readiness }: { readiness: Readiness }) {
  const unrated = Object.entries(readiness.currencies_without_rate ?? {})
  return (
    <div className="flex flex-col gap-y-2">
      <Table data-testid="ml-readiness-table">
        <Table.Header>
          <Table.Row>
            <Table.HeaderCell>Figure</Table.HeaderCell>
            <Table.HeaderCell className="text-right">Store</Table.HeaderCell>
            <Table.HeaderCell className="text-right">Needed</Table.HeaderCell>
            <Table.HeaderCell />
          </Table.Row>
        </Table.Header>
        <Table.Body>
          {rows(readiness).map((row) => (
            <Table.Row key={row.label}>
              <Table.Cell>{row.label}</Table.Cell>
              <Table.Cell className="text-right tabular-nums">{row.have}</Table.Cell>
              <Table.Cell className="text-right tabular-nums">{row.need}</Table.Cell>
              <Table.Cell>
                <Badge size="2xsmall" color={row.have >= row.need ? "green" : "red"}>
                  {row.have >= row.need ? "enough" : "missing"}
                </Badge>
              </Table.Cell>
            </Table.Row>
          ))}
        </Table.Body>
      </Table>
      <div className="px-6 pb-2">
        <Text size="small" className="text-ui-fg-muted" data-testid="ml-readiness-checked-at">
          Checked {dateTime(readiness.checked_at)}.
        </Text>
        {readiness.figures.unpriced_orders > 0 && (
          <Text size="small">{readiness.figures.unpriced_orders} orders have a line with no known amount; they count for recency and frequency only.</Text>
        )}
        {unrated.length > 0 && (
          <Text size="small">
            Currencies without a rate to the default currency: {unrated.map(([code, orders]) => `${code.toUpperCase()} (${orders} orders)`).join(", ")}.
          </Text>
        )}
      </div>
    </div>
  )
}

export function ReadinessReport() {
  const state = useReadiness()
  const readiness = state.load.status === "ready" ? state.load.data.readiness : null
  return (
    <div className="flex flex-col gap-y-2 py-4" data-testid="ml-readiness-report">
      <div className="flex items-center gap-x-2 px-6">
        <Heading level="h2">Readiness</Heading>
        {readiness && (
          <Badge size="2xsmall" color={readiness.ready ? "green" : "red"}>
            {readiness.ready ? "ready to train" : "not enough data"}
          </Badge>
        )}
        {state.load.status === "ready" && state.load.data.checking && (
          <Text size="small" className="text-ui-fg-muted" data-testid="ml-readiness-checking">
            checking…
          </Text>
        )}
      </div>
      <LoadView state={state} what="the readiness report">
        {({ readiness }) =>
          readiness ? (
            <ReadinessTable readiness={readiness} />
          ) : (
            <Text size="small" className="px-6 text-ui-fg-muted">
              Checking the store's data for the first time…
            </Text>
          )
        }
      </LoadView>
    </div>
  )
}
