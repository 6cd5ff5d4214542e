import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { ML_MODULE } from "../../../../modules/ml"
import type MlModuleService from "../../../../modules/ml/service"

/** GET /admin/ml/status: store and queue health, worker mode, champion models, stored counts. */
export async function GET(req: MedusaRequest, res: MedusaResponse): Promise<void> {
  const ml = req.scope.resolve<MlModuleService>(ML_MODULE)
  res.json({ status: await ml.status() })
}
