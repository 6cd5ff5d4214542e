import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { ML_MODULE } from "../../../../modules/ml"
import { TrainingInProgressError } from "../../../../modules/ml/job-launcher"
import type MlModuleService from "../../../../modules/ml/service"
import type { TrainBody } from "../validators"

/**
 * POST /admin/ml/train: starts a training of the store's orders; 202 with the run id to
 * follow at GET /admin/ml/runs/:id, or 409 with the id of the run already queued or running.
 */
export async function POST(req: AuthenticatedMedusaRequest<TrainBody>, res: MedusaResponse): Promise<void> {
  const ml = req.scope.resolve<MlModuleService>(ML_MODULE)
  try {
    const { runId } = await ml.jobs.requestTraining("admin")
    res.status(202).json({ run_id: runId })
  } catch (error) {
    if (!(error instanceof TrainingInProgressError)) throw error
    res.status(409).json({ type: "conflict", message: error.message, run_id: error.run.id })
  }
}
