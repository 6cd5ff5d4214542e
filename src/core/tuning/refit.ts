/**
 * Final training of a tuned task on all labelled rows (train + validation).
 *
 * The scaler is refitted on all rows and the winning spec is trained again with the same
 * params and the same seed. The calibrator and the threshold chosen on validation are
 * kept as they are: once the validation rows are part of training, no held-out rows are
 * left to choose them honestly again, and a learner trained on more rows of the same
 * distribution with the same params scores rows much as the validated one did. The
 * validation figures in `tuned.winner` therefore remain the figures to report.
 */
import { InvalidInputError } from "../errors"
import { loadCalibrator } from "../learners/calibration"
import { createLearner } from "../learners/factory"
import { StandardScaler } from "../learners/standard-scaler"
import { createRandom } from "../random"
import { TrainedPipeline } from "./trained-pipeline"
import type { LabelledRows, TunedTask } from "./types"

/** The winner retrained on `allRows`, with the tuned calibrator (a copy) and the same feature names. */
export function refitOnAll(tuned: TunedTask, allRows: LabelledRows): TrainedPipeline {
  const { model, winner } = tuned
  const { X, y, weight } = allRows
  if (X.cols !== model.featureNames.length) {
    throw new InvalidInputError(`allRows.X has ${X.cols} columns, the tuned pipeline expects ${model.featureNames.length}`, "allRows.X")
  }
  if (y.length !== X.rows) throw new InvalidInputError(`allRows.y has ${y.length} labels for ${X.rows} rows`, "allRows.y")
  const scaler = new StandardScaler({ log1pColumns: model.scaler.options.log1pColumns }).fit(X)
  const learner = createLearner(winner.spec, createRandom(winner.seed))
  learner.fit(scaler.transform(X), y, weight)
  const calibrator = model.calibrator ? loadCalibrator(model.calibrator.toJSON()) : null
  return new TrainedPipeline(model.featureNames, scaler, learner, calibrator)
}
