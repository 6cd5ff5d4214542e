/** The churn list's filters: segment, risk band, minimum CLV; and the CSV export of the filtered list. */
import { ArrowDownTray } from "@medusajs/icons"
import { Button, Input, Label, Select } from "@medusajs/ui"
import { useEffect, useState } from "react"
import { apiUrl } from "../../lib/api"
import { churnExportPath, type ChurnQuery } from "../../lib/churn-query"
import { RISK_BAND_LABELS } from "../../lib/format"
import { SEGMENT_IDS, segmentInfo } from "../../lib/segments"
import type { RiskBand } from "../../lib/types"

const ALL = "all"

export function ChurnFilters({ query, onChange }: { query: ChurnQuery; onChange: (next: ChurnQuery) => void }) {
  const [minClv, setMinClv] = useState(query.minClv === null ? "" : String(query.minClv))
  useEffect(() => setMinClv(query.minClv === null ? "" : String(query.minClv)), [query.minClv])
  const applyMinClv = () => {
    const value = minClv.trim() === "" ? null : Number(minClv)
    if (value !== query.minClv && (value === null || Number.isFinite(value))) onChange({ ...query, minClv: value, page: 0 })
  }
  return (
    <div className="flex flex-wrap items-end gap-3 px-6 py-4" data-testid="ml-churn-filters">
      <div className="flex flex-col gap-y-1">
        <Label size="xsmall">Segment</Label>
        <Select value={query.segment ?? ALL} onValueChange={(v) => onChange({ ...query, segment: v === ALL ? null : v, page: 0 })}>
          <Select.Trigger className="w-48" data-testid="ml-filter-segment">
            <Select.Value />
          </Select.Trigger>
          <Select.Content>
            <Select.Item value={ALL}>All segments</Select.Item>
            {SEGMENT_IDS.map((id) => (
              <Select.Item key={id} value={id}>
                {segmentInfo(id).label}
              </Select.Item>
            ))}
          </Select.Content>
        </Select>
      </div>
      <div className="flex flex-col gap-y-1">
        <Label size="xsmall">Risk band</Label>
        <Select value={query.riskBand ?? ALL} onValueChange={(v) => onChange({ ...query, riskBand: v === ALL ? null : (v as RiskBand), page: 0 })}>
          <Select.Trigger className="w-36" data-testid="ml-filter-risk-band">
            <Select.Value />
          </Select.Trigger>
          <Select.Content>
            <Select.Item value={ALL}>All bands</Select.Item>
            {(Object.keys(RISK_BAND_LABELS) as RiskBand[]).map((band) => (
              <Select.Item key={band} value={band}>
                {RISK_BAND_LABELS[band]}
              </Select.Item>
            ))}
          </Select.Content>
        </Select>
      </div>
      <div className="flex flex-col gap-y-1">
        <Label size="xsmall" htmlFor="ml-min-clv">
          Minimum CLV
        </Label>
        <Input
          id="ml-min-clv"
          className="w-32"
          type="number"
          min={0}
          value={minClv}
          placeholder="Any"
          onChange={(e) => setMinClv(e.target.value)}
          onBlur={applyMinClv}
          onKeyDown={(e) => e.key === "Enter" && applyMinClv()}
          data-testid="ml-filter-min-clv"
        />
      </div>
      <div className="ml-auto">
        <Button size="small" variant="secondary" asChild>
          <a href={apiUrl(churnExportPath(query))} download="churn-list.csv" data-testid="ml-export-csv">
            <ArrowDownTray />
            Export CSV
          </a>
        </Button>
      </div>
    </div>
  )
}
