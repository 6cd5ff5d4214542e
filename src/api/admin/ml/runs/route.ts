import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { ML_MODULE } from "../../../../modules/ml"
import type MlModuleService from "../../../../modules/ml/service"
import { trainingRunJson } from "../responses"
import type { RunsQuery } from "../validators"

/**
 * GET /admin/ml/runs: training runs, newest first, whatever their outcome (a run that
 * failed or ended "not enough data" before writing a version shows here with its error).
 * The full report of a run is at /admin/ml/runs/:id.
 */
export async function GET(req: AuthenticatedMedusaRequest<unknown, RunsQuery>, res: MedusaResponse): Promise<void> {
  const ml = req.scope.resolve<MlModuleService>(ML_MODULE)
  const runs = await ml.reads.trainingRuns(req.validatedQuery.limit)
  res.json({ runs: runs.map((run) => ({ ...trainingRunJson(run), report: undefined })) })
}
