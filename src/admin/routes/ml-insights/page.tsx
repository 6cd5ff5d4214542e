/** The Insights page (sidebar entry): tabs Churn risk, Segments and Models, the tab kept in the URL. */
import { defineRouteConfig } from "@medusajs/admin-sdk"
import { LightBulb } from "@medusajs/icons"
import { Container, Heading, Tabs, Text } from "@medusajs/ui"
import { useSearchParams } from "react-router-dom"
import { PanelErrorBoundary } from "../../components/error-boundary"
import { ChurnTab } from "../../components/insights/churn-tab"
import { ModelsTab } from "../../components/insights/models-tab"
import { SegmentsTab } from "../../components/insights/segments-tab"

const TABS = [
  { value: "churn", label: "Churn risk", Body: ChurnTab },
  { value: "segments", label: "Segments", Body: SegmentsTab },
  { value: "models", label: "Models", Body: ModelsTab },
] as const

function MlInsightsPage() {
  const [params, setParams] = useSearchParams()
  const requested = params.get("tab")
  const tab = TABS.some((t) => t.value === requested) ? (requested as string) : "churn"
  return (
    <Container className="p-0" data-testid="ml-insights-page">
      <div className="px-6 py-4">
        <Heading level="h1">ML Insights</Heading>
        <Text size="small" className="text-ui-fg-subtle">
          Who is about to leave and why, what each segment is worth, and how far the models can be trusted.
        </Text>
      </div>
      <Tabs value={tab} onValueChange={(value) => setParams(new URLSearchParams({ tab: value }))}>
        <Tabs.List className="px-6">
          {TABS.map((t) => (
            <Tabs.Trigger key={t.value} value={t.value} data-testid={`ml-tab-${t.value}`}>
              {t.label}
            </Tabs.Trigger>
          ))}
        </Tabs.List>
        {TABS.map(({ value, label, Body }) => (
          <Tabs.Content key={value} value={value} className="border-t mt-2">
            <PanelErrorBoundary what={label}>
              <Body />
            </PanelErrorBoundary>
          </Tabs.Content>
        ))}
      </Tabs>
    </Container>
  )
}

export const config = defineRouteConfig({ label: "ML Insights", icon: LightBulb })

export default MlInsightsPage
