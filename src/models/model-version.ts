import { EntitySchema } from "typeorm"
import type { ColumnTypes, JsonObject, Json } from "./column-types"

/** Where a model version stands in the registry. */
export type ModelVersionStatus = "champion" | "challenger" | "rejected"

/** One trained model for one task, with how well it did. */
export interface ModelVersion {
  id: string
  /** What the model predicts, e.g. "customer-scores" or "recommendations". */
  task: string
  /** The winning learner, e.g. "logistic-regression", "gradient-boosting". */
  learner: string
  hyperparameters: JsonObject
  /** Validation metrics; the task's promotion metric is among them. */
  metrics: JsonObject
  /** The serialized estimator(s): { type, version, params, state } envelopes. */
  model: Json
  status: ModelVersionStatus
  /** The training run that produced it (null for versions written by hand). */
  trainingRunId: string | null
  /** Data up to (excluding) this instant was used to train the model. */
  dataCutoff: Date | null
  createdAt: Date
  /** When it last became champion; null if it never was. */
  promotedAt: Date | null
}

export function modelVersionSchema(t: ColumnTypes): EntitySchema<ModelVersion> {
  return new EntitySchema<ModelVersion>({
    name: "MlModelVersion",
    tableName: "ml_model_version",
    columns: {
      id: { type: "varchar", length: 40, primary: true },
      task: { type: "varchar", length: 40 },
      learner: { type: "varchar", length: 60 },
      hyperparameters: { type: t.json },
      metrics: { type: t.json },
      model: { type: t.json },
      status: { type: "varchar", length: 16 },
      trainingRunId: { name: "training_run_id", type: "varchar", length: 40, nullable: true },
      dataCutoff: { name: "data_cutoff", type: t.timestamp, nullable: true },
      createdAt: { name: "created_at", type: t.timestamp },
      promotedAt: { name: "promoted_at", type: t.timestamp, nullable: true },
    },
    indices: [
      // the registry reads "the champion of task X" and "versions of task X, newest first"
      { name: "IDX_ml_model_version_task_status", columns: ["task", "status"] },
      { name: "IDX_ml_model_version_task_created", columns: ["task", "createdAt"] },
      // at most one champion per task, even when two trainings finish at the same moment
      { name: "UQ_ml_model_version_champion", columns: ["task"], unique: true, where: "status = 'champion'" },
    ],
  })
}
