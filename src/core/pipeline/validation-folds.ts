/**
 * The rows of repeated out-of-time validation, and the promotion holdout.
 *
 * Folds (oldest first, at most `maxFolds`): the final fold validates at the validation
 * cutoff V and trains on every stacked training row; each earlier fold validates at
 * V - k · step on the customers of that day and trains on the stacked blocks whose label
 * windows end by it. Every label window ends before as-of, so nothing on or after as-of is read.
 *
 * Holdout: a fixed share of customers, chosen by a hash of their id (the same customers
 * every run, so neither last night's champion nor tonight's challenger was selected on
 * them), is left out of the final fold's validation rows (earlier folds' labels end before
 * the validation window, and a champion trained then has learned them anyway). Champion and challenger are compared
 * on them (champion-comparison.ts). They still count as training rows at earlier cutoffs:
 * those labels end before the validation window.
 */
import type { OrderHistory } from "../data/types"
import { buildFeatureRows, churnLabels, FEATURE_COUNT, purchaseLabels, type StackedSet } from "../features"
import { createMatrix, type Matrix } from "../linalg/matrix"
import { DAY_MS } from "../time"

export { HOLDOUT_ONE_IN, holdoutMask } from "../data/holdout"

/** Folds of repeated validation: three cutoffs a month apart where the history allows. */
export const MAX_VALIDATION_FOLDS = 3

/** Rows of one fold's validation cutoff. */
export interface FoldBlock {
  X: Matrix
  y: Uint8Array
  countries: string[]
}

export interface FoldRows {
  cutoff: number
  /** Indices into stacked.training. */
  trainRows: number[]
  /** The final fold: indices into stacked.validation (holdout left out); earlier folds: every row of `block`. */
  validationRows: number[]
  /** null for the final fold (its rows are stacked.validation's). */
  block: FoldBlock | null
}

export interface FoldOptions {
  windowDays: number
  /** The BG/NBD expected-orders horizon of the features, days. */
  horizonDays: number
  label: "purchase" | "churn"
  /** @defaultValue MAX_VALIDATION_FOLDS */
  maxFolds?: number
  /** Days between the folds' validation cutoffs. @defaultValue 30 */
  stepDays?: number
}

/**
 * The final fold at the validation cutoff V, then earlier folds at V - stepDays, V - 2 · stepDays, …
 * (their label windows end before as-of), each trained on the stacked rows whose label windows
 * end by its cutoff; a fold without training rows of both classes or without validation rows
 * of both classes is skipped.
 */
export function validationFolds(history: OrderHistory, stacked: StackedSet, holdout: Uint8Array, options: FoldOptions): FoldRows[] {
  const { training, validation } = stacked
  const maxFolds = options.maxFolds ?? MAX_VALIDATION_FOLDS
  const step = (options.stepDays ?? 30) * DAY_MS
  const window = options.windowDays * DAY_MS
  const allTraining = Array.from({ length: training.y.length }, (_, i) => i)
  const withoutHoldout = indices(validation.y.length, (i) => holdout[i] === 0)
  // a tiny store whose non-held-out customers are all of one class is validated on every customer
  const finalRows = bothClasses(validation.y, withoutHoldout) ? withoutHoldout : indices(validation.y.length, () => true)
  const folds: FoldRows[] = [{ cutoff: validation.cutoff, trainRows: allTraining, validationRows: finalRows, block: null }]
  const labelsAt = options.label === "churn" ? churnLabels : purchaseLabels
  for (let k = 1; k < maxFolds; k++) {
    const cutoff = validation.cutoff - k * step
    const trainRows = allTraining.filter((i) => training.cutoffs[training.cutoffIndex[i]] + window <= cutoff)
    if (!bothClasses(training.y, trainRows)) break
    const rows = buildFeatureRows(history, cutoff, { horizonDays: options.horizonDays })
    const y = labelsAt(history, rows.customerIds, cutoff, options.windowDays)
    const all = indices(y.length, () => true)
    if (!bothClasses(y, all)) continue
    const block = { X: createMatrix(rows.customerIds.length, FEATURE_COUNT, rows.values), y, countries: rows.countries }
    folds.unshift({ cutoff, trainRows, validationRows: all, block })
  }
  return folds
}

function indices(n: number, keep: (i: number) => boolean): number[] {
  const out: number[] = []
  for (let i = 0; i < n; i++) if (keep(i)) out.push(i)
  return out
}

function bothClasses(y: Uint8Array, rows: readonly number[]): boolean {
  let positives = 0
  for (const i of rows) positives += y[i]
  return positives > 0 && positives < rows.length
}
