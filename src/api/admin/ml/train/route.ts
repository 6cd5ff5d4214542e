import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { ML_MODULE } from "../../../../modules/ml"
import { JobQueueError, TrainingInProgressError } from "../../../../modules/ml/job-launcher"
import type MlModuleService from "../../../../modules/ml/service"
import type { TrainBody } from "../validators"

/**
 * POST /admin/ml/train: starts a training of the store's orders; 202 with the run id to
 * follow at GET /admin/ml/runs/:id, 409 with the id of the run already queued or running,
 * or 503 when the job queue cannot take it now (Redis down or refusing; the message says
 * which, without any secret).
 */
export async function POST(req: AuthenticatedMedusaRequest<TrainBody>, res: MedusaResponse): Promise<void> {
  const ml = req.scope.resolve<MlModuleService>(ML_MODULE)
  try {
    const { runId } = await ml.jobs.requestTraining("admin")
    res.status(202).json({ run_id: runId })
  } catch (error) {
    if (error instanceof TrainingInProgressError) {
      res.status(409).json({ type: "conflict", message: error.message, run_id: error.run.id })
    } else if (error instanceof JobQueueError) {
      res.status(503).json({ type: "unavailable", message: error.message })
    } else throw error
  }
}
