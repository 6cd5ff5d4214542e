/**
 * Customers and orders through Medusa's workflows, and the order module for what
 * needs a warehouse in a real store (registering a fulfillment, receiving a return).
 */
import type { MedusaContainer } from "@medusajs/framework/types"
import { Modules } from "@medusajs/framework/utils"
import { cancelOrderWorkflow, createCustomersWorkflow, createOrderWorkflow } from "@medusajs/medusa/core-flows"

export interface CustomerSeed {
  email: string
  first_name: string
  last_name: string
}

/** Creates the customers; returns their ids by the keys of `customers`. */
export async function createCustomers<K extends string>(container: MedusaContainer, customers: Record<K, CustomerSeed>): Promise<Record<K, string>> {
  const seeds = Object.entries(customers) as Array<[K, CustomerSeed]>
  const { result } = await createCustomersWorkflow(container).run({ input: { customersData: seeds.map(([, seed]) => seed) } })
  const ids = {} as Record<K, string>
  for (const [key, seed] of seeds) {
    const customer = result.find((c) => c.email === seed.email)
    if (!customer) throw new Error(`customer ${seed.email} was not created`)
    ids[key] = customer.id
  }
  return ids
}

export interface OrderItemSeed {
  variantId: string
  title: string
  quantity: number
  /** In the order's currency. */
  unitPrice: number
}

export interface OrderSeed {
  customerId: string
  regionId: string
  salesChannelId: string
  /** ISO 3166-1 alpha-2, lower case; also the shipping address's country. */
  country: string
  items: OrderItemSeed[]
}

export interface SeededOrder {
  orderId: string
  /** Line item ids, in the order of the seed's items. */
  itemIds: string[]
}

/** Places an order (createOrderWorkflow) in the region's currency, at the given prices. */
export async function placeOrder(container: MedusaContainer, seed: OrderSeed): Promise<SeededOrder> {
  const { result } = await createOrderWorkflow(container).run({
    input: {
      region_id: seed.regionId,
      customer_id: seed.customerId,
      sales_channel_id: seed.salesChannelId,
      status: "pending",
      shipping_address: { first_name: "Test", last_name: "Buyer", address_1: "1 Main St", city: "Town", country_code: seed.country, postal_code: "1000" },
      items: seed.items.map((i) => ({ variant_id: i.variantId, title: i.title, quantity: i.quantity, unit_price: i.unitPrice, is_tax_inclusive: false })),
    },
  })
  return { orderId: result.id, itemIds: matchItems(result.items ?? [], seed.items) }
}

/**
 * An order without a customer, as an import or a channel integration may leave one;
 * created through the order module, since the order workflow always finds or makes a customer.
 */
export async function createOrderWithoutCustomer(container: MedusaContainer, currency: string, items: OrderItemSeed[]): Promise<SeededOrder> {
  const orderModule = container.resolve(Modules.ORDER)
  const order = await orderModule.createOrders({
    currency_code: currency,
    status: "pending",
    items: items.map((i) => ({ variant_id: i.variantId, title: i.title, quantity: i.quantity, unit_price: i.unitPrice })),
  })
  return { orderId: order.id, itemIds: matchItems(order.items ?? [], items) }
}

/** Cancels an order through cancelOrderWorkflow. */
export async function cancelOrder(container: MedusaContainer, orderId: string): Promise<void> {
  await cancelOrderWorkflow(container).run({ input: { order_id: orderId } })
}

/**
 * Items come back to the store: their units are registered as fulfilled, a return is
 * requested for them and received, through the order module's own order-change actions.
 */
export async function returnItems(container: MedusaContainer, orderId: string, items: Array<{ itemId: string; quantity: number }>): Promise<string> {
  const orderModule = container.resolve(Modules.ORDER)
  const units = items.map((i) => ({ id: i.itemId, quantity: i.quantity }))
  await orderModule.registerFulfillment({ order_id: orderId, items: units })
  const created = await orderModule.createReturn({ order_id: orderId, items: units })
  await orderModule.receiveReturn({ return_id: created.id, items: units })
  return created.id
}

function matchItems(created: Array<{ id: string; variant_id?: string | null; quantity?: unknown }>, seeds: OrderItemSeed[]): string[] {
  const free = created.slice()
  return seeds.map((seed) => {
    const at = free.findIndex((item) => item.variant_id === seed.variantId)
    if (at < 0) throw new Error(`no line item for variant ${seed.variantId}`)
    return free.splice(at, 1)[0].id
  })
}
