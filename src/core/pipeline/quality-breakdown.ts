/**
 * Validation quality broken down by group (country, segment), so a merchant sees
 * whether the model serves some markets or customers worse. Groups smaller than
 * MIN_GROUP_SIZE are left out: their figures would be noise.
 */
import { brier, confusionAt, logLoss, prAuc, rocAuc } from "../metrics/classification"

export const MIN_GROUP_SIZE = 50

export interface GroupQuality {
  group: string
  customers: number
  positiveRate: number
  /** null when the group holds one class only (the rank metrics are undefined then). */
  rocAuc: number | null
  prAuc: number | null
  logLoss: number
  brier: number
  accuracy: number
  precision: number
  recall: number
  f1: number
}

export function qualityByGroup(
  groups: readonly string[],
  y: Uint8Array,
  probabilities: Float64Array,
  threshold: number
): GroupQuality[] {
  const members = new Map<string, number[]>()
  groups.forEach((group, i) => {
    const list = members.get(group)
    if (list) list.push(i)
    else members.set(group, [i])
  })
  const out: GroupQuality[] = []
  for (const [group, rows] of [...members.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    if (rows.length < MIN_GROUP_SIZE) continue
    const gy = Uint8Array.from(rows, (i) => y[i])
    const gp = Float64Array.from(rows, (i) => probabilities[i])
    const positives = gy.reduce((sum, v) => sum + v, 0)
    const bothClasses = positives > 0 && positives < gy.length
    const confusion = confusionAt(gy, gp, threshold)
    out.push({
      group: group || "unknown",
      customers: rows.length,
      positiveRate: positives / rows.length,
      rocAuc: bothClasses ? rocAuc(gy, gp) : null,
      prAuc: bothClasses ? prAuc(gy, gp) : null,
      logLoss: logLoss(gy, gp),
      brier: brier(gy, gp),
      accuracy: confusion.accuracy,
      precision: confusion.precision,
      recall: confusion.recall,
      f1: confusion.f1,
    })
  }
  return out
}
