/**
 * "Recommended for this customer" on the customer page: the list the recommendations
 * model stored for the customer; when it holds none, the products that go with their
 * recent purchases instead (see purchase-picks).
 */
import { Heading } from "@medusajs/ui"
import type { CustomerRecommendations } from "../lib/types"
import { useApi } from "../lib/use-api"
import { LoadView } from "./panel-state"
import { PurchasePicks } from "./purchase-picks"
import { RecommendationList } from "./recommendation-list"

export function CustomerPicks({ customerId }: { customerId: string }) {
  const state = useApi<CustomerRecommendations>(`/admin/ml/customers/${encodeURIComponent(customerId)}/recommendations`)
  return (
    <LoadView state={state} what="the products recommended for this customer">
      {({ recommendations }) =>
        recommendations.length > 0 ? (
          <>
            <Heading level="h3" className="mb-2">
              Recommended for this customer
            </Heading>
            <RecommendationList items={recommendations} testId="ml-customer-recommendations" />
          </>
        ) : (
          <>
            <Heading level="h3" className="mb-2">
              Goes with their recent purchases
            </Heading>
            <PurchasePicks customerId={customerId} />
          </>
        )
      }
    </LoadView>
  )
}
