/** Above the customer list: the customers with the most value at risk (churn risk × predicted CLV). */
import { defineWidgetConfig } from "@medusajs/admin-sdk"
import { Container, Heading, Table, Text } from "@medusajs/ui"
import { Link } from "react-router-dom"
import { PanelErrorBoundary } from "../components/error-boundary"
import { LoadView, PanelEmpty } from "../components/panel-state"
import { ReadinessNote } from "../components/readiness-note"
import { RiskBadge } from "../components/risk-badge"
import { apiPath } from "../lib/api"
import { customerName, money } from "../lib/format"
import { useModelContext } from "../lib/model-context"
import type { ChurnList } from "../lib/types"
import { useApi } from "../lib/use-api"

const SHOWN = 5

function AtRiskTable({ list }: { list: ChurnList }) {
  const context = useModelContext(list.model_version_id)
  return (
    <Table data-testid="ml-at-risk-table">
      <Table.Header>
        <Table.Row>
          <Table.HeaderCell>Customer</Table.HeaderCell>
          <Table.HeaderCell>Churn risk</Table.HeaderCell>
          <Table.HeaderCell className="text-right">Predicted CLV</Table.HeaderCell>
          <Table.HeaderCell className="text-right">Value at risk</Table.HeaderCell>
        </Table.Row>
      </Table.Header>
      <Table.Body>
        {list.customers.map((row) => (
          <Table.Row key={row.customer_id} data-testid="ml-at-risk-row">
            <Table.Cell>
              <Link to={`/customers/${row.customer_id}`} className="text-ui-fg-interactive hover:text-ui-fg-interactive-hover">
                {customerName(row, row.customer_id)}
              </Link>
            </Table.Cell>
            <Table.Cell>
              <RiskBadge band={row.risk_band} churnRisk={row.churn_risk} />
            </Table.Cell>
            <Table.Cell className="text-right tabular-nums">{money(row.predicted_clv, context.currency)}</Table.Cell>
            <Table.Cell className="text-right tabular-nums">{money(row.churn_risk * row.predicted_clv, context.currency)}</Table.Cell>
          </Table.Row>
        ))}
      </Table.Body>
    </Table>
  )
}

function AtRiskBody() {
  const state = useApi<ChurnList>(apiPath("/admin/ml/customers", { sort: "value_at_risk", order: "desc", limit: SHOWN }))
  return (
    <LoadView state={state} what="the customers at risk">
      {(list) =>
        list.model_version_id === null ? (
          <PanelEmpty title="No model yet">
            <ReadinessNote />
          </PanelEmpty>
        ) : list.customers.length === 0 ? (
          <PanelEmpty title="No customer is scored yet">Customers are scored from their first order on.</PanelEmpty>
        ) : (
          <AtRiskTable list={list} />
        )
      }
    </LoadView>
  )
}

function CustomerListAtRiskWidget() {
  return (
    <Container className="divide-y p-0" data-testid="ml-at-risk-widget">
      <div className="flex items-center justify-between px-6 py-4">
        <div>
          <Heading level="h2">Most value at risk</Heading>
          <Text size="small" className="text-ui-fg-subtle">
            Churn risk × predicted lifetime value
          </Text>
        </div>
        <Link to="/ml-insights" className="txt-compact-small-plus text-ui-fg-interactive hover:text-ui-fg-interactive-hover">
          Open the churn list
        </Link>
      </div>
      <PanelErrorBoundary what="The customers at risk">
        <AtRiskBody />
      </PanelErrorBoundary>
    </Container>
  )
}

export const config = defineWidgetConfig({ zone: "customer.list", id: "medusa-ml:customers-at-risk" })

export default CustomerListAtRiskWidget
