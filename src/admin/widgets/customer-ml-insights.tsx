/** Customer page: churn risk, purchase probability, value, segment, reasons and products for this customer. */
import { defineWidgetConfig } from "@medusajs/admin-sdk"
import type { DetailWidgetProps, HttpTypes } from "@medusajs/framework/types"
import { Container, Heading, Text } from "@medusajs/ui"
import { CustomerScores } from "../components/customer-scores"
import { PanelErrorBoundary } from "../components/error-boundary"
import { LoadView, PanelEmpty } from "../components/panel-state"
import { ReadinessNote } from "../components/readiness-note"
import type { CustomerInsight } from "../lib/types"
import { useApi } from "../lib/use-api"

function CustomerInsightsBody({ customerId }: { customerId: string }) {
  const state = useApi<CustomerInsight>(`/admin/ml/customers/${encodeURIComponent(customerId)}`)
  return (
    <LoadView state={state} what="the customer's predictions">
      {(insight) =>
        insight.status === "scored" ? (
          <CustomerScores insight={insight} />
        ) : (
          <PanelEmpty title={insight.reason === "no_model" ? "No model yet" : "Not scored yet"}>
            <div className="flex flex-col gap-y-2">
              <Text size="small" data-testid="ml-not-scored-message">
                {insight.message}
              </Text>
              {insight.reason === "no_model" && <ReadinessNote />}
            </div>
          </PanelEmpty>
        )
      }
    </LoadView>
  )
}

function CustomerMlInsightsWidget({ data }: DetailWidgetProps<HttpTypes.AdminCustomer>) {
  return (
    <Container className="divide-y p-0" data-testid="ml-customer-widget">
      <div className="flex items-center justify-between px-6 py-4">
        <Heading level="h2">Churn risk and value</Heading>
      </div>
      <PanelErrorBoundary what="The customer's predictions">
        <CustomerInsightsBody customerId={data.id} />
      </PanelErrorBoundary>
    </Container>
  )
}

export const config = defineWidgetConfig({ zone: "customer.details", id: "medusa-ml:customer-insights" })

export default CustomerMlInsightsWidget
