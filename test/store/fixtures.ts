import type { NewPrediction, SaveVersionInput } from "../../src/store/ml-store"

/** A stored prediction of one customer, the same for every test but its id and risk. */
export function prediction(customerId: string, churnRisk: number): NewPrediction {
  return {
    customerId,
    purchaseProbability: 1 - churnRisk,
    churnRisk,
    pAlive: 0.8,
    expectedOrders: 1.5,
    expectedSpend: 120.5,
    predictedClv: 410.25,
    segment: "loyal",
    reasons: [{ feature: "recency", text: "no order for 40 days; usually orders every 30", contribution: 0.31 }],
    scoredAt: new Date("2026-01-02T03:04:05.000Z"),
  }
}

/** A customer-scores version with two customers' predictions and one list entry. */
export function versionInput(overrides: Partial<SaveVersionInput> = {}): SaveVersionInput {
  return {
    version: {
      task: "customer-scores",
      learner: "logistic-regression",
      hyperparameters: { l2: 0.1 },
      metrics: { prAuc: 0.81, rocAuc: 0.74 },
      model: { type: "logistic-regression", version: 1, params: {}, state: { weights: [0.5, -1] } },
      trainingRunId: null,
      dataCutoff: new Date("2026-01-01T00:00:00.000Z"),
    },
    predictions: [prediction("cus_a", 0.2), prediction("cus_b", 0.7)],
    recommendations: [{ sourceType: "similar", sourceId: "prod_1", rank: 1, productId: "prod_2", score: 0.9 }],
    promote: true,
    ...overrides,
  }
}
