/**
 * The one place the module reaches Medusa's application container. Medusa passes a
 * module only its own container (config, logger, database connection, event bus), and
 * the module's jobs need the application's Query and workflows: the store's orders,
 * products and customer groups. They are resolved here, when a job runs, once the
 * application has loaded; everything else in the module works with what the loader
 * and the service are given.
 */
import { container } from "@medusajs/framework"
import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import type { GraphQuery } from "../../medusa"

/** The application's container, for running Medusa's workflows. */
export function applicationContainer(): MedusaContainer {
  return container
}

/** The application's Query; throws a clear error if the app is not loaded yet. */
export function applicationQuery(): GraphQuery {
  try {
    return container.resolve<GraphQuery>(ContainerRegistrationKeys.QUERY)
  } catch {
    throw new Error("medusa-ml: Medusa's Query is not available yet (the application has not finished loading)")
  }
}
