/**
 * The shapes of the plugin's admin API as the admin reads them. They are declared once,
 * beside the routes (src/api/admin/ml/response-types.ts, types only, erased from the
 * bundle), and the task names once in src/engine/names.ts (a file without imports).
 */
export type * from "../../api/admin/ml/response-types"
export { CUSTOMER_SCORES_TASK, RECOMMENDATIONS_TASK } from "../../engine/names"
