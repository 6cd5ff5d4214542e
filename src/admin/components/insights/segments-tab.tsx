/**
 * Insights → Segments: customers, predicted value and value at risk per RFM segment,
 * with the action that fits each. Totals are made from the churn list's CSV export
 * (every scored customer), as the admin API has no per-segment summary.
 */
import { Badge, Table, Text } from "@medusajs/ui"
import { useEffect, useState } from "react"
import { Link } from "react-router-dom"
import { apiPath, getText } from "../../lib/api"
import { csvRecords } from "../../lib/csv"
import { money, percent } from "../../lib/format"
import { useModelContext } from "../../lib/model-context"
import { scoredRowsOf, summarizeSegments, type SegmentTotals } from "../../lib/segment-summary"
import { SEGMENT_IDS, segmentInfo } from "../../lib/segments"
import type { ChurnList } from "../../lib/types"
import { asApiError, useApi, type Load } from "../../lib/use-api"
import { LoadView, PanelEmpty, PanelError, PanelLoading } from "../panel-state"
import { ReadinessNote } from "../readiness-note"

function useSegmentTotals(modelVersionId: string): Load<SegmentTotals[]> {
  const [load, setLoad] = useState<Load<SegmentTotals[]>>({ status: "loading" })
  useEffect(() => {
    const controller = new AbortController()
    setLoad({ status: "loading" })
    getText("/admin/ml/customers/export", controller.signal).then(
      (csv) => !controller.signal.aborted && setLoad({ status: "ready", data: summarizeSegments(scoredRowsOf(csvRecords(csv)), SEGMENT_IDS) }),
      (error) => !controller.signal.aborted && setLoad({ status: "error", error: asApiError(error) })
    )
    return () => controller.abort()
  }, [modelVersionId])
  return load
}

function SegmentTable({ modelVersionId }: { modelVersionId: string }) {
  const load = useSegmentTotals(modelVersionId)
  const { currency } = useModelContext(modelVersionId)
  if (load.status === "loading") return <PanelLoading what="the segments" />
  if (load.status === "error") return <PanelError what="the segments" error={load.error} />
  const totals = load.data
  const customers = totals.reduce((sum, t) => sum + t.customers, 0)
  if (customers === 0) return <PanelEmpty title="No customer is scored yet." />
  return (
    <Table data-testid="ml-segments-table">
      <Table.Header>
        <Table.Row>
          <Table.HeaderCell>Segment</Table.HeaderCell>
          <Table.HeaderCell className="text-right">Customers</Table.HeaderCell>
          <Table.HeaderCell className="text-right">Predicted CLV</Table.HeaderCell>
          <Table.HeaderCell className="text-right">Value at risk</Table.HeaderCell>
          <Table.HeaderCell className="text-right">Mean churn risk</Table.HeaderCell>
          <Table.HeaderCell>Action</Table.HeaderCell>
        </Table.Row>
      </Table.Header>
      <Table.Body>
        {totals.map((t) => {
          const info = segmentInfo(t.segment)
          return (
            <Table.Row key={t.segment} data-testid="ml-segment-row" data-segment={t.segment}>
              <Table.Cell>
                <div className="flex flex-col py-2">
                  <Link to={`/ml-insights?tab=churn&segment=${t.segment}`} className="text-ui-fg-interactive hover:text-ui-fg-interactive-hover">
                    {info.label}
                  </Link>
                  <Text size="xsmall" className="text-ui-fg-muted whitespace-normal">
                    {info.description}
                  </Text>
                </div>
              </Table.Cell>
              <Table.Cell className="text-right tabular-nums" data-testid="ml-segment-customers">
                {t.customers} ({percent(t.customers / customers)})
              </Table.Cell>
              <Table.Cell className="text-right tabular-nums">{money(t.totalClv, currency)}</Table.Cell>
              <Table.Cell className="text-right tabular-nums">{money(t.valueAtRisk, currency)}</Table.Cell>
              <Table.Cell className="text-right tabular-nums">{percent(t.meanChurnRisk)}</Table.Cell>
              <Table.Cell>{info.action && <Badge size="2xsmall" color="blue">{info.action}</Badge>}</Table.Cell>
            </Table.Row>
          )
        })}
      </Table.Body>
    </Table>
  )
}

export function SegmentsTab() {
  const state = useApi<ChurnList>(apiPath("/admin/ml/customers", { limit: 1 }))
  return (
    <LoadView state={state} what="the segments">
      {(list) =>
        list.model_version_id === null ? (
          <PanelEmpty title="No model yet">
            <ReadinessNote />
          </PanelEmpty>
        ) : (
          <SegmentTable modelVersionId={list.model_version_id} />
        )
      }
    </LoadView>
  )
}
