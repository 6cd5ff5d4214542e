/**
 * Keeps Medusa customer groups ("At risk", "High value", … as the `customerGroups`
 * option names them) holding exactly the customers of their segments, through Medusa's
 * own workflows, so merchants can aim promotions and price lists at them. Runs after a
 * scoring changed the champion's predictions; off unless the option enables it.
 */
import { createCustomerGroupsWorkflow, linkCustomersToCustomerGroupWorkflow } from "@medusajs/medusa/core-flows"
import { groupMembers, membershipChanges } from "../../core/segments/group-membership"
import { CUSTOMER_SCORES_TASK } from "../../engine/names"
import type { GraphQuery } from "../../medusa"
import { applicationContainer, applicationQuery } from "./application"
import type { MlRuntime } from "./runtime"

const ID_CHUNK = 500

export async function syncCustomerGroups(runtime: Pick<MlRuntime, "store" | "options">): Promise<void> {
  const { enabled, groups } = runtime.options.customerGroups
  if (!enabled) return
  const champion = await runtime.store.champion(CUSTOMER_SCORES_TASK)
  if (!champion) return
  const query = applicationQuery()
  const predictions = await runtime.store.predictionsOf(champion.id)
  // a customer deleted since the scoring cannot join a group
  const existing = await existingCustomers(query, predictions.map((p) => p.customerId))
  const desired = groupMembers(
    predictions.filter((p) => existing.has(p.customerId)),
    groups
  )
  for (const [name, members] of desired) {
    const group = await findOrCreateGroup(query, name)
    const { add, remove } = membershipChanges(group.members, members)
    if (add.length || remove.length) await linkCustomersToCustomerGroupWorkflow(applicationContainer()).run({ input: { id: group.id, add, remove } })
  }
}

async function existingCustomers(query: GraphQuery, ids: string[]): Promise<Set<string>> {
  const found = new Set<string>()
  for (let start = 0; start < ids.length; start += ID_CHUNK) {
    const { data } = await query.graph({ entity: "customer", fields: ["id"], filters: { id: ids.slice(start, start + ID_CHUNK) } })
    for (const customer of data as { id: string }[]) found.add(customer.id)
  }
  return found
}

async function findOrCreateGroup(query: GraphQuery, name: string): Promise<{ id: string; members: Set<string> }> {
  const { data } = await query.graph({ entity: "customer_group", fields: ["id", "customers.id"], filters: { name } })
  const found = (data as { id: string; customers?: { id: string }[] | null }[])[0]
  if (found) return { id: found.id, members: new Set((found.customers ?? []).map((c) => c.id)) }
  const { result } = await createCustomerGroupsWorkflow(applicationContainer()).run({ input: { customersData: [{ name, metadata: { created_by: "medusa-ml" } }] } })
  return { id: result[0].id, members: new Set() }
}

/** The sync as a job's follow-up: a failure is logged; the next scoring syncs again. */
export async function syncGroupsLogged(runtime: Pick<MlRuntime, "store" | "options">, log: { warn(message: string): void }): Promise<void> {
  try {
    await syncCustomerGroups(runtime)
  } catch (error) {
    log.warn(`medusa-ml: customer groups not synced: ${error instanceof Error ? error.message : String(error)}`)
  }
}
