import { createWriteStream } from "node:fs"
import { once } from "node:events"
import type { Command } from "commander"
import { simulateStore, writeOrdersCsv } from "../../core/simulate"
import { checkWritableFile, parseWholeNumber } from "../arguments"
import type { CliIo } from "../io"

/** `medusa-ml simulate`: a seeded simulated store's orders as a generic CSV. */
export function registerSimulate(program: Command, io: CliIo): void {
  program
    .command("simulate")
    .description("write the orders of a simulated store as a generic CSV (for trying the engine)")
    .requiredOption("--out <file>", "the CSV file to write")
    .option("--customers <n>", "customers", "3000")
    .option("--days <n>", "days of orders", "365")
    .option("--seed <n>", "seed of the simulation", "42")
    .action(async (opts: { out: string; customers: string; days: string; seed: string }) => {
      const customers = parseWholeNumber(opts.customers, "--customers", 1, 1_000_000)
      const days = parseWholeNumber(opts.days, "--days", 1, 3650)
      const seed = parseWholeNumber(opts.seed, "--seed", 0, 2 ** 31 - 1)
      checkWritableFile(opts.out, "--out")
      const store = simulateStore({ customers, days, seed })
      const out = createWriteStream(opts.out)
      writeOrdersCsv(store.lines, (chunk) => out.write(chunk))
      out.end()
      await once(out, "finish")
      io.out(`wrote ${store.lines.length.toLocaleString("en")} order lines of ${customers.toLocaleString("en")} customers to ${opts.out}\n`)
    })
}
