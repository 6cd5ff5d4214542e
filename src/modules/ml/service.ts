import type { MlStatus as MlStatusJson } from "../../api/admin/ml/response-types"
import type { ModelVersion } from "../../models"
import { redactUrl } from "../../config/redact"
import { JobLauncher } from "./job-launcher"
import { MlReads } from "./reads"
import { ReadinessChecks, type ReadinessAnswer } from "./readiness-checks"

export type { ReadinessAnswer }
import { ML_RUNTIME_KEY, type MlRuntime } from "./runtime"

/** GET /admin/ml/status's answer (the shape the admin reads), with the champion models. */
export interface MlStatus extends MlStatusJson {
  models: Pick<ModelVersion, "id" | "task" | "learner" | "metrics" | "createdAt" | "promotedAt">[]
}

/** The medusa-ml module: owns the plugin's store and queue for the life of the process. */
export default class MlModuleService {
  private readonly runtime: MlRuntime
  /** Starts trainings, rescoring and purges: on the queue, or inline without Redis. */
  readonly jobs: JobLauncher
  /** What the routes read: champions, churn list, a customer's or product's outputs, lists, registry, runs. */
  readonly reads: MlReads
  private readonly readinessChecks: ReadinessChecks

  constructor(cradle: { [ML_RUNTIME_KEY]: MlRuntime }) {
    this.runtime = cradle[ML_RUNTIME_KEY]
    this.jobs = new JobLauncher(this.runtime)
    this.reads = new MlReads(() => this.runtime.store)
    this.readinessChecks = new ReadinessChecks(this.runtime, this.jobs)
  }

  readonly __hooks = {
    onApplicationStart: async () => {
      this.runtime.jobQueue?.start()
    },
    onApplicationPrepareShutdown: async () => {
      await this.runtime.jobQueue?.stopWorker()
    },
    onApplicationShutdown: async () => {
      try {
        await this.runtime.jobQueue?.close()
      } finally {
        await this.runtime.store.close()
      }
    },
  }

  /** The plugin's store, for the module's own jobs and for tests; routes read through `reads`. */
  get store() {
    return this.runtime.store
  }

  get options() {
    return this.runtime.options
  }

  /**
   * The store's latest readiness check, for GET /admin/ml/readiness, without reading the
   * order history: a new check is asked for (off the request) when it is missing, older
   * than 10 minutes, measured with other settings, or `refresh`.
   */
  async readiness(options: { refresh?: boolean } = {}): Promise<ReadinessAnswer> {
    return this.readinessChecks.current(options)
  }

  /** Health and contents, without secrets: for GET /admin/ml/status. */
  async status(): Promise<MlStatus> {
    const { store, jobQueue, options } = this.runtime
    const storeState: MlStatus["store"] = {
      reachable: true,
      location: this.runtime.storeDescription,
      dialect: store.dialect,
    }
    let models: MlStatus["models"] = []
    let counts = { predictions: 0, recommendations: 0 }
    try {
      await store.ping()
      models = (await store.championVersions()).map(({ id, task, learner, metrics, createdAt, promotedAt }) => ({
        id,
        task,
        learner,
        metrics,
        createdAt,
        promotedAt,
      }))
      counts = await store.counts()
    } catch (error) {
      storeState.reachable = false
      storeState.error = redactUrl(error instanceof Error ? error.message : String(error))
    }
    return {
      store: storeState,
      queue: jobQueue
        ? { mode: "bullmq", reachable: await jobQueue.reachable(), prefix: options.queuePrefix }
        : { mode: "inline", reachable: null, prefix: null },
      worker_mode: this.runtime.workerMode,
      worker: { running: jobQueue?.consuming ?? false },
      models,
      counts,
    }
  }
}
