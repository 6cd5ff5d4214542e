import type { SubscriberArgs, SubscriberConfig } from "@medusajs/framework"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { customersOfOrders, eventIds, withoutThrowing } from "../medusa/events"
import { ML_MODULE, type MlModuleService } from "../modules/ml"

/** A new order: rescore its customer soon, and ask for a (debounced) retrain. */
export default async function onOrderPlaced({ event, container }: SubscriberArgs<unknown>): Promise<void> {
  const logger = container.resolve(ContainerRegistrationKeys.LOGGER)
  await withoutThrowing(logger, event.name, async () => {
    const ml = container.resolve<MlModuleService>(ML_MODULE)
    const customers = await customersOfOrders(container.resolve(ContainerRegistrationKeys.QUERY), eventIds(event.data))
    await ml.jobs.requestRescore(customers)
    await ml.jobs.requestTraining("event")
  })
}

export const config: SubscriberConfig = { event: "order.placed" }
