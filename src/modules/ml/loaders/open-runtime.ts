import type { ConfigModule, LoaderOptions, Logger } from "@medusajs/framework/types"
import { asValue } from "@medusajs/framework/awilix"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import type { PluginOptions } from "../../../config/plugin-options"
import { historyLoader } from "../../../engine/history-source"
import { attachJobLogging } from "../../../queue/job-logging"
import { JobQueue } from "../../../queue/job-queue"
import { createJobHandlers } from "../../../queue/processors"
import { openMlDataSource } from "../../../store/data-source"
import { MlStore } from "../../../store/ml-store"
import { ML_RUNTIME_KEY, type MlRuntime, type WorkerMode } from "../runtime"
import { pluginOptionsOf, resolveStoreLocation } from "../store-location"
import { storeHistoryReader } from "../store-source"
import { rememberOptions } from "../loaded-options"
import { syncGroupsLogged } from "../customer-groups"

/**
 * Validates the options (an invalid one stops start-up), opens the store and, with
 * a redisUrl, the job queue; a worker is created only in worker or shared mode.
 */
export default async function openRuntime(
  { container, options, logger }: LoaderOptions<Record<string, unknown>>,
  moduleDeclaration?: { worker_mode?: WorkerMode }
): Promise<void> {
  const log: Logger | Console = logger ?? console
  const pluginOptions = pluginOptionsOf(options)
  rememberOptions(pluginOptions)
  const config = container.resolve<ConfigModule>(ContainerRegistrationKeys.CONFIG_MODULE)
  const { location, description } = resolveStoreLocation(pluginOptions, {
    url: config.projectConfig.databaseUrl,
    schema: config.projectConfig.databaseSchema,
  })
  const store = new MlStore(await openMlDataSource(location, { migrate: false }))
  const workerMode: WorkerMode = moduleDeclaration?.worker_mode ?? "shared"
  let jobQueue: JobQueue | null = null
  // nothing below should fail once the options are valid, but the store must not outlive a failed start
  try {
    jobQueue = openJobQueue(pluginOptions, workerMode, log, store)
  } catch (error) {
    await store.close()
    throw error
  }
  const runtime: MlRuntime = { options: pluginOptions, store, storeDescription: description, jobQueue, workerMode, log }
  container.register(ML_RUNTIME_KEY, asValue(runtime))
}

function openJobQueue(pluginOptions: PluginOptions, workerMode: WorkerMode, log: Logger | Console, store: MlStore): JobQueue | null {
  if (pluginOptions.redisUrl) {
    const jobQueue = new JobQueue({
      redisUrl: pluginOptions.redisUrl,
      prefix: pluginOptions.queuePrefix,
      consume: workerMode !== "server",
      handlers: createJobHandlers({
        store,
        loadHistory: historyLoader(storeHistoryReader(pluginOptions)),
        onScoresChanged: () => syncGroupsLogged({ store, options: pluginOptions }, log),
      }),
      onWorkerError: (error) => log.error(`medusa-ml: job worker error: ${error.message}`),
    })
    if (jobQueue.worker) attachJobLogging(jobQueue.worker, log)
    return jobQueue
  }
  log.warn("medusa-ml: no redisUrl given: jobs run inline in this process. Fine for development; set redisUrl for a live store.")
  return null
}
