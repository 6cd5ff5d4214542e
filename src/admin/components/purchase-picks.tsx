/**
 * "Goes with their recent purchases" on the customer page: the bought-together lists
 * of the products in the customer's three latest orders, merged (see lib/purchase-picks).
 */
import { Text } from "@medusajs/ui"
import { useEffect, useState } from "react"
import { apiPath, getJson } from "../lib/api"
import { mergePicks, recentProductIds } from "../lib/purchase-picks"
import type { ProductRecommendation, ProductRecommendations } from "../lib/types"
import { asApiError, type Load } from "../lib/use-api"
import { PanelError } from "./panel-state"
import { RecommendationList } from "./recommendation-list"

interface OrdersPage {
  orders: { id: string; items?: { product_id?: string | null }[] | null }[]
}

async function readPicks(customerId: string, signal: AbortSignal): Promise<ProductRecommendation[]> {
  const path = apiPath("/admin/orders", { customer_id: customerId, fields: "id,created_at,items.product_id", order: "-created_at", limit: 3 })
  const { orders } = await getJson<OrdersPage>(path, signal)
  const boughtIds = recentProductIds(orders, 10)
  const lists = await Promise.all(
    boughtIds.map((id) => getJson<ProductRecommendations>(`/admin/ml/products/${encodeURIComponent(id)}/recommendations`, signal))
  )
  return mergePicks(lists.map((l) => l.bought_together), new Set(boughtIds), 5)
}

export function PurchasePicks({ customerId }: { customerId: string }) {
  const [load, setLoad] = useState<Load<ProductRecommendation[]>>({ status: "loading" })
  useEffect(() => {
    const controller = new AbortController()
    setLoad({ status: "loading" })
    readPicks(customerId, controller.signal).then(
      (data) => !controller.signal.aborted && setLoad({ status: "ready", data }),
      (error) => !controller.signal.aborted && setLoad({ status: "error", error: asApiError(error) })
    )
    return () => controller.abort()
  }, [customerId])

  if (load.status === "loading") return <Text size="small" className="text-ui-fg-muted">Loading products…</Text>
  if (load.status === "error") return <PanelError what="the products for this customer" error={load.error} />
  if (load.data.length === 0) {
    return (
      <Text size="small" className="text-ui-fg-muted" data-testid="ml-picks-empty">
        No product goes with their recent purchases yet.
      </Text>
    )
  }
  return <RecommendationList items={load.data} testId="ml-customer-picks" />
}
