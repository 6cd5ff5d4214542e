import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { readChurnList } from "../churn-list"
import { churnCsvHeader, churnCsvLine } from "../churn-list-csv"
import type { ChurnExportQuery } from "../../validators"

/** GET /admin/ml/customers/export: every row of the churn list as CSV, with the list's filters and order. */
export async function GET(req: AuthenticatedMedusaRequest<unknown, ChurnExportQuery>, res: MedusaResponse): Promise<void> {
  const { rows } = await readChurnList(req.scope, req.validatedQuery)
  res.setHeader("Content-Type", "text/csv; charset=utf-8")
  res.setHeader("Content-Disposition", 'attachment; filename="churn-list.csv"')
  res.status(200).send(churnCsvHeader() + rows.map(churnCsvLine).join(""))
}
