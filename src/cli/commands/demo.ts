import { mkdtempSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import path from "node:path"
import type { Command } from "commander"
import { simulateStore, writeOrdersCsv } from "../../core/simulate"
import { parseWholeNumber } from "../arguments"
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
      await runTrain(
        {
          orders,
          format: "generic",
          map: [],
          db: `sqlite:${path.join(work, "medusa-ml.db")}`,
          report: path.join(work, "report.json"),
          seed: String(seed),
        },
        io
      )
    })
}
