/**
 * Churn-risk bands, the coarse reading of a churn risk that merchants filter by:
 *
 *   low     churn risk <  0.4
 *   medium  0.4 <= churn risk < 0.7
 *   high    0.7 <= churn risk
 *
 * Churn risk is P(no order within the churn window). The cut points are conventional
 * round numbers, not fitted to a store. They are defined here once: the label of a
 * score (`riskBandOf`) and the interval a filter selects (`riskBandRange`) are read
 * from the same table, so the two can never disagree.
 */
import { InvalidInputError } from "../errors"

export const RISK_BANDS = ["low", "medium", "high"] as const

export type RiskBand = (typeof RISK_BANDS)[number]

/** A band's interval of churn risk: from `min` (inclusive) to `below` (exclusive; null = no upper end). */
export interface RiskBandRange {
  min: number
  below: number | null
}

const RANGES: Readonly<Record<RiskBand, RiskBandRange>> = {
  low: { min: 0, below: 0.4 },
  medium: { min: 0.4, below: 0.7 },
  high: { min: 0.7, below: null },
}

/** The interval of churn risk a band covers. */
export function riskBandRange(band: RiskBand): RiskBandRange {
  return RANGES[band]
}

/** The band of a churn risk in [0, 1]; throws on anything else. */
export function riskBandOf(churnRisk: number): RiskBand {
  if (!Number.isFinite(churnRisk) || churnRisk < 0 || churnRisk > 1) {
    throw new InvalidInputError(`churn risk is ${churnRisk}, expected a probability from 0 to 1`, "churnRisk")
  }
  const band = RISK_BANDS.find((b) => {
    const { min, below } = RANGES[b]
    return churnRisk >= min && (below === null || churnRisk < below)
  })
  return band as RiskBand
}

export function isRiskBand(value: string): value is RiskBand {
  return (RISK_BANDS as readonly string[]).includes(value)
}
