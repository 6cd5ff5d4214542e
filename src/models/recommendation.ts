import { EntitySchema } from "typeorm"
import type { ColumnTypes } from "./column-types"

/**
 * What a list is for: products similar to a product, bought together with it, for a
 * customer ("customer" may include products they bought before; "customer_new" never
 * does), or the popular fallback (source id "*").
 */
export type RecommendationSource = "similar" | "bought_together" | "customer" | "customer_new" | "popular"

/** One entry of a stored top-N list. */
export interface Recommendation {
  id: string
  modelVersionId: string
  sourceType: RecommendationSource
  /** A product id, a customer id, or "*" for store-wide lists. */
  sourceId: string
  /** 1 = best. */
  rank: number
  productId: string
  score: number
}

export function recommendationSchema(t: ColumnTypes): EntitySchema<Recommendation> {
  return new EntitySchema<Recommendation>({
    name: "MlRecommendation",
    tableName: "ml_recommendation",
    columns: {
      id: { type: "varchar", length: 40, primary: true },
      modelVersionId: { name: "model_version_id", type: "varchar", length: 40 },
      sourceType: { name: "source_type", type: "varchar", length: 20 },
      sourceId: { name: "source_id", type: "varchar", length: 100 },
      rank: { type: "integer" },
      productId: { name: "product_id", type: "varchar", length: 100 },
      score: { type: t.float },
    },
    indices: [
      // the storefront read: one list of the current version, in rank order
      { name: "IDX_ml_recommendation_source", columns: ["modelVersionId", "sourceType", "sourceId", "rank"] },
      // deleting a product removes it from every list
      { name: "IDX_ml_recommendation_product", columns: ["productId"] },
    ],
  })
}
