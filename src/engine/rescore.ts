/**
 * `score-customers`: rescore some customers with the current champion's models at a new
 * as-of (after their order, or for everyone when a retrained challenger lost), replacing
 * their rows of the champion's predictions in one transaction. A champion stored with the
 * population figures (population-figures.ts) needs only those customers' lines, and the
 * loader is asked for only them; an older one reads every customer's.
 */
import { dayAfter } from "../core/time"
import { restoreCustomerModels, scoreCustomersWith, type RestoredCustomerModels } from "../core/pipeline/customer-scorer"
import type { HistorySource } from "./payloads"
import type { MlStore } from "../store/ml-store"
import type { HistoryLoader } from "./history-source"
import { CUSTOMER_SCORES_TASK, predictionRows } from "./save-customer-scores"

export interface RescoreRequest {
  source: HistorySource
  customerIds: string[]
  /** Epoch ms; absent: the start of the day after the last order line. */
  asOf?: number
}

/** Restored models by version id: a worker rescoring batch after batch restores each champion once. */
const restored = new Map<string, RestoredCustomerModels>()

/** Returns how many customers got new predictions (0 when there is no champion yet). */
export async function rescoreCustomers(store: MlStore, loadHistory: HistoryLoader, request: RescoreRequest): Promise<number> {
  const champion = await store.champion(CUSTOMER_SCORES_TASK)
  if (!champion) return 0
  let models = restored.get(champion.id)
  if (!models) {
    models = restoreCustomerModels(champion.model)
    restored.clear()
    restored.set(champion.id, models)
  }
  // with the population figures stored, the scores need only the rescored customers' lines
  const customerIds = models.population ? request.customerIds : undefined
  const { history, sourceLastAt } = await loadHistory(request.source, { asOf: request.asOf, customerIds })
  if (history.lines.length === 0) return 0
  const asOf = request.asOf ?? dayAfter(sourceLastAt ?? history.lastAt)
  const scores = scoreCustomersWith(models, history, { asOf, customerIds: request.customerIds })
  await store.replacePredictions(champion.id, predictionRows(scores, new Date()))
  return scores.length
}
