/**
 * Chooses whether to calibrate a model's validation probabilities, and how, by an honest
 * comparison: each calibrator is scored by 2-fold cross-fitting on the validation rows
 * (fit on one half, score the other half, then swap), so no row is scored by a
 * calibrator that saw it. A calibrator is kept only when its cross-fitted log-loss is
 * lower than the raw probabilities' by at least CALIBRATION_MIN_GAIN (relative), and
 * isotonic over Platt likewise; the kept one is then fitted on all validation rows.
 */
import { IsotonicCalibrator, PlattCalibrator, type Calibrator } from "../learners/calibration"
import { logLoss } from "../metrics/classification"
import { shuffled, type Random } from "../random"

export type CalibrationMethod = "none" | "platt" | "isotonic"

export interface CalibrationChoice {
  /** The method kept ("none" when no calibrator lowered the log-loss). */
  method: CalibrationMethod
  /** Validation log-loss of the raw probabilities ("none") and of each calibrator, cross-fitted. */
  logLoss: Record<CalibrationMethod, number>
  /** The kept calibrator, fitted on all validation rows; null for "none". */
  calibrator: Calibrator | null
}

/** An unfitted calibrator of a method. */
export function newCalibrator(method: Exclude<CalibrationMethod, "none">): Calibrator {
  return method === "platt" ? new PlattCalibrator() : new IsotonicCalibrator()
}

/**
 * Fold (0 or 1) of each row: the rows of class 0, then of class 1, each class shuffled,
 * are dealt alternately, so both folds get half of each class (within one row) and
 * neither is empty when there are at least two rows.
 */
export function stratifiedHalves(y: ArrayLike<number>, random: Random): Uint8Array {
  const folds = new Uint8Array(y.length)
  const indices = Array.from({ length: y.length }, (_, i) => i)
  const dealt = [0, 1].flatMap((label) => shuffled(indices.filter((i) => y[i] === label), random))
  dealt.forEach((i, k) => {
    folds[i] = k % 2
  })
  return folds
}

/** Out-of-fold calibrated probabilities: each fold is transformed by a calibrator fitted on the other. */
export function crossFittedProbabilities(
  method: Exclude<CalibrationMethod, "none">,
  probs: ArrayLike<number>,
  y: ArrayLike<number>,
  folds: Uint8Array
): Float64Array {
  const out = new Float64Array(probs.length)
  for (const scored of [0, 1]) {
    const fitRows: number[] = []
    const scoredRows: number[] = []
    for (let i = 0; i < folds.length; i++) (folds[i] === scored ? scoredRows : fitRows).push(i)
    const calibrator = newCalibrator(method).fit(
      fitRows.map((i) => probs[i]),
      fitRows.map((i) => y[i])
    )
    const calibrated = calibrator.transform(scoredRows.map((i) => probs[i]))
    scoredRows.forEach((i, k) => {
      out[i] = calibrated[k]
    })
  }
  return out
}

/**
 * Compares no calibration, Platt and isotonic on cross-fitted validation log-loss and
 * returns the lowest (on equal log-loss the simpler: none, then Platt). Needs at least
 * two validation rows.
 */
/**
 * The least relative drop in cross-fitted log-loss for which a calibrator (or a more
 * flexible one) is kept. A calibrator fitted on half the validation rows has its own
 * variance, and gains below half a percent are within the noise of one split; a needless
 * calibrator also carries the validation window's base rate into a future window that
 * may have another (on Online Retail before Christmas, it cost 0.006 Brier).
 */
export const CALIBRATION_MIN_GAIN = 0.005

export function chooseCalibration(probs: ArrayLike<number>, y: ArrayLike<number>, random: Random): CalibrationChoice {
  const folds = stratifiedHalves(y, random)
  const losses: Record<CalibrationMethod, number> = {
    none: logLoss(y, probs),
    platt: logLoss(y, crossFittedProbabilities("platt", probs, y, folds)),
    isotonic: logLoss(y, crossFittedProbabilities("isotonic", probs, y, folds)),
  }
  let method: CalibrationMethod = "none"
  const worthIt = (candidate: number, incumbent: number) => candidate < incumbent * (1 - CALIBRATION_MIN_GAIN)
  if (worthIt(losses.platt, losses[method])) method = "platt"
  if (worthIt(losses.isotonic, losses[method])) method = "isotonic"
  const calibrator = method === "none" ? null : newCalibrator(method).fit(probs, y)
  return { method, logLoss: losses, calibrator }
}
