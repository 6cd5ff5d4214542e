/**
 * The admin routes' inputs, one zod schema each (Medusa's validators make them strict,
 * so an unknown parameter is a 400 too). A bad value gives a 400 whose message names
 * the field.
 */
import { z } from "zod"
import { SEGMENT_IDS } from "../../../core/segments"
import { RISK_BANDS } from "../../../core/segments/risk-bands"
import { CHURN_SORTS } from "../../../modules/ml/reads"

/**
 * One or more of the allowed values: `?segment=at_risk,lost`, or the parameter
 * repeated. Unknown or empty values are refused with a message naming the field.
 */
function listOf<T extends string>(field: string, allowed: readonly T[]) {
  return z.union([z.string(), z.array(z.string())]).transform((raw, ctx): T[] => {
    const items = (Array.isArray(raw) ? raw : [raw]).flatMap((v) => v.split(",")).map((v) => v.trim())
    const unknown = items.filter((v) => !(allowed as readonly string[]).includes(v))
    if (items.length === 0 || unknown.length > 0) {
      ctx.addIssue({
        code: "custom",
        message: `Expected one or more of '${allowed.join(", ")}' for field '${field}', got: '${unknown.join(",")}'`,
      })
      return z.NEVER
    }
    return [...new Set(items)] as T[]
  })
}

const limit = (max: number, fallback: number) => z.coerce.number().int().min(1).max(max).default(fallback)

/** Filters shared by the churn list and its CSV export. */
const churnFilters = {
  /** RFM segments, any of them, e.g. `at_risk,cant_lose`. */
  segment: listOf("segment", SEGMENT_IDS).optional(),
  /** Churn-risk bands, any of them: low (< 0.4), medium (0.4 to < 0.7), high (>= 0.7). */
  risk_band: listOf("risk_band", RISK_BANDS).optional(),
  /** Only customers whose predicted CLV is at least this, in the store's default currency. */
  min_clv: z.coerce.number().optional(),
  /** @defaultValue "churn_risk" */
  sort: z.enum(CHURN_SORTS).default("churn_risk"),
  /** @defaultValue "desc" */
  order: z.enum(["asc", "desc"]).default("desc"),
}

/** GET /admin/ml/customers */
export const churnListQuerySchema = z.object({
  ...churnFilters,
  /** Rows per page, 1 to 100. @defaultValue 20 */
  limit: limit(100, 20),
  /** Rows to skip. @defaultValue 0 */
  offset: z.coerce.number().int().min(0).default(0),
})
export type ChurnListQuery = z.infer<typeof churnListQuerySchema>

/** GET /admin/ml/customers/export: the same filters and order, every row. */
export const churnExportQuerySchema = z.object(churnFilters)
export type ChurnExportQuery = z.infer<typeof churnExportQuerySchema>

/** GET /admin/ml/models */
export const modelsQuerySchema = z.object({
  /** Versions per task, newest first, 1 to 100. @defaultValue 20 */
  limit: limit(100, 20),
})
export type ModelsQuery = z.infer<typeof modelsQuerySchema>

/** GET /admin/ml/runs */
export const runsQuerySchema = z.object({
  /** Runs, newest first, 1 to 100. @defaultValue 20 */
  limit: limit(100, 20),
})
export type RunsQuery = z.infer<typeof runsQuerySchema>

/** POST /admin/ml/train: no options; a training uses the plugin's. */
export const trainBodySchema = z.object({})
export type TrainBody = z.infer<typeof trainBodySchema>
