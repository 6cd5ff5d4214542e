/** Customers and value per segment, from churn-list rows (the CSV export's columns). */

export interface SegmentTotals {
  segment: string
  customers: number
  /** Sum of predicted CLV. */
  totalClv: number
  /** Sum of churn risk × predicted CLV. */
  valueAtRisk: number
  meanChurnRisk: number
}

export interface ScoredRow {
  segment: string
  churn_risk: number
  predicted_clv: number
}

/** One entry per segment present, in the order of `order` (segments not in it last). */
export function summarizeSegments(rows: readonly ScoredRow[], order: readonly string[]): SegmentTotals[] {
  const totals = new Map<string, SegmentTotals>()
  for (const row of rows) {
    let t = totals.get(row.segment)
    if (!t) totals.set(row.segment, (t = { segment: row.segment, customers: 0, totalClv: 0, valueAtRisk: 0, meanChurnRisk: 0 }))
    t.customers += 1
    t.totalClv += row.predicted_clv
    t.valueAtRisk += row.churn_risk * row.predicted_clv
    t.meanChurnRisk += row.churn_risk
  }
  const rank = (segment: string) => {
    const i = order.indexOf(segment)
    return i === -1 ? order.length : i
  }
  return [...totals.values()]
    .map((t) => ({ ...t, meanChurnRisk: t.meanChurnRisk / t.customers }))
    .sort((a, b) => rank(a.segment) - rank(b.segment) || a.segment.localeCompare(b.segment))
}

/** Churn-list CSV records as scored rows; records with an unreadable number are left out. */
export function scoredRowsOf(records: readonly Record<string, string>[]): ScoredRow[] {
  return records.flatMap((r) => {
    const churn = Number(r.churn_risk)
    const clv = Number(r.predicted_clv)
    return r.segment && r.churn_risk !== "" && r.predicted_clv !== "" && Number.isFinite(churn) && Number.isFinite(clv)
      ? [{ segment: r.segment, churn_risk: churn, predicted_clv: clv }]
      : []
  })
}
