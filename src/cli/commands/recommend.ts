import { createReadStream } from "node:fs"
import type { Command } from "commander"
import { readRequests } from "../../core/serving/request-file"
import { answerRequest, indexStoredLists } from "../../core/serving/stored-lists"
import { RECOMMENDATIONS_TASK } from "../../engine/save-recommendations"
import { checkReadableFile, checkWritableFile, parseDb, parseWholeNumber } from "../arguments"
import { CsvFileWriter } from "../csv-writer"
import type { CliIo } from "../io"
import { requireChampion, withStore } from "../with-store"

interface RecommendArgs {
  db: string
  requests: string
  out: string
  limit: string
  excludePurchased?: boolean
}

/** `medusa-ml recommend`: answer a file of requests from the stored lists. */
export function registerRecommend(program: Command, io: CliIo): void {
  program
    .command("recommend")
    .description("answer recommendation requests (request_id,customer_id,product_ids) from the stored lists")
    .requiredOption("--db <url>", "the store: sqlite:PATH or postgres://…")
    .requiredOption("--requests <file>", "CSV with the header request_id,customer_id,product_ids (product_ids: a | separated cart)")
    .requiredOption("--out <file>", "CSV to write: request_id,rank,product_id,score")
    .option("--limit <n>", "products per request", "10")
    .option("--exclude-purchased", "never recommend what the customer bought before")
    .action(async (args: RecommendArgs) => {
      const limit = parseWholeNumber(args.limit, "--limit", 1, 100)
      parseDb(args.db) // a bad --db is reported before any file is read
      checkReadableFile(args.requests, "--requests")
      checkWritableFile(args.out, "--out")
      const lists = await withStore(args.db, async (store) =>
        indexStoredLists(await store.recommendationsOf((await requireChampion(store, RECOMMENDATIONS_TASK, args.db, "recommendations")).id))
      )
      const writer = new CsvFileWriter(args.out, ["request_id", "rank", "product_id", "score"])
      const pending: { requestId: string; items: ReturnType<typeof answerRequest> }[] = []
      const started = performance.now()
      const { problems, requests } = await readRequests(createReadStream(args.requests), (request) => {
        pending.push({ requestId: request.requestId, items: answerRequest(lists, request, { limit, excludePurchased: !!args.excludePurchased }) })
      })
      const answeredMs = performance.now() - started
      for (const { requestId, items } of pending) {
        for (const [i, item] of items.entries()) await writer.write([requestId, i + 1, item.productId, item.score])
      }
      await writer.close()
      for (const problem of problems) io.err(`medusa-ml: ${args.requests}:${problem.line}: skipped: ${problem.message}\n`)
      io.out(
        `answered ${requests} requests (${Math.round(requests / Math.max(answeredMs / 1000, 1e-6)).toLocaleString("en")} a second)` +
          `${problems.length ? `, skipped ${problems.length} malformed rows` : ""} -> ${args.out}\n`
      )
    })
}
