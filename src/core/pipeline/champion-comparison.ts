/**
 * Champion against challenger on the same validation window: a newly trained version is
 * promoted only if it ranks the customers of its own validation window better than the
 * current champion does (or if there is no champion).
 *
 * The window is the challenger's: for each of its tasks, the customers with an order
 * before its validation cutoff, and the labels it validated on (bought, or not, in the
 * window after the cutoff). The champion builds its own inputs for those customers at that
 * cutoff from the history (its feature columns, its country encoder, its horizon).
 *
 * The metric is PR-AUC (average precision), the one the tuner selects its winner by, on
 * the learners' uncalibrated probabilities as in the tuner (a calibrator is fitted on the
 * validation rows and can only merge ranks).
 *
 * Both sides are judged by their model fitted before the window (the tuned winner, whose
 * training labels end by its own validation cutoff), never by the model refitted on the
 * window's rows: for the challenger that figure is the tuner's own validation PR-AUC, and a
 * champion refitted on all its rows has, when trained shortly before, learned labels that
 * overlap most of the window and would be judged partly on its training data. (On the
 * demo's simulated store, a gradient-boosting champion trained a week before the challenger
 * scored PR-AUC 0.794 on the challenger's window with its refitted model and 0.770 with its
 * pre-window model; the challenger's figure was 0.776.) A champion whose pre-window labels
 * still reach into the window (it was trained on later data than the challenger) is
 * reported by `championOverlapDays`.
 */
import type { OrderHistory } from "../data/types"
import { InvalidInputError } from "../errors"
import { buildFeatureRows, FEATURE_COUNT } from "../features"
import { createMatrix, selectRows } from "../linalg/matrix"
import { prAuc } from "../metrics/classification"
import { DAY_MS } from "../time"
import { PR_AUC_TIE } from "../tuning"
import { classifierInputs, type ClassifierTask, type TaskLabel } from "./classifier-task"
import type { CustomerScoringModels } from "./customer-scorer"
import type { CustomerModels } from "./train-customer-models"

/** The metric the tuner selects by, and so the one a challenger must win on. */
export const PROMOTION_METRIC = "prAuc"

/** One task of the challenger, with the champion's figure on the same rows. */
export interface TaskComparison {
  /** The challenger's task, whose labels both sides are judged on. */
  task: TaskLabel
  metric: typeof PROMOTION_METRIC
  /** The challenger's validation cutoff, epoch ms; the labels cover the next windowDays days. */
  cutoff: number
  windowDays: number
  /** Validation rows (customers with an order before the cutoff). */
  rows: number
  /** The tuner's validation figure of the challenger's pre-window model. */
  challenger: number
  /** The champion's pre-window model on the same rows (for churn without a churn model: 1 - its purchase probability). */
  champion: number
  /** True when the challenger is higher by more than PR_AUC_TIE (closer figures tie, and a tie keeps the champion). */
  promote: boolean
  /** Days of the window whose labels the champion's pre-window model trained on: 0 for a fair comparison. */
  championOverlapDays: number
}

export interface ChampionComparison {
  /** The decision: the deciding task's, or true without a champion. */
  promote: boolean
  /** The task that decides: churn when the challenger has a churn model, else purchase. */
  decidedBy: TaskLabel
  /** The deciding figure's name, e.g. "churn.prAuc". */
  metric: string
  /** The deciding task's figures; champion is null without a champion. */
  challenger: number
  champion: number | null
  purchase: TaskComparison | null
  /** null when the challenger has no churn model (churn risk is 1 - purchase probability) or there is no champion. */
  churn: TaskComparison | null
}

/**
 * Compares a freshly trained challenger with the champion on the challenger's validation
 * windows. `history` must hold the lines the challenger was trained on (the champion's
 * inputs are built from it). Throws InvalidInputError when a validation customer has no
 * line before the cutoff in `history`.
 */
export function compareWithChampion(
  challenger: { models: CustomerModels },
  champion: CustomerScoringModels | null,
  history: OrderHistory
): ChampionComparison {
  const { models } = challenger
  const purchaseTask = models.purchase
  // a BG/NBD-only challenger is decided by the promotion rules (engine/promotion.ts), never compared here
  if (!purchaseTask) throw new InvalidInputError("the challenger has no purchase classifier to compare", "challenger")
  const deciding = models.churn ?? purchaseTask
  const metric = `${deciding.label}.${PROMOTION_METRIC}`
  // a champion without classifiers (BG/NBD only) has nothing to compare on the window
  if (!champion || !champion.purchase) {
    return { promote: true, decidedBy: deciding.label, metric, challenger: challengerFigure(deciding), champion: null, purchase: null, churn: null }
  }
  const purchase = compareTask(purchaseTask, champion, history)
  const churn = models.churn ? compareTask(models.churn, champion, history) : null
  const decision = churn ?? purchase
  return { promote: decision.promote, decidedBy: decision.task, metric, challenger: decision.challenger, champion: decision.champion, purchase, churn }
}

/** The tuner's validation PR-AUC of the task's winner, fitted before the window (uncalibrated). */
export function challengerFigure(task: ClassifierTask): number {
  return task.tuned.winner.candidateMetrics.prAuc
}

function compareTask(task: ClassifierTask, champion: CustomerScoringModels, history: OrderHistory): TaskComparison {
  const { cutoff, customerIds, y } = task.validation
  const rows = buildFeatureRows(history, cutoff, { horizonDays: champion.settings.horizonDays })
  const rowOf = new Map(rows.customerIds.map((id, i) => [id, i]))
  const picked = customerIds.map((id) => {
    const row = rowOf.get(id)
    if (row === undefined) {
      throw new InvalidInputError(`history has no line of validation customer ${id} before the cutoff: pass the history the challenger was trained on`, "history")
    }
    return row
  })
  const raw = selectRows(createMatrix(rows.customerIds.length, FEATURE_COUNT, rows.values), picked)
  const countries = picked.map((row) => rows.countries[row])
  const own = task.label === "churn" ? champion.churn : champion.purchase
  const judged = own ?? champion.purchase!
  const probabilities = judged.preWindowModel.predictUncalibrated(classifierInputs(judged, raw, countries))
  // a champion without a churn model gives churn risk as 1 - purchase probability
  const scores = own ? probabilities : probabilities.map((p) => 1 - p)
  const challengerValue = challengerFigure(task)
  const championValue = prAuc(y, scores)
  const overlap = Math.min(Math.max(judged.cutoffs.validation - cutoff, 0), task.windowDays * DAY_MS)
  return {
    task: task.label,
    metric: PROMOTION_METRIC,
    cutoff,
    windowDays: task.windowDays,
    rows: y.length,
    challenger: challengerValue,
    champion: championValue,
    promote: challengerValue - championValue > PR_AUC_TIE,
    championOverlapDays: overlap / DAY_MS,
  }
}
