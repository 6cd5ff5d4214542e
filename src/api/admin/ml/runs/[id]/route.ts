import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { MedusaError } from "@medusajs/framework/utils"
import { ML_MODULE } from "../../../../../modules/ml"
import type MlModuleService from "../../../../../modules/ml/service"
import { trainingRunJson } from "../../responses"

/** GET /admin/ml/runs/:id: a training run's status, stage, progress (0..1), error, timings and report; 404 if unknown. */
export async function GET(req: AuthenticatedMedusaRequest, res: MedusaResponse): Promise<void> {
  const ml = req.scope.resolve<MlModuleService>(ML_MODULE)
  const run = await ml.reads.trainingRun(req.params.id)
  if (!run) throw new MedusaError(MedusaError.Types.NOT_FOUND, `Training run with id: ${req.params.id} was not found`)
  res.json({ run: trainingRunJson(run) })
}
