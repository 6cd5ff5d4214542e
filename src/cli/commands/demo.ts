import { mkdtempSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import path from "node:path"
import type { Command } from "commander"
import { simulateStore, writeOrdersCsv } from "../../core/simulate"
import { parseWholeNumber } from "../arguments"
import { RECOMMENDATIONS_TASK } from "../../engine/save-recommendations"
import { openMlDataSource } from "../../store/data-source"
import { MlStore } from "../../store/ml-store"
import type { SimulatedStore } from "../../core/simulate"
import { parseDb } from "../arguments"
import type { CliIo } from "../io"
import { runTrain } from "./train"

interface DemoArgs {
  customers: string
  days: string
  seed: string
}

/**
 * `medusa-ml demo`: a simulated store with a year of orders, the whole pipeline run
 * inline on an embedded SQLite database in a temporary folder, and a short summary.
 */
export function registerDemo(program: Command, io: CliIo): void {
  program
    .command("demo")
    .description("simulate a store and run the whole pipeline on it, on an embedded SQLite database")
    .option("--customers <n>", "customers in the simulated store", "3000")
    .option("--days <n>", "days of orders", "365")
    .option("--seed <n>", "seed of the simulation and of training", "42")
    .action(async (args: DemoArgs) => {
      const customers = parseWholeNumber(args.customers, "--customers", 100, 200_000)
      const days = parseWholeNumber(args.days, "--days", 240, 3650)
      const seed = parseWholeNumber(args.seed, "--seed", 0, 2 ** 31 - 1)
      const work = mkdtempSync(path.join(tmpdir(), "medusa-ml-demo-"))
      const orders = path.join(work, "orders.csv")
      const store = simulateStore({ customers, days, seed })
      const chunks: string[] = []
      writeOrdersCsv(store.lines, (chunk) => chunks.push(chunk))
      writeFileSync(orders, chunks.join(""))
      io.out(
        `simulated a store: ${customers.toLocaleString("en")} customers, ${store.products.length} products, ` +
          `${store.lines.length.toLocaleString("en")} order lines over ${days} days -> ${orders}\n\n`
      )
      const db = `sqlite:${path.join(work, "medusa-ml.db")}`
      await runTrain({ orders, format: "generic", map: [], db, report: path.join(work, "report.json"), seed: String(seed) }, io)
      await printSampleRecommendations(db, store, io)
    })
}

/** A few stored lists, with product titles, to show what a storefront would get. */
async function printSampleRecommendations(db: string, simulated: SimulatedStore, io: CliIo): Promise<void> {
  const store = new MlStore(await openMlDataSource(parseDb(db)))
  try {
    const champion = await store.champion(RECOMMENDATIONS_TASK)
    if (!champion) return
    const rows = await store.recommendationsOf(champion.id)
    const title = new Map(simulated.products.map((p) => [p.id, p.title]))
    const list = (sourceType: string, sourceId: string) =>
      rows.filter((r) => r.sourceType === sourceType && r.sourceId === sourceId).slice(0, 4).map((r) => title.get(r.productId) ?? r.productId)
    const products = [...new Set(rows.filter((r) => r.sourceType === "bought_together").map((r) => r.sourceId))].slice(0, 2)
    const customer = rows.find((r) => r.sourceType === "customer")?.sourceId
    io.out("\nrecommendations (stored lists, first four):\n")
    for (const id of products) io.out(`  bought with "${title.get(id) ?? id}": ${list("bought_together", id).join("; ")}\n`)
    if (customer) io.out(`  for ${customer}: ${list("customer", customer).join("; ")}\n`)
  } finally {
    await store.close()
  }
}
