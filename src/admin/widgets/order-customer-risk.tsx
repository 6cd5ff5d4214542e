/** Order page side column: the order's customer's churn risk and segment at a glance. */
import { defineWidgetConfig } from "@medusajs/admin-sdk"
import type { DetailWidgetProps, HttpTypes } from "@medusajs/framework/types"
import { Badge, Container, Heading, Text } from "@medusajs/ui"
import { Link } from "react-router-dom"
import { PanelErrorBoundary } from "../components/error-boundary"
import { LoadView, PanelEmpty } from "../components/panel-state"
import { RiskBadge } from "../components/risk-badge"
import type { CustomerInsight } from "../lib/types"
import { useApi } from "../lib/use-api"

function OrderCustomerRiskBody({ customerId }: { customerId: string }) {
  const state = useApi<CustomerInsight>(`/admin/ml/customers/${encodeURIComponent(customerId)}`)
  return (
    <LoadView state={state} what="the customer's churn risk">
      {(insight) =>
        insight.status === "scored" ? (
          <div className="flex flex-col gap-y-2 px-6 py-4">
            <div className="flex items-center justify-between">
              <Text size="small" className="text-ui-fg-subtle">
                Churn risk
              </Text>
              <RiskBadge band={insight.prediction.risk_band} churnRisk={insight.prediction.churn_risk} />
            </div>
            <div className="flex items-center justify-between" data-testid="ml-order-segment">
              <Text size="small" className="text-ui-fg-subtle">
                Segment
              </Text>
              <div className="flex items-center gap-x-1">
                <Text size="small" weight="plus">
                  {insight.segment?.label ?? insight.prediction.segment}
                </Text>
                {insight.segment?.action && (
                  <Badge size="2xsmall" color="blue">
                    {insight.segment.action}
                  </Badge>
                )}
              </div>
            </div>
            <Link to={`/customers/${customerId}`} className="txt-compact-small text-ui-fg-interactive hover:text-ui-fg-interactive-hover">
              Why, and what they are worth
            </Link>
          </div>
        ) : (
          <PanelEmpty title={insight.reason === "no_model" ? "No model yet" : "Not scored yet"}>{insight.message}</PanelEmpty>
        )
      }
    </LoadView>
  )
}

function OrderCustomerRiskWidget({ data }: DetailWidgetProps<HttpTypes.AdminOrder>) {
  return (
    <Container className="divide-y p-0" data-testid="ml-order-widget">
      <div className="px-6 py-4">
        <Heading level="h2">Customer outlook</Heading>
      </div>
      <PanelErrorBoundary what="The customer's churn risk">
        {data.customer_id ? (
          <OrderCustomerRiskBody customerId={data.customer_id} />
        ) : (
          <PanelEmpty title="No customer">This order has no customer account, so there is no score to show.</PanelEmpty>
        )}
      </PanelErrorBoundary>
    </Container>
  )
}

export const config = defineWidgetConfig({ zone: "order.details.side", id: "medusa-ml:order-customer-risk" })

export default OrderCustomerRiskWidget
