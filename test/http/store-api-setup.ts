/**
 * What the store API tests need besides the seeded store: more products, publishable
 * keys linked to sales channels, a cart made through the store API, and customers
 * signed in through Medusa's own emailpass login.
 */
import type { MedusaContainer } from "@medusajs/framework/types"
import { Modules } from "@medusajs/framework/utils"
import { createApiKeysWorkflow, linkSalesChannelsToApiKeyWorkflow } from "@medusajs/medusa/core-flows"
import jwt from "jsonwebtoken"

/** The axios-like client of medusaIntegrationTestRunner, as far as these helpers use it. */
export interface TestApi {
  post(url: string, body?: unknown, config?: { headers?: Record<string, string> }): Promise<{ status: number; data: any; headers: Record<string, any> }>
}

export const PUBLISHABLE_KEY_HEADER = "x-publishable-api-key"

/** Creates a publishable key linked to the sales channels; returns its token. */
export async function createPublishableKey(container: MedusaContainer, title: string, salesChannelIds: string[]): Promise<string> {
  const { result } = await createApiKeysWorkflow(container).run({
    input: { api_keys: [{ title, type: "publishable", created_by: "" }] },
  })
  const key = result[0]
  if (salesChannelIds.length > 0) {
    await linkSalesChannelsToApiKeyWorkflow(container).run({ input: { id: key.id, add: salesChannelIds } })
  }
  return key.token
}

/**
 * Gives an existing customer an emailpass login (register, then link the identity to
 * the customer as Medusa's account workflow does) and signs in; returns the bearer token.
 */
export async function signInCustomer(api: TestApi, container: MedusaContainer, customerId: string, email: string): Promise<string> {
  const password = `secret-${customerId}`
  const registered = await api.post("/auth/customer/emailpass/register", { email, password })
  const identityId = (jwt.decode(registered.data.token) as { auth_identity_id: string }).auth_identity_id
  await container.resolve(Modules.AUTH).updateAuthIdentities({ id: identityId, app_metadata: { customer_id: customerId } })
  const login = await api.post("/auth/customer/emailpass", { email, password })
  const token = login.data.token as string
  if ((jwt.decode(token) as { actor_id?: string }).actor_id !== customerId) throw new Error(`the login of ${email} is not customer ${customerId}`)
  return token
}

/** A session cookie for a bearer token, through Medusa's POST /auth/session. */
export async function sessionCookie(api: TestApi, token: string): Promise<string> {
  const response = await api.post("/auth/session", {}, { headers: { authorization: `Bearer ${token}` } })
  const cookies = ([] as string[]).concat(response.headers["set-cookie"] ?? [])
  if (cookies.length === 0) throw new Error("POST /auth/session set no cookie")
  return cookies.map((cookie) => cookie.split(";")[0]).join("; ")
}

/** Creates a cart through the store API with one of each variant; returns its id. */
export async function createStoreCart(api: TestApi, publishableKey: string, regionId: string, variantIds: string[]): Promise<string> {
  const response = await api.post(
    "/store/carts",
    { region_id: regionId, items: variantIds.map((variant_id) => ({ variant_id, quantity: 1 })) },
    { headers: { [PUBLISHABLE_KEY_HEADER]: publishableKey } }
  )
  return response.data.cart.id as string
}
