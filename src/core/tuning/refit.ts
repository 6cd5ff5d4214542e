/**
 * Final training of a tuned task on all labelled rows (train + validation).
 *
 * The scaler is refitted on all rows and the winning spec is trained again with the same
 * params and the same seed.
 *
 * Calibration is chosen again for the refitted model, honestly: a calibrator maps one
 * learner's scores, and the refitted learner's scale differs from the tuned one's (on
 * Online Retail, reusing the tuned calibrator moved the mean prediction from 0.49 to
 * 0.39), while the validation rows are no longer held out. So the validation rows are
 * split in two halves; the spec is trained on train + one half and scores the other,
 * which gives out-of-fold scores of the refit procedure for every validation row (the
 * half it trains on weighs double, standing in for the whole block). The
 * usual rule (a calibrator is kept only when, cross-fitted, it lowers log-loss) is
 * applied to those scores, a kept calibrator is fitted on them, and the decision
 * threshold (max F1) is chosen again on them, on the scale the final model scores on.
 */
import { InvalidInputError } from "../errors"
import { bestF1Threshold } from "../metrics/classification"
import { createLearner, type LearnerSpec } from "../learners/factory"
import { StandardScaler } from "../learners/standard-scaler"
import { createMatrix, selectRows, type Matrix } from "../linalg/matrix"
import { createRandom } from "../random"
import { chooseCalibration, stratifiedHalves, type CalibrationChoice } from "./calibration-choice"
import { TrainedPipeline } from "./trained-pipeline"
import type { LabelledRows, TunedTask } from "./types"

export interface Refitted {
  model: TrainedPipeline
  /** The calibration choice for the refitted model, made on out-of-fold scores. */
  calibration: CalibrationChoice
  /** The max-F1 threshold on the refitted model's out-of-fold (calibrated) scores. */
  threshold: number
}

/** The winner retrained on train + validation rows, with calibration chosen for it, and the same feature names. */
export function refitOnAll(tuned: TunedTask, rows: { train: LabelledRows; validation: LabelledRows }): Refitted {
  const { model, winner } = tuned
  for (const [name, part] of Object.entries(rows)) {
    if (part.X.cols !== model.featureNames.length) {
      throw new InvalidInputError(`${name}.X has ${part.X.cols} columns, the tuned pipeline expects ${model.featureNames.length}`, `${name}.X`)
    }
    if (part.y.length !== part.X.rows) throw new InvalidInputError(`${name}.y has ${part.y.length} labels for ${part.X.rows} rows`, `${name}.y`)
  }
  const log1pColumns = model.scaler.options.log1pColumns
  const fit = (train: LabelledRows) => fitPipeline(winner.spec, winner.seed, model.featureNames, log1pColumns, train)
  const { validation } = rows
  const folds = stratifiedHalves(validation.y, createRandom(winner.seed))
  const outOfFold = new Float64Array(validation.y.length)
  for (const fold of [0, 1]) {
    const inFold = indicesWhere(folds, (f) => f === fold)
    // the other half stands in for the whole validation block, so it weighs double: the
    // fold models then lean on the newest rows as much as the final model does
    const otherHalf = pick(validation, indicesWhere(folds, (f) => f !== fold), 2)
    const scores = fit(concatRows(rows.train, otherHalf)).predictUncalibrated(selectRows(validation.X, inFold))
    inFold.forEach((row, k) => (outOfFold[row] = scores[k]))
  }
  const calibration = chooseCalibration(outOfFold, validation.y, createRandom(winner.seed))
  const { threshold } = bestF1Threshold(validation.y, calibration.calibrator ? calibration.calibrator.transform(outOfFold) : outOfFold)
  const final = fit(concatRows(rows.train, validation))
  return { model: new TrainedPipeline([...model.featureNames], final.scaler, final.learner, calibration.calibrator), calibration, threshold }
}

function fitPipeline(
  spec: LearnerSpec,
  seed: number,
  featureNames: readonly string[],
  log1pColumns: readonly number[],
  rows: LabelledRows
): TrainedPipeline {
  const scaler = new StandardScaler({ log1pColumns: [...log1pColumns] }).fit(rows.X)
  const learner = createLearner(spec, createRandom(seed))
  learner.fit(scaler.transform(rows.X), rows.y, rows.weight)
  return new TrainedPipeline([...featureNames], scaler, learner, null)
}

function indicesWhere(values: Uint8Array, test: (value: number) => boolean): number[] {
  const out: number[] = []
  values.forEach((v, i) => {
    if (test(v)) out.push(i)
  })
  return out
}

function pick(rows: LabelledRows, indices: number[], weightFactor: number): LabelledRows {
  return {
    X: selectRows(rows.X, indices),
    y: Uint8Array.from(indices, (i) => rows.y[i]),
    weight: Float64Array.from(indices, (i) => (rows.weight?.[i] ?? 1) * weightFactor),
  }
}

/** Rows of a then b; weights default to 1 where one side has none. */
export function concatRows(a: LabelledRows, b: LabelledRows): LabelledRows {
  const X: Matrix = createMatrix(a.X.rows + b.X.rows, a.X.cols)
  X.data.set(a.X.data, 0)
  X.data.set(b.X.data, a.X.data.length)
  const y = new Uint8Array(a.y.length + b.y.length)
  y.set(a.y, 0)
  y.set(b.y, a.y.length)
  const weight =
    a.weight || b.weight
      ? Float64Array.from({ length: y.length }, (_, i) => (i < a.y.length ? a.weight?.[i] ?? 1 : b.weight?.[i - a.y.length] ?? 1))
      : undefined
  return { X, y, weight }
}
