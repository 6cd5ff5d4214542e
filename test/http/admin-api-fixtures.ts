/**
 * Known data for the admin API test: the seeded store plus a few customers, and
 * hand-made model versions (customer predictions, product lists) written through the
 * plugin's store, so the routes' filtering, sorting, paging and CSV can be checked
 * exactly against plain code over the same table.
 */
import type { MedusaContainer } from "@medusajs/framework/types"
import { riskBandOf } from "../../src/core/segments/risk-bands"
import type MlModuleService from "../../src/modules/ml/service"
import type { NewPrediction, SaveVersionInput } from "../../src/store/ml-store"
import { createCustomers, placeOrder, seedStore, type CustomerSeed, type SeededStore } from "./seed"

/** The customer model's data cutoff: orders from then on are not in it. */
export const DATA_CUTOFF = new Date("2025-01-01T00:00:00.000Z")
/** An order moved to before the cutoff, of a customer the model did not score. */
export const BACKDATED_ORDER_AT = new Date("2024-06-01T12:00:00.000Z")
export const SCORED_AT = new Date("2025-01-02T03:04:05.000Z")
/** A scored customer deleted from Medusa since. */
export const GONE_CUSTOMER_ID = "cus_deleted_since_scoring"

export const EXTRA_CUSTOMERS = {
  dana: { email: "dana@medusa-ml.test", first_name: "=SUM(1,2)", last_name: 'O"Hara, Jr.' },
  eli: { email: "eli@medusa-ml.test", first_name: "Eli", last_name: "Evans" },
  fay: { email: "fay@medusa-ml.test", first_name: "Fay", last_name: "Ford" },
  gus: { email: "gus@medusa-ml.test", first_name: "Gus", last_name: "Grant" },
  kim: { email: "kim@medusa-ml.test", first_name: "Kim", last_name: "Kay" },
  hal: { email: "hal@medusa-ml.test", first_name: "Hal", last_name: "Hill" },
  ivy: { email: "ivy@medusa-ml.test", first_name: "Ivy", last_name: "Ito" },
  jay: { email: "jay@medusa-ml.test", first_name: "Jay", last_name: "Jones" },
} satisfies Record<string, CustomerSeed>

/** Email and name of each customer, as Medusa holds them (ann and ben come from the seeded store). */
export const CARDS: Record<string, CustomerSeed> = {
  ...EXTRA_CUSTOMERS,
  ann: { email: "ann@medusa-ml.test", first_name: "Ann", last_name: "Archer" },
  ben: { email: "ben@medusa-ml.test", first_name: "Ben", last_name: "Baker" },
}

export type ScoredName = "ann" | "ben" | "dana" | "eli" | "fay" | "gus" | "kim" | "gone"

interface Score {
  churnRisk: number
  predictedClv: number
  purchaseProbability: number
  segment: string
}

/** Ties (dana and eli at 0.7) and band edges (0.4, 0.7) on purpose. */
export const SCORES: Record<ScoredName, Score> = {
  ann: { churnRisk: 0.82, predictedClv: 120.5, purchaseProbability: 0.18, segment: "at_risk" },
  ben: { churnRisk: 0.35, predictedClv: 640, purchaseProbability: 0.7, segment: "loyal" },
  dana: { churnRisk: 0.7, predictedClv: 310, purchaseProbability: 0.3, segment: "cant_lose" },
  eli: { churnRisk: 0.7, predictedClv: 45, purchaseProbability: 0.33, segment: "at_risk" },
  fay: { churnRisk: 0.55, predictedClv: 220, purchaseProbability: 0.5, segment: "need_attention" },
  gus: { churnRisk: 0.12, predictedClv: 1500, purchaseProbability: 0.91, segment: "champions" },
  kim: { churnRisk: 0.4, predictedClv: 0, purchaseProbability: 0.6, segment: "promising" },
  gone: { churnRisk: 0.95, predictedClv: 80, purchaseProbability: 0.05, segment: "lost" },
}

export interface AdminFixture {
  store: SeededStore
  customerIds: Record<keyof typeof EXTRA_CUSTOMERS | "ann" | "ben" | "cleo", string>
  /** The customer id of each scored name. */
  scoredIds: Record<ScoredName, string>
  versions: { oldScores: string; scores: string; rejectedScores: string; lists: string }
  /** created_at of hal's order, the latest counted order of the store. */
  lastOrderAt: Date
}

export function reasonsOf(name: string) {
  return [
    { feature: "recency", text: `${name}: no order for 40 days; usually orders every 30`, contribution: 0.31 },
    { feature: "frequency", text: `${name}: 2 orders`, contribution: -0.05 },
  ]
}

function prediction(name: ScoredName, customerId: string): NewPrediction {
  return { customerId, ...SCORES[name], pAlive: 0.6, expectedOrders: 1.25, expectedSpend: 75.5, reasons: reasonsOf(name), scoredAt: SCORED_AT }
}

const version = (task: string, learner: string, extra: Partial<SaveVersionInput>): SaveVersionInput => ({
  version: { task, learner, hyperparameters: { hand: true }, metrics: { prAuc: 0.7 }, model: { type: "hand-made" }, trainingRunId: null, dataCutoff: DATA_CUTOFF },
  promote: true,
  ...extra,
})

const nextMillisecond = () => new Promise((resolve) => setTimeout(resolve, 2))

export async function seedAdminFixture(container: MedusaContainer, sql: (text: string, values: unknown[]) => Promise<unknown>): Promise<AdminFixture> {
  const store = await seedStore(container)
  const extra = await createCustomers(container, EXTRA_CUSTOMERS)
  const customerIds = { ...store.customerIds, ...extra }
  const usdOrder = { regionId: store.regionIds.usd, salesChannelId: store.salesChannelIds.web, country: "us" }
  const shirt = { variantId: store.products.shirt.variantId, title: store.products.shirt.title, quantity: 1, unitPrice: 20 }
  const jayOrder = await placeOrder(container, { ...usdOrder, customerId: extra.jay, items: [shirt] })
  const halOrder = await placeOrder(container, { ...usdOrder, customerId: extra.hal, items: [shirt] })
  await sql('UPDATE "order" SET created_at = ? WHERE id = ?', [BACKDATED_ORDER_AT, jayOrder.orderId])
  const rows = (await sql('SELECT created_at FROM "order" WHERE id = ?', [halOrder.orderId])) as { rows: Array<{ created_at: Date }> }

  const scoredIds = { ...customerIds, gone: GONE_CUSTOMER_ID } as Record<ScoredName, string>
  const names = Object.keys(SCORES) as ScoredName[]
  const ml = container.resolve<MlModuleService>("ml")
  const oldScores = await ml.store.saveModelVersion(
    version("customer-scores", "logistic-regression", { predictions: [prediction("ann", scoredIds.ann)] })
  )
  await nextMillisecond()
  const scores = await ml.store.saveModelVersion(
    version("customer-scores", "gradient-boosting", { predictions: names.map((n) => prediction(n, scoredIds[n])) })
  )
  await nextMillisecond()
  const rejectedScores = await ml.store.saveModelVersion(version("customer-scores", "neural-network", { promote: false, rejected: true }))
  const p = store.products
  const entry = (sourceType: "similar" | "bought_together" | "customer", sourceId: string, rank: number, productId: string) => ({
    sourceType,
    sourceId,
    rank,
    productId,
    score: 1 - rank / 10,
  })
  const lists = await ml.store.saveModelVersion(
    version("recommendations", "item-to-item", {
      recommendations: [
        entry("similar", p.shirt.productId, 1, p.trousers.productId),
        entry("similar", p.shirt.productId, 2, "prod_deleted_since_training"),
        entry("similar", p.shirt.productId, 3, p.hat.productId),
        entry("bought_together", p.shirt.productId, 1, p.scarf.productId),
        entry("similar", p.trousers.productId, 1, p.shirt.productId),
        entry("customer", customerIds.ann, 3, p.trousers.productId),
        entry("customer", customerIds.ann, 1, p.hat.productId),
        entry("customer", customerIds.ann, 2, "prod_deleted_since_training"),
        entry("customer", customerIds.ben, 1, p.scarf.productId),
      ],
    })
  )
  return {
    store,
    customerIds,
    scoredIds,
    versions: { oldScores: oldScores.id, scores: scores.id, rejectedScores: rejectedScores.id, lists: lists.id },
    lastOrderAt: new Date(rows.rows[0].created_at),
  }
}

/** The churn list worked out in plain code: names in list order. */
export function expectedNames(
  ids: Record<ScoredName, string>,
  filter: { segments?: string[]; bands?: string[]; minClv?: number },
  sort: "churn_risk" | "clv" | "purchase_probability" = "churn_risk",
  order: "asc" | "desc" = "desc"
): ScoredName[] {
  const key = { churn_risk: "churnRisk", clv: "predictedClv", purchase_probability: "purchaseProbability" } as const
  const sign = order === "asc" ? 1 : -1
  return (Object.keys(SCORES) as ScoredName[])
    .filter((n) => !filter.segments || filter.segments.includes(SCORES[n].segment))
    .filter((n) => !filter.bands || filter.bands.includes(riskBandOf(SCORES[n].churnRisk)))
    .filter((n) => filter.minClv === undefined || SCORES[n].predictedClv >= filter.minClv)
    .sort((a, b) => sign * (SCORES[a][key[sort]] - SCORES[b][key[sort]]) || (ids[a] < ids[b] ? -1 : 1))
}

/** A churn-list row as the API should give it for a scored name. */
export function expectedRow(f: AdminFixture, name: ScoredName) {
  const card = CARDS[name]
  return {
    customer_id: f.scoredIds[name],
    email: card?.email ?? null,
    first_name: card?.first_name ?? null,
    last_name: card?.last_name ?? null,
    segment: SCORES[name].segment,
    risk_band: riskBandOf(SCORES[name].churnRisk),
    churn_risk: SCORES[name].churnRisk,
    purchase_probability: SCORES[name].purchaseProbability,
    p_alive: 0.6,
    expected_orders: 1.25,
    expected_spend: 75.5,
    predicted_clv: SCORES[name].predictedClv,
    reasons: reasonsOf(name),
    scored_at: SCORED_AT.toISOString(),
    model_version_id: f.versions.scores,
  }
}
