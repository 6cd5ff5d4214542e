import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { checkReadiness } from "../../../../core/pipeline/readiness"
import { dayAfter } from "../../../../core/time"
import { ML_MODULE } from "../../../../modules/ml"
import { STORE_SOURCE } from "../../../../modules/ml/job-launcher"
import type MlModuleService from "../../../../modules/ml/service"
import { readinessJson } from "../responses"

/**
 * GET /admin/ml/readiness: whether a training now would have enough data: the store's
 * figures against the readiness thresholds, what is missing, and the currencies whose
 * orders carry no amount for lack of a rate. Reads the orders as a training does, and
 * measures at the same as-of (the day after the last order).
 */
export async function GET(req: AuthenticatedMedusaRequest, res: MedusaResponse): Promise<void> {
  const ml = req.scope.resolve<MlModuleService>(ML_MODULE)
  const { history, data } = await ml.jobs.loader()(STORE_SOURCE, {})
  const asOf = history.lines.length > 0 ? dayAfter(history.lastAt) : Date.now()
  const thresholds = ml.options.readiness
  // the training's own windows, so readiness shows the plan a training will follow
  const windows = { horizonDays: ml.options.horizonDays, churnWindowDays: ml.options.churnWindowDays ?? ml.options.horizonDays }
  res.json({ readiness: readinessJson(checkReadiness(history, asOf, thresholds, windows), thresholds, asOf, data) })
}
