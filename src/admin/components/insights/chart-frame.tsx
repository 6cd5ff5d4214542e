/**
 * A unit-square chart frame (both axes 0 to 1) drawn in plain SVG. The Models tab
 * has two small charts; plain SVG draws them without adding a chart library to every
 * store's admin bundle, and its strokes use `currentColor`, so they follow the
 * admin's light and dark themes through the text colour classes.
 */
import type { ReactNode } from "react"

export const CHART = { width: 260, height: 240, left: 40, right: 12, top: 12, bottom: 40 } as const

export const xOf = (v: number) => CHART.left + v * (CHART.width - CHART.left - CHART.right)
export const yOf = (v: number) => CHART.height - CHART.bottom - v * (CHART.height - CHART.top - CHART.bottom)

const TICKS = [0, 0.25, 0.5, 0.75, 1]

export function ChartFrame({ title, xLabel, yLabel, children, testId }: { title: string; xLabel: string; yLabel: string; children: ReactNode; testId: string }) {
  return (
    <svg viewBox={`0 0 ${CHART.width} ${CHART.height}`} className="text-ui-fg-subtle w-full max-w-xs" role="img" aria-label={title} data-testid={testId}>
      <title>{title}</title>
      <g stroke="currentColor" strokeOpacity={0.15}>
        {TICKS.map((t) => (
          <g key={t}>
            <line x1={xOf(t)} x2={xOf(t)} y1={yOf(0)} y2={yOf(1)} />
            <line x1={xOf(0)} x2={xOf(1)} y1={yOf(t)} y2={yOf(t)} />
          </g>
        ))}
      </g>
      <g fill="currentColor" fontSize={9}>
        {TICKS.map((t) => (
          <g key={t}>
            <text x={xOf(t)} y={yOf(0) + 12} textAnchor="middle">
              {t}
            </text>
            <text x={xOf(0) - 6} y={yOf(t) + 3} textAnchor="end">
              {t}
            </text>
          </g>
        ))}
        <text x={xOf(0.5)} y={CHART.height - 8} textAnchor="middle" fontSize={10}>
          {xLabel}
        </text>
        <text x={10} y={yOf(0.5)} textAnchor="middle" fontSize={10} transform={`rotate(-90 10 ${yOf(0.5)})`}>
          {yLabel}
        </text>
      </g>
      <line x1={xOf(0)} y1={yOf(0)} x2={xOf(1)} y2={yOf(1)} stroke="currentColor" strokeDasharray="4 3" strokeOpacity={0.5} />
      {children}
    </svg>
  )
}
