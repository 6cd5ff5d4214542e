import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { ML_MODULE } from "../../../../modules/ml"
import type MlModuleService from "../../../../modules/ml/service"
import type { ModelRegistry } from "../response-types"
import { modelVersionJson } from "../responses"
import type { ModelsQuery } from "../validators"

/**
 * GET /admin/ml/models: the model registry by task, each task's newest `limit` versions
 * (default 20) with status (champion, challenger, rejected), metrics and dates.
 */
export async function GET(req: AuthenticatedMedusaRequest<unknown, ModelsQuery>, res: MedusaResponse): Promise<void> {
  const ml = req.scope.resolve<MlModuleService>(ML_MODULE)
  const tasks = await ml.reads.modelRegistry(req.validatedQuery.limit)
  res.json({ tasks: tasks.map(({ task, count, versions }) => ({ task, count, versions: versions.map(modelVersionJson) })) } satisfies ModelRegistry)
}
