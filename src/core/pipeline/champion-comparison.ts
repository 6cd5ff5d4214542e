/**
 * Champion against challenger on data neither was selected on.
 *
 * The rows: the challenger's validation customers that are held out of model selection
 * (validation-folds.ts: one customer in HOLDOUT_ONE_IN by a hash of the id, the same
 * customers every run, so last night's champion was not selected on them either), at the
 * challenger's validation cutoff, with the labels of the window after it. When the holdout
 * lacks a class (a very small store), every validation customer is used instead.
 *
 * Both sides are scored the same way: by their model fitted before the window (trained on
 * labels that end by the validation cutoff), never by the model refitted on the window's
 * rows, on the learners' uncalibrated probabilities; the champion builds its own inputs
 * for those customers at that cutoff from the history. The figure is ROC-AUC, the metric
 * the search selects by.
 *
 * The rule: the difference challenger - champion and its standard error, by a paired
 * bootstrap over the compared customers (seeded by the cutoff, so a rerun decides the
 * same). The challenger is promoted when it is ahead by more than one standard error,
 * rejected when behind by more, and a tie keeps the champion: a retrain on unchanged data
 * does not replace the champion by luck of the search. Without a champion (or with one
 * stored in a format this release cannot read) the challenger is promoted.
 */
import type { OrderHistory } from "../data/types"
import { InvalidInputError } from "../errors"
import { buildFeatureRows, FEATURE_COUNT } from "../features"
import { createMatrix, selectRows } from "../linalg/matrix"
import { rocAuc } from "../metrics/classification"
import { pairedDifference } from "../metrics/uncertainty"
import { createRandom, type Random } from "../random"
import { DAY_MS } from "../time"
import { classifierInputs, type ClassifierTask, type TaskLabel } from "./classifier-task"
import type { CustomerScoringModels } from "./customer-scorer"
import type { CustomerModels } from "./train-customer-models"

/** The metric the search selects by, and so the one a challenger must win on. */
export const PROMOTION_METRIC = "rocAuc"

/** Bootstrap replicates of the paired difference. */
export const PROMOTION_REPLICATES = 200

/** promoted: ahead by more than one SE; rejected: behind by more; tie: within one SE (the champion stays). */
export type PromotionOutcome = "promoted" | "rejected" | "tie" | "no_champion"

/** The outcome of a paired comparison: ahead or behind by more than one standard error, else a tie. */
export function promotionOutcome(difference: number, standardError: number): Exclude<PromotionOutcome, "no_champion"> {
  const se = Number.isFinite(standardError) ? standardError : Number.POSITIVE_INFINITY
  if (difference > se) return "promoted"
  if (difference < -se) return "rejected"
  return "tie"
}

/** Challenger and champion scores of the same customers, judged by ROC-AUC with a paired bootstrap. */
export function compareScores(
  y: ArrayLike<number>,
  challengerScores: ArrayLike<number>,
  championScores: ArrayLike<number>,
  random: Random
): { challenger: number; champion: number; difference: number; standardError: number; outcome: Exclude<PromotionOutcome, "no_champion"> } {
  const paired = pairedDifference(y, challengerScores, championScores, rocAuc, { random, replicates: PROMOTION_REPLICATES })
  return {
    challenger: rocAuc(y, challengerScores),
    champion: rocAuc(y, championScores),
    difference: paired.difference,
    standardError: paired.standardError,
    outcome: promotionOutcome(paired.difference, paired.standardError),
  }
}

/** One task of the challenger, with the champion's figure on the same rows. */
export interface TaskComparison {
  /** The challenger's task, whose labels both sides are judged on. */
  task: TaskLabel
  metric: typeof PROMOTION_METRIC
  /** The challenger's validation cutoff, epoch ms; the labels cover the next windowDays days. */
  cutoff: number
  windowDays: number
  /** Customers compared: the holdout, or every validation customer when the holdout lacks a class. */
  rows: number
  rowsFrom: "holdout" | "validation"
  /** The challenger's pre-window model on those rows. */
  challenger: number
  /** The champion's pre-window model on the same rows (for churn without a churn model: 1 - its purchase probability). */
  champion: number
  /** Paired-bootstrap standard error of challenger - champion. */
  standardError: number
  outcome: Exclude<PromotionOutcome, "no_champion">
  promote: boolean
  /** Days of the window whose labels the champion's pre-window model trained on: 0 for a fair comparison. */
  championOverlapDays: number
}

export interface ChampionComparison {
  /** The decision: the deciding task's, or true without a champion. */
  promote: boolean
  outcome: PromotionOutcome
  /** The task that decides: churn when the challenger has a churn model, else purchase. */
  decidedBy: TaskLabel
  /** The deciding figure's name, e.g. "churn.rocAuc". */
  metric: string
  /** The deciding task's figures; champion is null without a champion. */
  challenger: number
  champion: number | null
  /** Paired standard error of the deciding difference; null without a champion. */
  standardError: number | null
  purchase: TaskComparison | null
  /** null when the challenger has no churn model (churn risk is 1 - purchase probability) or there is no champion. */
  churn: TaskComparison | null
}

/**
 * Compares a freshly trained challenger with the champion on the held-out customers of the
 * challenger's validation windows. `history` must hold the lines the challenger was
 * trained on (the champion's inputs are built from it). Throws InvalidInputError when a
 * validation customer has no line before the cutoff in `history`.
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
  // no champion, or one without classifiers (BG/NBD only): nothing to compare on the window
  if (!champion || !champion.purchase) {
    const rows = comparedRows(deciding)
    const figure = rocAuc(pickLabels(deciding, rows), challengerScores(deciding, rows))
    return { promote: true, outcome: "no_champion", decidedBy: deciding.label, metric, challenger: figure, champion: null, standardError: null, purchase: null, churn: null }
  }
  const purchase = compareTask(purchaseTask, champion, history)
  const churn = models.churn ? compareTask(models.churn, champion, history) : null
  const decision = churn ?? purchase
  return {
    promote: decision.promote,
    outcome: decision.outcome,
    decidedBy: decision.task,
    metric,
    challenger: decision.challenger,
    champion: decision.champion,
    standardError: decision.standardError,
    purchase,
    churn,
  }
}

/** Validation rows compared: the held-out ones, or all when the holdout lacks a class. */
function comparedRows(task: ClassifierTask): { rows: number[]; from: "holdout" | "validation" } {
  const { holdout, y } = task.validation
  const held: number[] = []
  let positives = 0
  holdout.forEach((h, i) => {
    if (h === 1) {
      held.push(i)
      positives += y[i]
    }
  })
  if (positives > 0 && positives < held.length) return { rows: held, from: "holdout" }
  return { rows: Array.from({ length: y.length }, (_, i) => i), from: "validation" }
}

const pickLabels = (task: ClassifierTask, picked: { rows: number[] }) => Uint8Array.from(picked.rows, (i) => task.validation.y[i])

/** The challenger's pre-window model on the compared rows (uncalibrated). */
function challengerScores(task: ClassifierTask, picked: { rows: number[] }): Float64Array {
  return task.preWindowModel.predictUncalibrated(selectRows(task.validation.inputs, picked.rows))
}

function compareTask(task: ClassifierTask, champion: CustomerScoringModels, history: OrderHistory): TaskComparison {
  const { cutoff, customerIds } = task.validation
  const picked = comparedRows(task)
  const y = pickLabels(task, picked)
  const rows = buildFeatureRows(history, cutoff, { horizonDays: champion.settings.horizonDays })
  const rowOf = new Map(rows.customerIds.map((id, i) => [id, i]))
  const championRows = picked.rows.map((k) => {
    const row = rowOf.get(customerIds[k])
    if (row === undefined) {
      throw new InvalidInputError(`history has no line of validation customer ${customerIds[k]} before the cutoff: pass the history the challenger was trained on`, "history")
    }
    return row
  })
  const raw = selectRows(createMatrix(rows.customerIds.length, FEATURE_COUNT, rows.values), championRows)
  const countries = championRows.map((row) => rows.countries[row])
  const own = task.label === "churn" ? champion.churn : champion.purchase
  const judged = own ?? champion.purchase!
  const probabilities = judged.preWindowModel.predictUncalibrated(classifierInputs(judged, raw, countries))
  // a champion without a churn model gives churn risk as 1 - purchase probability
  const championScores = own ? probabilities : probabilities.map((p) => 1 - p)
  const compared = compareScores(y, challengerScores(task, picked), championScores, createRandom(Math.floor(cutoff / DAY_MS)))
  const overlap = Math.min(Math.max(judged.cutoffs.validation - cutoff, 0), task.windowDays * DAY_MS)
  return {
    task: task.label,
    metric: PROMOTION_METRIC,
    cutoff,
    windowDays: task.windowDays,
    rows: y.length,
    rowsFrom: picked.from,
    challenger: compared.challenger,
    champion: compared.champion,
    standardError: compared.standardError,
    outcome: compared.outcome,
    promote: compared.outcome === "promoted",
    championOverlapDays: overlap / DAY_MS,
  }
}
