import type { SubscriberArgs, SubscriberConfig } from "@medusajs/framework"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { eventIds, withoutThrowing } from "../medusa/events"
import { ML_MODULE, type MlModuleService } from "../modules/ml"

/** A deleted customer: their predictions and lists are deleted too. */
export default async function onCustomerDeleted({ event, container }: SubscriberArgs<unknown>): Promise<void> {
  const logger = container.resolve(ContainerRegistrationKeys.LOGGER)
  await withoutThrowing(logger, event.name, () => container.resolve<MlModuleService>(ML_MODULE).jobs.purgeCustomers(eventIds(event.data)))
}

export const config: SubscriberConfig = { event: "customer.deleted" }
