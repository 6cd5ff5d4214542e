import type { ConfigModule, LoaderOptions, Logger } from "@medusajs/framework/types"
import { asValue } from "@medusajs/framework/awilix"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import type { PluginOptions } from "../../../config/plugin-options"
import { historyLoader } from "../../../engine/history-source"
import { InlineRunner } from "../../../engine/inline-runner"
import type { JobRunner } from "../../../engine/job-runner"
import { NotEnoughDataError } from "../../../core/errors"
import { attachJobLogging } from "../../../queue/job-logging"
import { JobQueue } from "../../../queue/job-queue"
import { createJobHandlers } from "../../../engine/job-handlers"
import { openMlDataSource } from "../../../store/data-source"
import { MlStore } from "../../../store/ml-store"
import { ML_RUNTIME_KEY, type MlRuntime, type WorkerMode } from "../runtime"
import { pluginOptionsOf, resolveStoreLocation } from "../store-location"
import { storeHistoryReader } from "../store-source"
import { rememberOptions } from "../loaded-options"
import { syncGroupsLogged } from "../customer-groups"

/**
 * Validates the options (an invalid one stops start-up), opens the store and the runner
 * of the plugin's jobs: with a redisUrl the BullMQ queue (a worker is created only in
 * worker or shared mode), without one this process, through the same handlers.
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
  let runner: JobRunner
  // nothing below should fail once the options are valid, but the store must not outlive a failed start
  try {
    const handlers = createJobHandlers({
      store,
      loadHistory: historyLoader(storeHistoryReader(pluginOptions)),
      onScoresChanged: () => syncGroupsLogged({ store, options: pluginOptions }, log),
    })
    jobQueue = openJobQueue(pluginOptions, workerMode, log, handlers)
    runner = jobQueue ?? new InlineRunner(handlers, { onError: (error) => logInlineFailure(log, error) })
  } catch (error) {
    await store.close()
    throw error
  }
  const runtime: MlRuntime = { options: pluginOptions, store, storeDescription: description, jobQueue, runner, workerMode, log }
  container.register(ML_RUNTIME_KEY, asValue(runtime))
}

function openJobQueue(pluginOptions: PluginOptions, workerMode: WorkerMode, log: Logger | Console, handlers: ReturnType<typeof createJobHandlers>): JobQueue | null {
  if (pluginOptions.redisUrl) {
    const jobQueue = new JobQueue({
      redisUrl: pluginOptions.redisUrl,
      prefix: pluginOptions.queuePrefix,
      consume: workerMode !== "server",
      handlers,
      onWorkerError: (error) => log.error(`medusa-ml: job worker error: ${error.message}`),
    })
    if (jobQueue.worker) attachJobLogging(jobQueue.worker, log)
    return jobQueue
  }
  log.warn("medusa-ml: no redisUrl given: jobs run inline in this process. Fine for development; set redisUrl for a live store.")
  return null
}

/** Inline work runs after the caller returns; its failure is logged (a training's run records it too). */
function logInlineFailure(log: Logger | Console, error: unknown): void {
  const message = `medusa-ml: ${error instanceof Error ? error.message : String(error)}`
  // "not enough data" is an expected outcome of a young store, not a fault
  if (error instanceof NotEnoughDataError) log.warn(message)
  else log.error(message)
}
