import { EntitySchema } from "typeorm"
import type { ColumnTypes, JsonObject } from "./column-types"

/** The id of the one row: the store's latest check. */
export const STORE_READINESS_ID = "store"

/**
 * The latest readiness check of the store's orders, computed off the request path (a
 * `check-readiness` job, or a training that read the history anyway), so that GET
 * /admin/ml/readiness answers from here instead of reading the whole order history.
 */
export interface ReadinessCheck {
  /** STORE_READINESS_ID: one row, replaced by each check. */
  id: string
  /** When the history was read and checked. */
  checkedAt: Date
  /** The check as the engine writes it (src/engine/readiness-check.ts), with its format number. */
  result: JsonObject
}

export function readinessCheckSchema(t: ColumnTypes): EntitySchema<ReadinessCheck> {
  return new EntitySchema<ReadinessCheck>({
    name: "MlReadiness",
    tableName: "ml_readiness",
    columns: {
      id: { type: "varchar", length: 20, primary: true },
      checkedAt: { name: "checked_at", type: t.timestamp },
      result: { type: t.json },
    },
  })
}
