/**
 * What the routes read from the plugin's store, as the module service offers it: the
 * champions, the churn list, one customer's or product's outputs, the stored lists a
 * storefront request needs, the model registry and the training runs. Routes call these
 * through the service and never reach the store's tables themselves.
 */
import { CUSTOMER_SCORES_TASK, RECOMMENDATIONS_TASK } from "../../engine/names"
import type { CustomerPrediction, ModelVersion, Recommendation, TrainingRun } from "../../models"
import type { MlStore } from "../../store/ml-store"
import { versionsByTask, type TaskVersions } from "../../store/model-version-queries"
import {
  churnList,
  customerListOf,
  predictionOf,
  productListsOf,
  type ChurnListFilter,
  type ChurnListOrder,
  type ChurnListPage,
  type Page,
  type ProductListKind,
} from "../../store/prediction-queries"
import { readSelectedLists, type ListSelection } from "../../store/storefront-list-queries"

export { CHURN_SORTS, type ChurnListFilter, type ChurnListOrder, type ChurnSort, type Page } from "../../store/prediction-queries"
export type { ModelVersionSummary, TaskVersions } from "../../store/model-version-queries"
export type { ListSelection } from "../../store/storefront-list-queries"
export type { DataReport } from "../../engine/history-source"

/** One entry of a stored list, as the storefront reads it. */
export type StoredListEntry = Pick<Recommendation, "sourceType" | "sourceId" | "rank" | "productId" | "score">

export class MlReads {
  constructor(private readonly store: () => MlStore) {}

  /** The champion of the customer model, or null before the first training. */
  customerModel(): Promise<ModelVersion | null> {
    return this.store().champion(CUSTOMER_SCORES_TASK)
  }

  /** The champion of the recommendations model, or null before the first training. */
  recommendationsModel(): Promise<ModelVersion | null> {
    return this.store().champion(RECOMMENDATIONS_TASK)
  }

  /** One page of a version's churn list (every row without `page`), with the count of all matching rows. */
  churnList(filter: ChurnListFilter, order: ChurnListOrder, page?: Page): Promise<ChurnListPage> {
    return churnList(this.store().source, filter, order, page)
  }

  /** A customer's prediction in a version, or null. */
  prediction(modelVersionId: string, customerId: string): Promise<CustomerPrediction | null> {
    return predictionOf(this.store().source, modelVersionId, customerId)
  }

  /** A product's similar and bought-together lists in a version. */
  productLists(modelVersionId: string, productId: string): Promise<Record<ProductListKind, Recommendation[]>> {
    return productListsOf(this.store().source, modelVersionId, productId)
  }

  /** A customer's own list in a version. */
  customerList(modelVersionId: string, customerId: string): Promise<Recommendation[]> {
    return customerListOf(this.store().source, modelVersionId, customerId)
  }

  /** The entries of the selected lists of a version (a storefront request's). */
  selectedLists(modelVersionId: string, selections: readonly ListSelection[]): Promise<StoredListEntry[]> {
    return readSelectedLists(this.store().source, modelVersionId, selections)
  }

  /** Each task's newest `perTask` versions. */
  modelRegistry(perTask: number): Promise<TaskVersions[]> {
    return versionsByTask(this.store().source, perTask)
  }

  /** Training runs, newest first. */
  trainingRuns(limit: number): Promise<TrainingRun[]> {
    return this.store().trainingRuns(limit)
  }

  /** A training run, or null. */
  trainingRun(id: string): Promise<TrainingRun | null> {
    return this.store().trainingRun(id)
  }
}
