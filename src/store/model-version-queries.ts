/**
 * The model registry as the admin lists it: versions by task, newest first, without
 * their serialized models (those can be large, and a listing never needs them).
 */
import type { ModelVersion } from "../models"
import type { MlDataSource } from "./data-source"

/** A model version without its serialized model. */
export type ModelVersionSummary = Omit<ModelVersion, "model">

export interface TaskVersions {
  task: string
  /** Versions of the task, all of them. */
  count: number
  /** The newest `perTask` versions, newest first. */
  versions: ModelVersionSummary[]
}

/** Every task that has versions, by name, with its newest `perTask` versions. */
export async function versionsByTask(source: MlDataSource, perTask: number): Promise<TaskVersions[]> {
  const repository = source.dataSource.getRepository(source.entities.modelVersion)
  const tasks: Array<{ task: string; count: string | number }> = await repository
    .createQueryBuilder("v")
    .select("v.task", "task")
    .addSelect("COUNT(*)", "count")
    .groupBy("v.task")
    .orderBy("v.task", "ASC")
    .getRawMany()
  return Promise.all(
    tasks.map(async ({ task, count }) => ({
      task,
      count: Number(count),
      versions: await repository.find({
        select: {
          id: true,
          task: true,
          learner: true,
          hyperparameters: true,
          metrics: true,
          status: true,
          trainingRunId: true,
          dataCutoff: true,
          createdAt: true,
          promotedAt: true,
        },
        where: { task },
        order: { createdAt: "DESC", id: "DESC" },
        take: perTask,
      }),
    }))
  )
}
