/**
 * A checkout as a storefront makes it, through the store API: a cart, a line item, a
 * payment collection with a session of the system provider, then POST /complete.
 * Returns what /complete answered and how long that one call took.
 */
export interface StorefrontApi {
  post(url: string, body?: unknown, config?: Record<string, unknown>): Promise<{ status: number; data: any }>
}

export interface Checkout {
  regionId: string
  publishableKey: string
  variantId: string
  email: string
  quantity?: number
}

export interface CompletedCheckout {
  status: number
  /** "order" when the cart became an order. */
  type: string | undefined
  orderId: string | undefined
  body: unknown
  completeMs: number
}

export async function storefrontCheckout(api: StorefrontApi, checkout: Checkout): Promise<CompletedCheckout> {
  const config = { headers: { "x-publishable-api-key": checkout.publishableKey }, validateStatus: () => true }
  const step = async (url: string, body: unknown) => {
    const response = await api.post(url, body, config)
    if (response.status >= 300) throw new Error(`POST ${url} answered ${response.status}: ${JSON.stringify(response.data)}`)
    return response.data
  }
  const { cart } = await step("/store/carts", { region_id: checkout.regionId, email: checkout.email })
  await step(`/store/carts/${cart.id}/line-items`, { variant_id: checkout.variantId, quantity: checkout.quantity ?? 1 })
  const { payment_collection } = await step("/store/payment-collections", { cart_id: cart.id })
  await step(`/store/payment-collections/${payment_collection.id}/payment-sessions`, { provider_id: "pp_system_default" })
  const started = performance.now()
  const completed = await api.post(`/store/carts/${cart.id}/complete`, {}, config)
  const completeMs = performance.now() - started
  return {
    status: completed.status,
    type: completed.data?.type,
    orderId: completed.data?.order?.id,
    body: completed.data,
    completeMs,
  }
}
