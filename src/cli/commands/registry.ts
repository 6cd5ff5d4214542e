import type { Command } from "commander"
import { redactUrl } from "../../config/redact"
import { CUSTOMER_SCORES_TASK } from "../../engine/save-customer-scores"
import type { ModelVersion } from "../../models"
import { VersionNotFoundError } from "../../store/ml-store"
import { withStore } from "../with-store"
import { UsageError, type CliIo } from "../io"

const DB_OPTION = ["--db <url>", "the store: sqlite:PATH or postgres://…"] as const

/** The headline figure of a version: PR-AUC of the purchase model, or the lists' validation hit rate. */
function headline(version: ModelVersion): string {
  const metrics = version.metrics as Record<string, Record<string, unknown> | null>
  const purchase = metrics.purchase
  if (purchase && typeof purchase.prAuc === "number") return `PR-AUC ${purchase.prAuc.toFixed(3)} ROC-AUC ${Number(purchase.rocAuc).toFixed(3)}`
  const together = metrics.boughtTogether
  if (together && typeof together.hitRate === "number") return `bought-together hit@10 ${together.hitRate.toFixed(3)}`
  return ""
}

/** Which rung of the label-window ladder gave the version's scores, in words (versions stored before it say nothing). */
function rungText(version: ModelVersion): string[] {
  const ladder = (version.metrics as Record<string, unknown>).ladder as Record<string, { text?: unknown } | null> | undefined
  if (!ladder) return []
  return [ladder.purchase, ladder.churn].flatMap((rung, k) =>
    rung && typeof rung.text === "string" ? [`    ${k === 0 ? "purchase" : "churn"}: ${rung.text}`] : []
  )
}

function line(v: ModelVersion): string {
  const day = (d: Date | null) => (d ? d.toISOString().slice(0, 10) : "-")
  const head = [v.id, v.task.padEnd(16), v.status.padEnd(10), v.learner.padEnd(20), `data to ${day(v.dataCutoff)}`, `created ${day(v.createdAt)}`, headline(v)].join("  ")
  return [head, ...rungText(v)].join("\n")
}

/** `models`, `promote VERSION`, `rollback`: the model registry by hand. */
export function registerRegistry(program: Command, io: CliIo): void {
  program
    .command("models")
    .description("list the stored model versions, newest first, with their status and headline figures")
    .requiredOption(...DB_OPTION)
    .action((opts: { db: string }) =>
      withStore(opts.db, async (store) => {
        const versions = await store.modelVersions()
        if (versions.length === 0) io.out(`no model versions in ${redactUrl(opts.db)}\n`)
        for (const v of versions) io.out(line(v) + "\n")
      })
    )
  program
    .command("promote <version>")
    .description("make a version its task's champion (the current one becomes a challenger)")
    .requiredOption(...DB_OPTION)
    .action((versionId: string, opts: { db: string }) =>
      withStore(opts.db, async (store) => {
        try {
          io.out(`champion: ${line(await store.promote(versionId))}\n`)
        } catch (error) {
          if (error instanceof VersionNotFoundError) throw new UsageError(`promote: no model version ${versionId} in ${redactUrl(opts.db)}`)
          throw error
        }
      })
    )
  program
    .command("rollback")
    .description("put back a task's previous champion")
    .requiredOption(...DB_OPTION)
    .option("--task <task>", "customer-scores or recommendations", CUSTOMER_SCORES_TASK)
    .action((opts: { db: string; task: string }) =>
      withStore(opts.db, async (store) => {
        const restored = await store.rollback(opts.task)
        if (!restored) throw new UsageError(`rollback: no earlier champion of ${opts.task} in ${redactUrl(opts.db)}`)
        io.out(`champion: ${line(restored)}\n`)
      })
    )
}
