import type { SubscriberArgs, SubscriberConfig } from "@medusajs/framework"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { customersOfOrders, eventIds, withoutThrowing } from "../medusa/events"
import { ML_MODULE, type MlModuleService } from "../modules/ml"

/** A canceled or changed order (a return, an edit): its customer's scores are corrected. */
export default async function onOrderChanged({ event, container }: SubscriberArgs<unknown>): Promise<void> {
  const logger = container.resolve(ContainerRegistrationKeys.LOGGER)
  await withoutThrowing(logger, event.name, async () => {
    const ml = container.resolve<MlModuleService>(ML_MODULE)
    await ml.jobs.requestRescore(await customersOfOrders(container.resolve(ContainerRegistrationKeys.QUERY), eventIds(event.data)))
  })
}

export const config: SubscriberConfig = { event: ["order.canceled", "order.updated"] }
