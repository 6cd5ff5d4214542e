import type { Command } from "commander"
import { CUSTOMER_SCORES_TASK } from "../../engine/save-customer-scores"
import { RECOMMENDATIONS_TASK } from "../../engine/save-recommendations"
import { checkWritableFile } from "../arguments"
import { CsvFileWriter } from "../csv-writer"
import type { CliIo } from "../io"
import { requireChampion, withStore } from "../with-store"

export const PREDICTION_COLUMNS = [
  "customer_id",
  "purchase_probability",
  "churn_risk",
  "p_alive",
  "expected_orders",
  "expected_spend",
  "predicted_clv",
  "segment",
  "reason_1",
  "reason_2",
  "reason_3",
] as const

/** `medusa-ml export predictions --db … --out FILE.csv`: one row per customer of the current model. */
export function registerExport(program: Command, io: CliIo): void {
  const exportCommand = program.command("export").description("write stored results as CSV")
  exportCommand
    .command("predictions")
    .description("one row per customer: probabilities, value, segment and the top reasons")
    .requiredOption("--db <url>", "the store: sqlite:PATH or postgres://…")
    .requiredOption("--out <file>", "the CSV file to write")
    .action(async (opts: { db: string; out: string }) => {
      checkWritableFile(opts.out, "--out")
      await withStore(opts.db, async (store) => {
        const champion = await requireChampion(store, CUSTOMER_SCORES_TASK, opts.db, "trained model")
        const writer = new CsvFileWriter(opts.out, PREDICTION_COLUMNS)
        const predictions = await store.predictionsOf(champion.id)
        for (const p of predictions) {
          const reasons = p.reasons.map((r) => r.text)
          await writer.write([
            p.customerId,
            p.purchaseProbability,
            p.churnRisk,
            p.pAlive,
            p.expectedOrders,
            p.expectedSpend,
            p.predictedClv,
            p.segment,
            reasons[0],
            reasons[1],
            reasons[2],
          ])
        }
        await writer.close()
        io.out(`wrote ${predictions.length} customers to ${opts.out}\n`)
      })
    })
  exportCommand
    .command("recommendations")
    .description("every stored list: source_type, source_id, rank, product_id, score")
    .requiredOption("--db <url>", "the store: sqlite:PATH or postgres://…")
    .requiredOption("--out <file>", "the CSV file to write")
    .action(async (opts: { db: string; out: string }) => {
      checkWritableFile(opts.out, "--out")
      await withStore(opts.db, async (store) => {
        const champion = await requireChampion(store, RECOMMENDATIONS_TASK, opts.db, "recommendations")
        const writer = new CsvFileWriter(opts.out, ["source_type", "source_id", "rank", "product_id", "score"])
        const rows = await store.recommendationsOf(champion.id)
        for (const r of rows) await writer.write([r.sourceType, r.sourceId, r.rank, r.productId, r.score])
        await writer.close()
        io.out(`wrote ${rows.length} list entries to ${opts.out}\n`)
      })
    })
}
