import type { PluginOptions } from "../../config/plugin-options"
import type { JobRunner } from "../../engine/job-runner"
import type { JobQueue } from "../../queue/job-queue"
import type { MlStore } from "../../store/ml-store"

/** Medusa's process roles: "server" answers HTTP only; "worker" runs jobs; "shared" does both. */
export type WorkerMode = "shared" | "worker" | "server"

/** What the module's loader opens and the service uses; registered in the module's container. */
export interface MlRuntime {
  options: PluginOptions
  store: MlStore
  /** Where the store lives, without secrets ("medusa database" or a redacted URL). */
  storeDescription: string
  /** null = no Redis configured: jobs run inline in this process. */
  jobQueue: JobQueue | null
  /** Where jobs run: the job queue, or this process when there is none. */
  runner: JobRunner
  workerMode: WorkerMode
  log: { error(message: string): void; warn(message: string): void; info(message: string): void }
}

export const ML_RUNTIME_KEY = "mlRuntime"
