/** The body of the customer widget for a scored customer: scores, next order, segment, reasons, products, provenance. */
import { Badge, Heading, Text } from "@medusajs/ui"
import { dateTime, day, decimal, money, percent } from "../lib/format"
import { useModelContext, withinDays } from "../lib/model-context"
import type { CustomerInsight } from "../lib/types"
import { FieldRow } from "./field-row"
import { nextOrderOf } from "../lib/next-order"
import { CustomerPicks } from "./customer-picks"
import { RiskBadge } from "./risk-badge"

type Scored = Extract<CustomerInsight, { status: "scored" }>

export function CustomerScores({ insight }: { insight: Scored }) {
  const { prediction: p, segment, model, customer } = insight
  const context = useModelContext(p.model_version_id)
  const nextOrder = nextOrderOf(p.scored_at, p.expected_orders, context.horizonDays)
  return (
    <>
      <FieldRow label="Churn risk" testId="ml-churn-risk" value={p.churn_risk}>
        <div className="flex flex-col items-start gap-y-1">
          <RiskBadge band={p.risk_band} churnRisk={p.churn_risk} />
          <Text size="xsmall" className="text-ui-fg-muted">
            chance of no order {withinDays(context.churnWindowDays)}
          </Text>
        </div>
      </FieldRow>
      <FieldRow label="Gone for good" testId="ml-gone-for-good" value={1 - p.p_alive}>
        <div className="flex flex-col items-start gap-y-1">
          <Text size="small">{percent(1 - p.p_alive)}</Text>
          <Text size="xsmall" className="text-ui-fg-muted">
            chance this customer has stopped buying altogether (BG/NBD), not just paused
          </Text>
        </div>
      </FieldRow>
      <FieldRow label="Purchase probability" testId="ml-purchase-probability" value={p.purchase_probability}>
        {percent(p.purchase_probability)} {withinDays(context.horizonDays)}
      </FieldRow>
      <FieldRow label="Predicted lifetime value" testId="ml-clv" value={p.predicted_clv}>
        {money(p.predicted_clv, context.currency)}
        {context.clvHorizonDays !== null && <span className="text-ui-fg-muted"> over {context.clvHorizonDays} days</span>}
      </FieldRow>
      <FieldRow label="Expected orders" testId="ml-expected-orders" value={p.expected_orders}>
        {decimal(p.expected_orders)} {withinDays(context.horizonDays)} ({money(p.expected_spend, context.currency)})
      </FieldRow>
      <FieldRow label="Expected next order" testId="ml-next-order">
        {nextOrder.kind === "around" && <span data-date={nextOrder.date}>around {day(nextOrder.date)}</span>}
        {nextOrder.kind === "not_expected" && <>not expected within {nextOrder.horizonDays} days</>}
        {nextOrder.kind === "unknown" && <span className="text-ui-fg-muted">–</span>}
      </FieldRow>
      <FieldRow label="Segment" testId="ml-segment">
        <div className="flex flex-col gap-y-1">
          <div className="flex items-center gap-x-2">
            <Text size="small" weight="plus">
              {segment?.label ?? p.segment}
            </Text>
            {segment?.action && (
              <Badge size="2xsmall" color="blue">
                {segment.action}
              </Badge>
            )}
          </div>
          {segment?.description && (
            <Text size="xsmall" className="text-ui-fg-muted">
              {segment.description}
            </Text>
          )}
        </div>
      </FieldRow>
      <div className="px-6 py-3">
        <Heading level="h3" className="mb-2">
          Why
        </Heading>
        {p.reasons.length === 0 ? (
          <Text size="small" className="text-ui-fg-muted">
            No reason stands out for this customer.
          </Text>
        ) : (
          <ul className="flex flex-col gap-y-1" data-testid="ml-reasons">
            {p.reasons.map((r) => (
              <li key={r.feature} className="flex items-start gap-x-2">
                <Badge size="2xsmall" color={r.contribution > 0 ? "red" : "green"}>
                  {r.contribution > 0 ? "raises risk" : "lowers risk"}
                </Badge>
                <Text size="small" data-testid="ml-reason-text">
                  {r.text}
                </Text>
              </li>
            ))}
          </ul>
        )}
      </div>
      <div className="px-6 py-3">
        <CustomerPicks customerId={customer.id} />
      </div>
      {model.ladder && <ScoreBasis ladder={model.ladder} />}
      <div className="px-6 py-3">
        <Text size="xsmall" className="text-ui-fg-muted" data-testid="ml-scored-at">
          Scored {dateTime(p.scored_at)} by model {model.id} (orders before {day(model.data_cutoff)})
        </Text>
      </div>
    </>
  )
}

/** What the purchase and churn scores rest on, and, for a young store, which parts are missing and when they will appear. */
function ScoreBasis({ ladder }: { ladder: NonNullable<Scored["model"]["ladder"]> }) {
  const rungs = [
    { name: "Purchase probability", rung: ladder.purchase },
    ...(ladder.churn ? [{ name: "Churn risk", rung: ladder.churn }] : []),
  ]
  return (
    <div className="px-6 py-3" data-testid="ml-score-basis">
      {rungs.map(({ name, rung }) => (
        <Text key={name} size="xsmall" className="text-ui-fg-muted" data-rung={rung.rung}>
          {name}: {rung.rung === "bgnbd" ? `from the repeat-purchase model alone; the classifier appears once the store has ${rung.next}` : rung.text}
        </Text>
      ))}
    </div>
  )
}
