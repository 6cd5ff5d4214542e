/** One task of the model registry: its champion and challengers with their metrics, and the champion's charts. */
import { Heading, Text } from "@medusajs/ui"
import { useModelContext, withinDays } from "../../lib/model-context"
import { classifiersOf, promotionOf } from "../../lib/model-metrics"
import { CUSTOMER_SCORES_TASK, RECOMMENDATIONS_TASK, type ModelVersion } from "../../lib/types"
import { championFirst } from "../../lib/versions"
import { ChampionCharts } from "./champion-charts"
import { ClassifierTable } from "./classifier-table"
import { RankingTable } from "./ranking-table"

const TITLES: Record<string, { title: string; what: string }> = {
  [CUSTOMER_SCORES_TASK]: { title: "Customer scores", what: "Purchase probability and churn risk per customer; CLV from BG/NBD and Gamma-Gamma." },
  [RECOMMENDATIONS_TASK]: { title: "Recommendations", what: "Bought-together, similar and per-customer product lists, validated on the latest orders." },
}

function CustomerScores({ versions }: { versions: ModelVersion[] }) {
  const champion = versions.find((v) => v.status === "champion")
  const entries = champion ? classifiersOf(champion.metrics) : []
  const context = useModelContext(champion?.id)
  const titles = { purchase: `Purchase ${withinDays(context.horizonDays)}`, churn: `Churn: no order ${withinDays(context.churnWindowDays)}` }
  return (
    <>
      {entries.map((entry) => (
        <div key={entry.key} className="flex flex-col gap-y-2 py-2">
          <Heading level="h3" className="px-6">
            {titles[entry.key]}
          </Heading>
          {champion?.confidence?.[entry.key] && (
            <Text size="small" className="text-ui-fg-subtle px-6" data-testid={`ml-confidence-${entry.key}`}>
              How far to trust it: {champion.confidence[entry.key]!.wording.text}.
              {!champion.confidence[entry.key]!.separates_beyond_chance && " Risk bands are not meaningful until it does better than chance."}
            </Text>
          )}
          <ClassifierTable classifier={entry.key} versions={versions} />
          <ChampionCharts entry={entry} />
        </div>
      ))}
      {champion && !entries.some((e) => e.key === "churn") && (
        <Text size="small" className="text-ui-fg-subtle px-6 pb-4" data-testid="ml-churn-note">
          Churn risk is 1 − purchase probability: the churn window equals the purchase horizon, so no separate churn model is trained.
        </Text>
      )}
    </>
  )
}

export function TaskSection({ task, count, versions }: { task: string; count: number; versions: ModelVersion[] }) {
  const ordered = championFirst(versions)
  const champion = ordered.find((v) => v.status === "champion")
  const promotion = champion ? promotionOf(champion.metrics) : null
  const title = TITLES[task] ?? { title: task, what: "" }
  return (
    <section className="flex flex-col py-4" data-testid={`ml-task-${task}`}>
      <div className="px-6 pb-2">
        <Heading level="h2">{title.title}</Heading>
        <Text size="small" className="text-ui-fg-subtle">
          {title.what} {count > versions.length ? `Newest ${versions.length} of ${count} versions.` : `${count} version${count === 1 ? "" : "s"}.`}
        </Text>
        {promotion && (
          <Text size="small" className="text-ui-fg-subtle" data-testid="ml-promotion">
            Why the champion leads: {promotion.reason} (compared on {promotion.metric}).
          </Text>
        )}
        {!champion && <Text size="small">No champion: every version of this task was rejected.</Text>}
      </div>
      {task === CUSTOMER_SCORES_TASK ? <CustomerScores versions={ordered} /> : task === RECOMMENDATIONS_TASK ? <RankingTable versions={ordered} /> : null}
    </section>
  )
}
