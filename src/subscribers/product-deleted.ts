import type { SubscriberArgs, SubscriberConfig } from "@medusajs/framework"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { eventIds, withoutThrowing } from "../medusa/events"
import { ML_MODULE, type MlModuleService } from "../modules/ml"

/** A deleted product leaves every recommendation list. */
export default async function onProductDeleted({ event, container }: SubscriberArgs<unknown>): Promise<void> {
  const logger = container.resolve(ContainerRegistrationKeys.LOGGER)
  await withoutThrowing(logger, event.name, () => container.resolve<MlModuleService>(ML_MODULE).jobs.purgeProducts(eventIds(event.data)))
}

export const config: SubscriberConfig = { event: "product.deleted" }
