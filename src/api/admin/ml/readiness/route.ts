import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { ML_MODULE } from "../../../../modules/ml"
import type MlModuleService from "../../../../modules/ml/service"
import { readinessAnswerJson } from "../responses"

/**
 * GET /admin/ml/readiness: whether a training now would have enough data, from the
 * store's latest readiness check: the figures against the thresholds, the plan (each
 * part, the classifiers' rung), what is missing, and the currencies whose orders carry
 * no amount for lack of a rate, measured as a training does (at the day after the last
 * order).
 *
 * The request never reads the order history: the check is made off the request (a
 * `check-readiness` job with Redis, in the background without) and by each training,
 * and stored. Answers `{ readiness, checking }`: `readiness` is the stored check with its
 * `checked_at`, or null before the first one has run; `checking` is true when a new check
 * was asked for because there was none, it is older than 10 minutes or was measured with
 * other settings, or `?refresh=true` asked for one (ask again shortly). Any other query
 * is ignored.
 */
export async function GET(req: AuthenticatedMedusaRequest, res: MedusaResponse): Promise<void> {
  const ml = req.scope.resolve<MlModuleService>(ML_MODULE)
  res.json(readinessAnswerJson(await ml.readiness({ refresh: req.query?.refresh === "true" })))
}
