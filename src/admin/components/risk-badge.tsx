import { Badge } from "@medusajs/ui"
import { percent, RISK_BAND_LABELS, riskColour } from "../lib/format"
import type { RiskBand } from "../lib/types"

/** "High · 87%" in the band's colour. */
export function RiskBadge({ band, churnRisk }: { band: RiskBand; churnRisk: number }) {
  return (
    <Badge size="2xsmall" color={riskColour(band)} data-testid="ml-risk-badge">
      {RISK_BAND_LABELS[band] ?? band} · {percent(churnRisk)}
    </Badge>
  )
}
