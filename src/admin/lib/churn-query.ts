/**
 * The churn list's filters, sort and page, kept in the page's URL (so a view can be
 * linked to, and the Segments tab can open the list of one segment), and the API
 * paths they give.
 */
import { apiPath } from "./api"
import type { RiskBand } from "./types"

export const CHURN_SORTS = ["churn_risk", "clv", "purchase_probability", "value_at_risk"] as const
export type ChurnSort = (typeof CHURN_SORTS)[number]
export type SortOrder = "asc" | "desc"

export const CHURN_PAGE_SIZE = 20

export interface ChurnQuery {
  segment: string | null
  riskBand: RiskBand | null
  minClv: number | null
  sort: ChurnSort
  order: SortOrder
  page: number
}

const BANDS: readonly string[] = ["low", "medium", "high"]

/** Reads the query from URL parameters; anything unreadable falls back to its default. */
export function churnQueryOf(params: URLSearchParams): ChurnQuery {
  const sort = params.get("sort")
  const minClv = params.get("min_clv")
  const page = Number(params.get("page"))
  const band = params.get("risk_band")
  return {
    segment: params.get("segment") || null,
    riskBand: band && BANDS.includes(band) ? (band as RiskBand) : null,
    minClv: minClv !== null && minClv !== "" && Number.isFinite(Number(minClv)) ? Number(minClv) : null,
    sort: (CHURN_SORTS as readonly string[]).includes(sort ?? "") ? (sort as ChurnSort) : "churn_risk",
    order: params.get("order") === "asc" ? "asc" : "desc",
    page: Number.isInteger(page) && page > 0 ? page : 0,
  }
}

/** The URL parameters of a query (defaults left out), keeping `tab`. */
export function churnParamsOf(query: ChurnQuery, tab: string): URLSearchParams {
  const params = new URLSearchParams({ tab })
  if (query.segment) params.set("segment", query.segment)
  if (query.riskBand) params.set("risk_band", query.riskBand)
  if (query.minClv !== null) params.set("min_clv", String(query.minClv))
  if (query.sort !== "churn_risk") params.set("sort", query.sort)
  if (query.order !== "desc") params.set("order", query.order)
  if (query.page > 0) params.set("page", String(query.page))
  return params
}

function filters(query: ChurnQuery) {
  return { segment: query.segment, risk_band: query.riskBand, min_clv: query.minClv, sort: query.sort, order: query.order }
}

export function churnListPath(query: ChurnQuery): string {
  return apiPath("/admin/ml/customers", { ...filters(query), limit: CHURN_PAGE_SIZE, offset: query.page * CHURN_PAGE_SIZE })
}

export function churnExportPath(query: ChurnQuery): string {
  return apiPath("/admin/ml/customers/export", filters(query))
}

/** Clicking a column: the same column flips the order, another starts descending. */
export function nextSort(query: ChurnQuery, column: ChurnSort): ChurnQuery {
  const order: SortOrder = query.sort === column ? (query.order === "desc" ? "asc" : "desc") : "desc"
  return { ...query, sort: column, order, page: 0 }
}
