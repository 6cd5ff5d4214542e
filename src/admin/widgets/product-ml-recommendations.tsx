/** Product page: the product's "bought together" and "similar" lists with their scores. */
import { defineWidgetConfig } from "@medusajs/admin-sdk"
import type { DetailWidgetProps, HttpTypes } from "@medusajs/framework/types"
import { Container, Heading, Text } from "@medusajs/ui"
import { PanelErrorBoundary } from "../components/error-boundary"
import { LoadView, PanelEmpty } from "../components/panel-state"
import { ReadinessNote } from "../components/readiness-note"
import { RecommendationList } from "../components/recommendation-list"
import type { ProductRecommendation, ProductRecommendations } from "../lib/types"
import { useApi } from "../lib/use-api"

function ListSection({ title, hint, items, testId }: { title: string; hint: string; items: ProductRecommendation[]; testId: string }) {
  return (
    <div className="px-6 py-4">
      <Heading level="h3">{title}</Heading>
      <Text size="xsmall" className="text-ui-fg-muted mb-2">
        {hint}
      </Text>
      {items.length === 0 ? (
        <Text size="small" className="text-ui-fg-muted" data-testid={`${testId}-empty`}>
          No product in this list yet: the product has too few orders shared with others.
        </Text>
      ) : (
        <RecommendationList items={items} testId={testId} />
      )}
    </div>
  )
}

function RecommendationsBody({ productId }: { productId: string }) {
  const state = useApi<ProductRecommendations>(`/admin/ml/products/${encodeURIComponent(productId)}/recommendations`)
  return (
    <LoadView state={state} what="the product's recommendations">
      {(recs) =>
        recs.model_version_id === null ? (
          <PanelEmpty title="No model yet">
            <ReadinessNote />
          </PanelEmpty>
        ) : (
          <>
            <ListSection title="Frequently bought together" hint="Bought in the same orders (score: normalised co-occurrence)." items={recs.bought_together} testId="ml-bought-together" />
            <ListSection title="Similar products" hint="Bought by the same customers (score: normalised co-occurrence)." items={recs.similar} testId="ml-similar" />
          </>
        )
      }
    </LoadView>
  )
}

function ProductMlRecommendationsWidget({ data }: DetailWidgetProps<HttpTypes.AdminProduct>) {
  return (
    <Container className="divide-y p-0" data-testid="ml-product-widget">
      <div className="px-6 py-4">
        <Heading level="h2">Recommendations</Heading>
        <Text size="small" className="text-ui-fg-subtle">
          The stored lists, best first; a storefront shows only the products its sales channel sells
        </Text>
      </div>
      <PanelErrorBoundary what="The product's recommendations">
        <RecommendationsBody productId={data.id} />
      </PanelErrorBoundary>
    </Container>
  )
}

export const config = defineWidgetConfig({ zone: "product.details", id: "medusa-ml:product-recommendations" })

export default ProductMlRecommendationsWidget
