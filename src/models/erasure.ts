import { EntitySchema } from "typeorm"
import type { ColumnTypes } from "./column-types"

/** What was deleted from the store: a customer (soft-deleted by Medusa) or a product. */
export type ErasureKind = "customer" | "product"

/**
 * A customer or product deleted from the store, for good: no later training, rescoring
 * or list may bring it back. Medusa soft-deletes customers, so their orders keep
 * `customer_id`; this table is what tells every reader to leave them out.
 */
export interface Erasure {
  kind: ErasureKind
  /** The deleted customer's or product's id. */
  subjectId: string
  /** When the plugin heard of the deletion. */
  erasedAt: Date
}

export function erasureSchema(t: ColumnTypes): EntitySchema<Erasure> {
  return new EntitySchema<Erasure>({
    name: "MlErasure",
    tableName: "ml_erasure",
    columns: {
      kind: { type: "varchar", length: 10, primary: true },
      subjectId: { name: "subject_id", type: "varchar", length: 100, primary: true },
      erasedAt: { name: "erased_at", type: t.timestamp },
    },
  })
}
