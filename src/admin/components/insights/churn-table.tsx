/** One page of the churn list: sortable by churn risk, purchase probability and CLV; each customer links to their page. */
import { ChevronDownMini, ChevronUpMini } from "@medusajs/icons"
import { Badge, Table, Text } from "@medusajs/ui"
import { Link } from "react-router-dom"
import { CHURN_PAGE_SIZE, type ChurnQuery, type ChurnSort } from "../../lib/churn-query"
import { customerName, money, percent } from "../../lib/format"
import { segmentInfo } from "../../lib/segments"
import type { ChurnList } from "../../lib/types"
import { RiskBadge } from "../risk-badge"

function SortHeader({ column, label, query, onSort }: { column: ChurnSort; label: string; query: ChurnQuery; onSort: (c: ChurnSort) => void }) {
  const active = query.sort === column
  return (
    <Table.HeaderCell className="text-right" aria-sort={active ? (query.order === "asc" ? "ascending" : "descending") : "none"}>
      <button type="button" className="inline-flex items-center gap-x-1" onClick={() => onSort(column)} data-testid={`ml-sort-${column}`}>
        {label}
        {active && (query.order === "asc" ? <ChevronUpMini /> : <ChevronDownMini />)}
      </button>
    </Table.HeaderCell>
  )
}

export function ChurnTable(props: {
  list: ChurnList
  query: ChurnQuery
  currency: string | null
  onSort: (column: ChurnSort) => void
  onPage: (page: number) => void
}) {
  const { list, query, currency, onSort, onPage } = props
  const pageCount = Math.max(1, Math.ceil(list.count / CHURN_PAGE_SIZE))
  return (
    <>
      <Table data-testid="ml-churn-table">
        <Table.Header>
          <Table.Row>
            <Table.HeaderCell>Customer</Table.HeaderCell>
            <Table.HeaderCell>Segment</Table.HeaderCell>
            <SortHeader column="churn_risk" label="Churn risk" query={query} onSort={onSort} />
            <SortHeader column="purchase_probability" label="Purchase probability" query={query} onSort={onSort} />
            <SortHeader column="clv" label="Predicted CLV" query={query} onSort={onSort} />
            <SortHeader column="value_at_risk" label="Value at risk" query={query} onSort={onSort} />
            <Table.HeaderCell>Top reason</Table.HeaderCell>
          </Table.Row>
        </Table.Header>
        <Table.Body>
          {list.customers.map((row) => (
            <Table.Row key={row.customer_id} data-testid="ml-churn-row" data-customer-id={row.customer_id}>
              <Table.Cell>
                <Link to={`/customers/${row.customer_id}`} className="text-ui-fg-interactive hover:text-ui-fg-interactive-hover">
                  {customerName(row, row.customer_id)}
                </Link>
              </Table.Cell>
              <Table.Cell>
                <Badge size="2xsmall">{segmentInfo(row.segment).label}</Badge>
              </Table.Cell>
              <Table.Cell className="text-right" data-testid="ml-cell-churn-risk" data-value={row.churn_risk}>
                <RiskBadge band={row.risk_band} churnRisk={row.churn_risk} />
              </Table.Cell>
              <Table.Cell className="text-right tabular-nums" data-testid="ml-cell-purchase-probability" data-value={row.purchase_probability}>
                {percent(row.purchase_probability)}
              </Table.Cell>
              <Table.Cell className="text-right tabular-nums" data-testid="ml-cell-clv" data-value={row.predicted_clv}>
                {money(row.predicted_clv, currency)}
              </Table.Cell>
              <Table.Cell className="text-right tabular-nums" data-testid="ml-cell-value-at-risk" data-value={row.churn_risk * row.predicted_clv}>
                {money(row.churn_risk * row.predicted_clv, currency)}
              </Table.Cell>
              <Table.Cell className="max-w-xs">
                <Text size="small" className="truncate" title={row.reasons.map((r) => r.text).join("; ")}>
                  {row.reasons[0]?.text ?? "–"}
                </Text>
              </Table.Cell>
            </Table.Row>
          ))}
        </Table.Body>
      </Table>
      <Table.Pagination
        count={list.count}
        pageSize={CHURN_PAGE_SIZE}
        pageIndex={query.page}
        pageCount={pageCount}
        canPreviousPage={query.page > 0}
        canNextPage={query.page + 1 < pageCount}
        previousPage={() => onPage(query.page - 1)}
        nextPage={() => onPage(query.page + 1)}
      />
    </>
  )
}
