import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { ML_MODULE, type MlModuleService } from "../modules/ml"
import { TrainingInProgressError } from "../modules/ml/job-launcher"
import { loadedOptions } from "../modules/ml/loaded-options"

/**
 * The nightly retrain, at the plugin's `retrainCron`: reads the store's whole history
 * (on first install, this is the backfill), trains, and promotes what beats the champion.
 */
export default async function nightlyRetrain(container: MedusaContainer): Promise<void> {
  const logger = container.resolve(ContainerRegistrationKeys.LOGGER)
  try {
    const { runId } = await container.resolve<MlModuleService>(ML_MODULE).jobs.requestTraining("schedule")
    logger.info(`medusa-ml: nightly retrain started (run ${runId})`)
  } catch (error) {
    if (error instanceof TrainingInProgressError) logger.info(`medusa-ml: nightly retrain skipped: ${error.message}`)
    else logger.warn(`medusa-ml: nightly retrain could not start: ${error instanceof Error ? error.message : String(error)}`)
  }
}

export const config = {
  name: "medusa-ml-nightly-retrain",
  /** Read when Medusa loads this file, after the plugin's module has validated the options. */
  get schedule(): string {
    return loadedOptions().retrainCron
  },
}
