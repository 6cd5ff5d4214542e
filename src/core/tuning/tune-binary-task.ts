/**
 * Seeded search over learners and hyperparameters for one binary task.
 *
 * The scaler is fitted once on the train rows; every candidate is a learner trained on
 * the scaled train rows and scored on the validation rows. The winner has the highest
 * PR-AUC (average precision); PR-AUCs within 1e-4 count as equal and the lower log-loss
 * wins, then the earlier candidate. For the winner, Platt and isotonic calibration are
 * compared by cross-fitted validation log-loss (see calibration-choice.ts), and the
 * threshold is the one with the highest F1 on the validation rows after calibration.
 * The same input and seed give the same result (fit times aside, which the `now` clock
 * reports).
 */
import { setImmediate as yieldToEventLoop } from "node:timers/promises"
import { InvalidInputError, NotEnoughDataError } from "../errors"
import { createLearner, defaultParams, isLearnerType, suggestParams, type LearnerSpec, type TrainingDataShape } from "../learners/factory"
import { StandardScaler } from "../learners/standard-scaler"
import type { BinaryClassifier } from "../learners/types"
import { bestF1Threshold } from "../metrics/classification"
import { createRandom, type Random } from "../random"
import { throwIfAborted } from "./abort"
import { chooseCalibration } from "./calibration-choice"
import { TrainedPipeline } from "./trained-pipeline"
import { planTrials, type PlannedTrial } from "./trial-plan"
import { TUNING_DEFAULTS, type TuneInput, type TuneOptions, type TunedCandidate, type TunedTask } from "./types"
import { candidateMetrics, winnerMetrics, type CandidateMetrics } from "./winner-report"

/** PR-AUCs closer than this count as equal; log-loss then decides. */
export const PR_AUC_TIE = 1e-4

/** Seeds are drawn from 0 .. 2^32 - 1, the full state of createRandom. */
const SEED_RANGE = 2 ** 32

/** True when `challenger` beats `incumbent`: higher PR-AUC, or as high (within PR_AUC_TIE) and lower log-loss. */
export function isBetterCandidate(challenger: CandidateMetrics, incumbent: CandidateMetrics): boolean {
  if (Math.abs(challenger.prAuc - incumbent.prAuc) > PR_AUC_TIE) return challenger.prAuc > incumbent.prAuc
  return challenger.logLoss < incumbent.logLoss
}

function checkInput(input: TuneInput, options: TuneOptions): number {
  const { train, validation, featureNames } = input
  const columns = featureNames.length
  if (train.X.cols !== columns || validation.X.cols !== columns) {
    throw new InvalidInputError(
      `featureNames has ${columns} names, train.X has ${train.X.cols} columns and validation.X ${validation.X.cols}`,
      "featureNames"
    )
  }
  if (train.y.length !== train.X.rows) throw new InvalidInputError(`train.y has ${train.y.length} labels for ${train.X.rows} rows`, "train.y")
  if (validation.y.length !== validation.X.rows) {
    throw new InvalidInputError(`validation.y has ${validation.y.length} labels for ${validation.X.rows} rows`, "validation.y")
  }
  const positives = validation.y.reduce((sum, label) => sum + label, 0)
  if (positives === 0 || positives === validation.y.length) {
    throw new NotEnoughDataError([`validation rows of both classes 0 and 1 (got ${positives} of ${validation.y.length} positive)`])
  }
  const { learners } = options
  if (learners.length === 0) throw new InvalidInputError("learners is empty, name at least one learner type", "learners")
  for (const type of learners) {
    if (!isLearnerType(type)) throw new InvalidInputError(`learners has unknown learner type "${String(type)}"`, "learners")
  }
  if (new Set(learners).size !== learners.length) {
    throw new InvalidInputError(`learners has duplicates: ${learners.join(", ")}`, "learners")
  }
  const trials = options.trials ?? TUNING_DEFAULTS.trials
  if (!Number.isInteger(trials) || trials < learners.length) {
    throw new InvalidInputError(`trials is ${trials}, it must be an integer >= ${learners.length} (one per learner)`, "trials")
  }
  return trials
}

/** A candidate with its fitted learner and validation probabilities. */
interface TrainedCandidate {
  candidate: TunedCandidate
  learner: BinaryClassifier
  probs: Float64Array
}

function specOf(trial: PlannedTrial, random: Random, data: TrainingDataShape): LearnerSpec {
  const params = defaultParams(trial.type)
  return { type: trial.type, params: trial.useDefaults ? params : { ...params, ...suggestParams(trial.type, random, data) } }
}

/**
 * Trains `trials` candidates and returns the winner with its calibrated pipeline, threshold
 * and report. Between candidates it yields to the event loop, so an abort signalled from
 * elsewhere takes effect before the next candidate. Throws InvalidInputError on mismatched
 * input or options, NotEnoughDataError when validation lacks a class, and an error named
 * "AbortError" when `signal` fires.
 */
export async function tuneBinaryTask(input: TuneInput, options: TuneOptions): Promise<TunedTask> {
  const trials = checkInput(input, options)
  const { train, validation, featureNames } = input
  const { random, signal, onProgress } = options
  const now = options.now ?? (() => performance.now())
  throwIfAborted(signal, "tuning")

  const scaler = new StandardScaler({ log1pColumns: input.log1pColumns }).fit(train.X)
  const trainX = scaler.transform(train.X)
  const validationX = scaler.transform(validation.X)
  const plan = planTrials(options.learners, trials)
  const shape: TrainingDataShape = { positiveRate: train.y.reduce((sum, v) => sum + v, 0) / train.y.length }
  const candidates: TunedCandidate[] = []
  const runTrial = async (trial: PlannedTrial): Promise<TrainedCandidate> => {
    await yieldToEventLoop()
    throwIfAborted(signal, "tuning")
    const trialRandom = random.fork()
    const spec = specOf(trial, trialRandom, shape)
    const seed = trialRandom.int(SEED_RANGE)
    const learner = createLearner(spec, createRandom(seed))
    const start = now()
    learner.fit(trainX, train.y, train.weight)
    const fitMs = now() - start
    const probs = learner.predictProba(validationX)
    const candidate = { spec, seed, metrics: candidateMetrics(validation.y, probs, fitMs) }
    candidates.push(candidate)
    onProgress?.(candidates.length, plan.length)
    return { candidate, learner, probs }
  }
  // The plan holds at least one trial (checkInput asks for one per learner, and one learner at least).
  const [firstTrial, ...laterTrials] = plan
  let best = await runTrial(firstTrial)
  for (const trial of laterTrials) {
    const trained = await runTrial(trial)
    if (isBetterCandidate(trained.candidate.metrics, best.candidate.metrics)) best = trained
  }

  const calibration = chooseCalibration(best.probs, validation.y, random.fork())
  const model = new TrainedPipeline(featureNames, scaler, best.learner, calibration.calibrator)
  const finalProbs = calibration.calibrator ? calibration.calibrator.transform(best.probs) : best.probs
  const { threshold } = bestF1Threshold(validation.y, finalProbs)
  const importance = best.learner.featureImportance()
  return {
    winner: {
      spec: best.candidate.spec,
      seed: best.candidate.seed,
      metrics: winnerMetrics(validation.y, finalProbs, threshold, importance, featureNames),
      candidateMetrics: best.candidate.metrics,
      threshold,
      calibration: calibration.method,
      calibrationLogLoss: calibration.logLoss,
    },
    candidates,
    model,
  }
}
