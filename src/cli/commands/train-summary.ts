import { redactUrl } from "../../config/redact"
import type { CustomerScore, TrainingReport } from "../../core/pipeline/report"
import type { PromotionDecision } from "../../engine/promotion"
import type { ModelVersion } from "../../models"
import type { CliIo } from "../io"
import { CUSTOMER_SCORES_TASK, RECOMMENDATIONS_TASK } from "../../engine/names"
import { skippedLines, type SkippedPart } from "../../engine/skipped-parts"

/** What the summary reads of the data report. */
export interface TrainingSummaryData {
  linesRead: number
  linesKept: number
  customers: number
  orders: number
}

const pct = (p: number) => `${(p * 100).toFixed(1)}%`
const num = (v: number, digits = 3) => v.toFixed(digits)

/** A short, readable account of a training run for the terminal: what was built, then one line per skipped part. */
export function printTrainingSummary(
  io: CliIo,
  input: {
    report: TrainingReport | null
    data: TrainingSummaryData & { asOf?: string }
    scores: CustomerScore[]
    versions: Pick<ModelVersion, "id" | "task" | "status">[]
    decisions: { customerScores: PromotionDecision | null; recommendations: PromotionDecision | null }
    skipped: SkippedPart[]
    db: string
    reportPath?: string
  }
): void {
  const { report, scores, data } = input
  const lines: string[] = []
  lines.push(
    `data: ${data.linesKept.toLocaleString("en")} of ${data.linesRead.toLocaleString("en")} lines kept, ` +
      `${data.orders.toLocaleString("en")} orders, ${data.customers.toLocaleString("en")} customers` +
      (report ? `; as of ${report.asOf}` : "")
  )
  if (report) lines.push(...customerLines(report, scores))
  const customerVersion = input.versions.find((v) => v.task === CUSTOMER_SCORES_TASK)
  const listsVersion = input.versions.find((v) => v.task === RECOMMENDATIONS_TASK)
  lines.push("")
  if (customerVersion && input.decisions.customerScores) {
    lines.push(`stored ${scores.length.toLocaleString("en")} predictions as model version ${customerVersion.id} in ${redactUrl(input.db)}`)
    lines.push(`  ${statusWord(customerVersion.status)}: ${input.decisions.customerScores.reason}`)
  }
  if (listsVersion && input.decisions.recommendations) {
    lines.push(`recommendation lists: model version ${listsVersion.id}, ${statusWord(listsVersion.status)}: ${input.decisions.recommendations.reason}`)
  }
  lines.push(...skippedLines(input.skipped))
  if (input.reportPath) lines.push(`report: ${input.reportPath}`)
  io.out(lines.join("\n") + "\n")
}

function customerLines(report: TrainingReport, scores: CustomerScore[]): string[] {
  const lines: string[] = []
  for (const task of [report.purchase, report.churn]) {
    if (!task) continue
    const m = task.metrics as Record<string, number>
    lines.push(
      `${task.label} in ${task.windowDays} days: ${task.chosen.learner} on the ${task.chosen.featureSet} features ` +
        `(calibration ${task.chosen.calibration}); validation at ${task.cutoffs.validation}: ROC-AUC ${num(m.rocAuc)}, ` +
        `PR-AUC ${num(m.prAuc)}, Brier ${num(m.brier)}, F1 ${num(m.f1)} at threshold ${num(task.chosen.threshold, 2)}`
    )
  }
  for (const rung of [report.ladder.purchase, report.ladder.churn]) if (rung) lines.push(`${rung.label}: ${rung.text}`)
  const { r, alpha, a, b } = report.bgnbd
  const { p, q, gamma } = report.gammaGamma
  lines.push(`BG/NBD r=${num(r)} alpha=${num(alpha)} a=${num(a)} b=${num(b)} (weeks); Gamma-Gamma p=${num(p)} q=${num(q)} gamma=${num(gamma)}`)
  lines.push(`segments: ${report.segments.map((s) => `${s.segment} ${s.customers}`).join(", ")}`)
  lines.push("", "customers most at risk (weighted by predicted lifetime value):")
  const atRisk = [...scores].sort((x, y) => y.churnRisk * y.predictedClv - x.churnRisk * x.predictedClv).slice(0, 10)
  for (const s of atRisk) {
    lines.push(`  ${s.customerId.padEnd(12)} churn ${pct(s.churnRisk).padStart(6)}  CLV ${num(s.predictedClv, 0).padStart(8)}  ${s.segment}`)
    for (const reason of s.reasons) lines.push(`      - ${reason.text}`)
  }
  return lines
}

/** What happened to a new version, in words. */
function statusWord(status: string): string {
  return status === "champion" ? "promoted" : status === "rejected" ? "not promoted" : status
}
