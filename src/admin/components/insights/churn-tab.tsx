/** Insights → Churn risk: the scored customers, filtered, sorted and paged from the URL's parameters. */
import { useSearchParams } from "react-router-dom"
import { churnListPath, churnParamsOf, churnQueryOf, nextSort, type ChurnQuery } from "../../lib/churn-query"
import { useModelContext } from "../../lib/model-context"
import type { ChurnList } from "../../lib/types"
import { useApi } from "../../lib/use-api"
import { LoadView, PanelEmpty } from "../panel-state"
import { ReadinessNote } from "../readiness-note"
import { ChurnFilters } from "./churn-filters"
import { ChurnTable } from "./churn-table"

function ChurnResults({ list, query, onChange }: { list: ChurnList; query: ChurnQuery; onChange: (q: ChurnQuery) => void }) {
  const context = useModelContext(list.model_version_id)
  if (list.model_version_id === null) {
    return (
      <PanelEmpty title="No model yet">
        <ReadinessNote />
      </PanelEmpty>
    )
  }
  if (list.count === 0) return <PanelEmpty title="No customer matches these filters." />
  return (
    <ChurnTable
      list={list}
      query={query}
      currency={context.currency}
      onSort={(column) => onChange(nextSort(query, column))}
      onPage={(page) => onChange({ ...query, page })}
    />
  )
}

export function ChurnTab() {
  const [params, setParams] = useSearchParams()
  const query = churnQueryOf(params)
  const state = useApi<ChurnList>(churnListPath(query))
  const onChange = (next: ChurnQuery) => setParams(churnParamsOf(next, "churn"))
  return (
    <div className="divide-y">
      <ChurnFilters query={query} onChange={onChange} />
      <LoadView state={state} what="the churn list">
        {(list) => <ChurnResults list={list} query={query} onChange={onChange} />}
      </LoadView>
    </div>
  )
}
