import { createReadStream } from "node:fs"
import { readOrders, type OrderHistory } from "../../src/core/data"
import { buildFeatureRows } from "../../src/core/features/customer-features"
import { gatherActivity } from "../../src/core/features/customer-activity"
import { FEATURE_COUNT, FEATURE_INDEX, type FeatureName } from "../../src/core/features/feature-names"
import { purchaseLabels } from "../../src/core/features/labels"
import { buildStackedSet, chooseCutoffs } from "../../src/core/features/training-set"
import { rocAuc } from "../../src/core/metrics/classification"
import { datasetFile } from "../../bench/datasets"

/**
 * Customer features and labels on UCI Online Retail, against the protocol of
 * ../shared/datasets/README.md: at cutoff 2011-09-10, 3,368 customers with 56.9% buying
 * within 90 days; at 2011-06-12, 2,809 customers with 47.8%.
 */


const HORIZON_DAYS = 90
const VALIDATION_CUTOFF = Date.UTC(2011, 8, 10)
const TRAINING_CUTOFF = Date.UTC(2011, 5, 12)

let history: OrderHistory

beforeAll(async () => {
  const file = datasetFile("online-retail/online_retail.csv")
  history = (await readOrders(createReadStream(file), { format: "online-retail" })).history
}, 180_000)

function timed<T>(run: () => T): { result: T; ms: number } {
  const started = performance.now()
  const result = run()
  return { result, ms: performance.now() - started }
}

describe("customer features on Online Retail", () => {
  it.each([
    ["2011-09-10", VALIDATION_CUTOFF, 3_368, "56.9"],
    ["2011-06-12", TRAINING_CUTOFF, 2_809, "47.8"],
  ])("at %s: the protocol's customers and share of 90-day buyers (the time printed, not asserted)", (date, cutoff, customers, positivePercent) => {
    const pass = timed(() => gatherActivity(history.lines, cutoff))
    const { result: rows, ms } = timed(() => buildFeatureRows(history, cutoff, { horizonDays: HORIZON_DAYS }))
    const labels = purchaseLabels(history, rows.customerIds, cutoff, HORIZON_DAYS)
    const positives = labels.reduce((sum, label) => sum + label, 0)
    const share = ((100 * positives) / labels.length).toFixed(1)
    console.log(
      `${date}: ${rows.customerIds.length} customers, ${share}% positive; pass over the lines ${pass.ms.toFixed(0)} ms, ` +
        `all features with the BG/NBD fit ${ms.toFixed(0)} ms`
    )

    expect(rows.customerIds).toHaveLength(customers)
    expect(new Set(rows.customerIds).size).toBe(customers)
    expect(share).toBe(positivePercent)
    expect(rows.bgnbdFitted).toBe(true)
    expect(rows.values.every(Number.isFinite)).toBe(true)
  })

  it("counts every invoice before the cutoff once, under its own customer", () => {
    const rows = buildFeatureRows(history, VALIDATION_CUTOFF, { horizonDays: HORIZON_DAYS })
    let orders = 0
    for (let i = 0; i < rows.customerIds.length; i++) orders += column(rows.values, i, "frequency_orders")
    const invoices = new Set(history.lines.filter((line) => line.orderedAt < VALIDATION_CUTOFF).map((line) => line.orderId))
    expect(orders).toBe(invoices.size)
  })

  it("gives BG/NBD expected orders that rank 90-day buyers at least as well as frequency alone (ROC-AUC 0.723)", () => {
    const rows = buildFeatureRows(history, VALIDATION_CUTOFF, { horizonDays: HORIZON_DAYS })
    const labels = purchaseLabels(history, rows.customerIds, VALIDATION_CUTOFF, HORIZON_DAYS)
    const auc = (name: FeatureName): number =>
      rocAuc(labels, Array.from(labels, (_, i) => column(rows.values, i, name)))
    const expectedOrders = auc("bgnbd_expected_orders")
    const frequency = auc("frequency_orders")
    console.log(`ROC-AUC at 2011-09-10: bgnbd_expected_orders ${expectedOrders.toFixed(3)}, frequency_orders ${frequency.toFixed(3)}`)
    expect(frequency.toFixed(3)).toBe("0.723")
    expect(expectedOrders).toBeGreaterThanOrEqual(frequency)
  })

  it("builds the stacked set for asOf 2011-12-09 with 2011-06-12 as the latest training cutoff", () => {
    const asOf = VALIDATION_CUTOFF + HORIZON_DAYS * 86_400_000
    const cutoffs = chooseCutoffs(history, asOf, { horizonDays: HORIZON_DAYS })
    expect(cutoffs.validationCutoff).toBe(VALIDATION_CUTOFF)
    expect(cutoffs.trainingCutoffs.map((c) => new Date(c).toISOString().slice(0, 10))).toEqual([
      "2011-01-13",
      "2011-02-12",
      "2011-03-14",
      "2011-04-13",
      "2011-05-13",
      "2011-06-12",
    ])
    const { result: set, ms } = timed(() =>
      buildStackedSet(history, cutoffs, { horizonDays: HORIZON_DAYS, labelWindowDays: HORIZON_DAYS })
    )
    console.log(
      `stacked set: ${set.training.X.rows} training rows over 6 cutoffs, ${set.validation.X.rows} validation rows, ` +
        `built in ${ms.toFixed(0)} ms (${(ms / 7).toFixed(0)} ms per cutoff with its BG/NBD fit)`
    )
    const latestBlock = Array.from(set.training.cutoffIndex).filter((index) => index === 5).length
    expect(latestBlock).toBe(2_809)
    expect(set.validation.X.rows).toBe(3_368)
    expect(set.training.bgnbdFitted).toEqual([true, true, true, true, true, true])
    expect(set.validation.bgnbdFitted).toBe(true)
    expect(set.training.y.length).toBe(set.training.X.rows)
    const latestPositives = set.training.y.filter((label, row) => label === 1 && set.training.cutoffIndex[row] === 5).length
    expect(((100 * latestPositives) / 2_809).toFixed(1)).toBe("47.8")
  }, 60_000)
})

function column(values: Float64Array, row: number, name: FeatureName): number {
  return values[row * FEATURE_COUNT + FEATURE_INDEX[name]]
}
