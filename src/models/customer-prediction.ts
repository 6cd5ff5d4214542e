import { EntitySchema } from "typeorm"
import type { ColumnTypes } from "./column-types"

/** One reason behind a customer's score, in plain words with its signed contribution. */
export interface PredictionReason {
  feature: string
  text: string
  /** Positive = raises churn risk, negative = lowers it. */
  contribution: number
}

/** Everything predicted for one customer by one model version. */
export interface CustomerPrediction {
  id: string
  customerId: string
  modelVersionId: string
  /** P(at least one order within the horizon). */
  purchaseProbability: number
  /** P(no order within the churn window). */
  churnRisk: number
  /** BG/NBD probability that the customer is still active. */
  pAlive: number
  /** Expected number of orders within the horizon. */
  expectedOrders: number
  /** Expected spend within the horizon, in the store's default currency. */
  expectedSpend: number
  /** Discounted value over the CLV horizon, in the store's default currency. */
  predictedClv: number
  /** RFM segment, e.g. "champions", "at_risk", "hibernating". */
  segment: string
  reasons: PredictionReason[]
  scoredAt: Date
}

export function customerPredictionSchema(t: ColumnTypes): EntitySchema<CustomerPrediction> {
  return new EntitySchema<CustomerPrediction>({
    name: "MlCustomerPrediction",
    tableName: "ml_customer_prediction",
    columns: {
      id: { type: "varchar", length: 40, primary: true },
      customerId: { name: "customer_id", type: "varchar", length: 100 },
      modelVersionId: { name: "model_version_id", type: "varchar", length: 40 },
      purchaseProbability: { name: "purchase_probability", type: t.float },
      churnRisk: { name: "churn_risk", type: t.float },
      pAlive: { name: "p_alive", type: t.float },
      expectedOrders: { name: "expected_orders", type: t.float },
      expectedSpend: { name: "expected_spend", type: t.float },
      predictedClv: { name: "predicted_clv", type: t.float },
      segment: { type: "varchar", length: 30 },
      reasons: { type: t.json },
      scoredAt: { name: "scored_at", type: t.timestamp },
    },
    indices: [
      // one row per customer and version; also serves the customer insight read
      { name: "UQ_ml_customer_prediction_version_customer", columns: ["modelVersionId", "customerId"], unique: true },
      // the churn list: current version sorted by risk (or value)
      { name: "IDX_ml_customer_prediction_version_churn", columns: ["modelVersionId", "churnRisk"] },
      { name: "IDX_ml_customer_prediction_version_clv", columns: ["modelVersionId", "predictedClv"] },
      // deleting a customer deletes their predictions in every version
      { name: "IDX_ml_customer_prediction_customer", columns: ["customerId"] },
    ],
  })
}
