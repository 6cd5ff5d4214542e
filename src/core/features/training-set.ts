/**
 * Out-of-time training sets. Everything is read strictly before `asOf`:
 * - the validation cutoff is asOf - horizon, the latest cutoff whose label window
 *   [cutoff, cutoff + horizon) ends by asOf;
 * - training cutoffs step back from validationCutoff - horizon by `stepDays`, so every
 *   training label window ends by the validation cutoff and validation rows describe a
 *   period the training rows never saw;
 * - a cutoff needs `minHistoryDays` of data before it (from the history's first line).
 * The training rows of all training cutoffs are stacked: a customer appears once per
 * cutoff at which they had bought before.
 */
import type { OrderHistory } from "../data/types"
import { InvalidInputError, NotEnoughDataError } from "../errors"
import { createMatrix, type Matrix } from "../linalg/matrix"
import { DAY_MS } from "./customer-activity"
import { buildFeatureRows, checkHorizonDays } from "./customer-features"
import { FEATURE_COUNT, FEATURE_NAMES, type FeatureName } from "./feature-names"
import { churnLabels, purchaseLabels } from "./labels"
import { isoDay } from "../time"

export interface CutoffOptions {
  /** Prediction horizon and label window, days. */
  horizonDays: number
  /**
   * Days between consecutive training cutoffs.
   * @defaultValue 30
   */
  stepDays?: number
  /**
   * Most training cutoffs to use (the latest ones).
   * @defaultValue 6
   */
  maxTrainingCutoffs?: number
  /**
   * Days of history a cutoff needs before it, counted from the history's first line.
   * @defaultValue 30
   */
  minHistoryDays?: number
}

export const CUTOFF_DEFAULTS = {
  stepDays: 30, // about a month between snapshots
  maxTrainingCutoffs: 6, // half a year of monthly snapshots
  minHistoryDays: 30, // a month of orders before the first snapshot
}

export interface ChosenCutoffs {
  asOf: number
  horizonDays: number
  validationCutoff: number
  /** Oldest first. */
  trainingCutoffs: number[]
}

/**
 * Picks the validation cutoff and the training cutoffs for `asOf` (epoch ms, exclusive).
 * Throws NotEnoughDataError when the history is too short for a validation cutoff or
 * for at least one training cutoff.
 */
export function chooseCutoffs(history: OrderHistory, asOf: number, options: CutoffOptions): ChosenCutoffs {
  const o = { ...CUTOFF_DEFAULTS, ...options }
  if (!Number.isFinite(asOf)) throw new InvalidInputError(`asOf must be a finite epoch ms, got ${asOf}`, "asOf")
  checkHorizonDays(o.horizonDays)
  if (!Number.isFinite(o.stepDays) || o.stepDays <= 0) {
    throw new InvalidInputError(`stepDays must be a finite number > 0, got ${o.stepDays}`, "stepDays")
  }
  if (!Number.isInteger(o.maxTrainingCutoffs) || o.maxTrainingCutoffs < 1) {
    throw new InvalidInputError(`maxTrainingCutoffs must be an integer >= 1, got ${o.maxTrainingCutoffs}`, "maxTrainingCutoffs")
  }
  if (!Number.isFinite(o.minHistoryDays) || o.minHistoryDays < 0) {
    throw new InvalidInputError(`minHistoryDays must be a finite number >= 0, got ${o.minHistoryDays}`, "minHistoryDays")
  }
  const horizon = o.horizonDays * DAY_MS
  const validationCutoff = asOf - horizon
  const firstAt = history.firstAt
  if (!(firstAt < asOf)) {
    throw new NotEnoughDataError([`orders before asOf ${isoDay(asOf)} (the history has none)`])
  }
  const earliestCutoff = firstAt + o.minHistoryDays * DAY_MS
  if (validationCutoff < earliestCutoff) {
    throw new NotEnoughDataError([
      `a validation cutoff: asOf - ${o.horizonDays} days = ${isoDay(validationCutoff)}, but a cutoff needs ` +
        `${o.minHistoryDays} days of history after the first order (${isoDay(firstAt)}), so not before ${isoDay(earliestCutoff)}`,
    ])
  }
  const trainingCutoffs: number[] = []
  for (
    let cutoff = validationCutoff - horizon;
    cutoff >= earliestCutoff && trainingCutoffs.length < o.maxTrainingCutoffs;
    cutoff -= o.stepDays * DAY_MS
  ) {
    trainingCutoffs.unshift(cutoff)
  }
  if (trainingCutoffs.length === 0) {
    throw new NotEnoughDataError([
      `a training cutoff: the latest one, ${isoDay(validationCutoff - horizon)} (validation cutoff ` +
        `${isoDay(validationCutoff)} - ${o.horizonDays} days), is earlier than ${isoDay(earliestCutoff)} ` +
        `(${o.minHistoryDays} days after the first order); about ${o.horizonDays * 2 + o.minHistoryDays} days of history are needed`,
    ])
  }
  return { asOf, horizonDays: o.horizonDays, validationCutoff, trainingCutoffs }
}

export interface StackedSetOptions {
  /** Prediction horizon, days (the window of the BG/NBD expected-orders feature). */
  horizonDays: number
  /** Label window after each cutoff, days; must not exceed the cutoffs' horizon. */
  labelWindowDays: number
  /**
   * Which label y holds: "purchase" (bought in the window) or "churn" (bought nothing).
   * @defaultValue "purchase"
   */
  label?: "purchase" | "churn"
}

/** Feature rows with their labels. */
export interface LabeledRows {
  /** FEATURE_COUNT columns in the order of FEATURE_NAMES (countries not included). */
  X: Matrix
  y: Uint8Array
  customerIds: string[]
  /** Per row, "" when unknown; for a CountryEncoder. */
  countries: string[]
}

/** A block of rows at one cutoff. */
export interface CutoffBlock extends LabeledRows {
  /** false when the BG/NBD columns hold the fallback values. */
  bgnbdFitted: boolean
}

export interface StackedSet {
  featureNames: readonly FeatureName[]
  /** Rows of all training cutoffs, oldest cutoff first. */
  training: LabeledRows & {
    /** Per row: index into `cutoffs`. */
    cutoffIndex: Uint32Array
    cutoffs: number[]
    /** Per cutoff: false when its BG/NBD columns hold the fallback values. */
    bgnbdFitted: boolean[]
  }
  validation: CutoffBlock & { cutoff: number }
}

/** Builds the stacked training rows and the validation rows at the chosen cutoffs. */
export function buildStackedSet(history: OrderHistory, cutoffs: ChosenCutoffs, options: StackedSetOptions): StackedSet {
  const { horizonDays, labelWindowDays, label = "purchase" } = options
  checkHorizonDays(horizonDays)
  checkHorizonDays(labelWindowDays, "labelWindowDays")
  checkLabelWindows(cutoffs, labelWindowDays)
  const labelsAt = label === "churn" ? churnLabels : purchaseLabels
  const block = (cutoff: number): CutoffBlock => {
    const rows = buildFeatureRows(history, cutoff, { horizonDays })
    return {
      X: createMatrix(rows.customerIds.length, FEATURE_COUNT, rows.values),
      y: labelsAt(history, rows.customerIds, cutoff, labelWindowDays),
      customerIds: rows.customerIds,
      countries: rows.countries,
      bgnbdFitted: rows.bgnbdFitted,
    }
  }
  const blocks = cutoffs.trainingCutoffs.map(block)
  const rowCount = blocks.reduce((sum, b) => sum + b.X.rows, 0)
  const X = createMatrix(rowCount, FEATURE_COUNT)
  const y = new Uint8Array(rowCount)
  const cutoffIndex = new Uint32Array(rowCount)
  let offset = 0
  blocks.forEach((b, index) => {
    X.data.set(b.X.data, offset * FEATURE_COUNT)
    y.set(b.y, offset)
    cutoffIndex.fill(index, offset, offset + b.X.rows)
    offset += b.X.rows
  })
  return {
    featureNames: FEATURE_NAMES,
    training: {
      X,
      y,
      customerIds: blocks.flatMap((b) => b.customerIds),
      countries: blocks.flatMap((b) => b.countries),
      cutoffIndex,
      cutoffs: [...cutoffs.trainingCutoffs],
      bgnbdFitted: blocks.map((b) => b.bgnbdFitted),
    },
    validation: { ...block(cutoffs.validationCutoff), cutoff: cutoffs.validationCutoff },
  }
}

/**
 * Every label window must end by the next boundary: training windows by the validation
 * cutoff, the validation window by asOf (so nothing at or after asOf is read).
 */
function checkLabelWindows(cutoffs: ChosenCutoffs, labelWindowDays: number): void {
  const window = labelWindowDays * DAY_MS
  const late = cutoffs.trainingCutoffs.find((cutoff) => cutoff + window > cutoffs.validationCutoff)
  if (late !== undefined || cutoffs.validationCutoff + window > cutoffs.asOf) {
    const [cutoff, bound] =
      late !== undefined ? [late, cutoffs.validationCutoff] : [cutoffs.validationCutoff, cutoffs.asOf]
    throw new InvalidInputError(
      `labelWindowDays = ${labelWindowDays} makes the label window after cutoff ${isoDay(cutoff)} end after ` +
        `${isoDay(bound)}; it must be at most the cutoffs' horizon (${cutoffs.horizonDays} days)`,
      "labelWindowDays"
    )
  }
}
