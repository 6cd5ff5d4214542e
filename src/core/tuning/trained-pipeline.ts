/**
 * A trained scoring pipeline for one binary task: raw features -> StandardScaler ->
 * learner -> optional calibrator. The scaler and learner stay reachable so explanations
 * (per-feature contributions) can be computed on the same scaled features.
 */
import { z } from "zod"
import { InvalidInputError, ModelFormatError } from "../errors"
import { loadCalibrator, type Calibrator } from "../learners/calibration"
import { loadLearner } from "../learners/factory"
import { STANDARD_SCALER_TYPE, STANDARD_SCALER_VERSION, StandardScaler } from "../learners/standard-scaler"
import { checkEnvelope, parseModelPart } from "../learners/trees/learner-checks"
import type { BinaryClassifier, SerializedEstimator } from "../learners/types"
import type { Matrix } from "../linalg/matrix"

export const TRAINED_PIPELINE_TYPE = "binary-pipeline"
export const TRAINED_PIPELINE_VERSION = 1

interface TrainedPipelineParams {
  featureNames: string[]
}

interface TrainedPipelineState {
  scaler: SerializedEstimator
  learner: SerializedEstimator
  calibrator: SerializedEstimator | null
}

const envelopeSchema = z.object({ type: z.string(), version: z.number(), params: z.unknown(), state: z.unknown() })
const paramsSchema = z.object({ featureNames: z.array(z.string()) })
const stateSchema = z.object({ scaler: envelopeSchema, learner: envelopeSchema, calibrator: envelopeSchema.nullable() })

function asEnvelope(parsed: z.infer<typeof envelopeSchema>): SerializedEstimator {
  return { type: parsed.type, version: parsed.version, params: parsed.params, state: parsed.state }
}

export class TrainedPipeline {
  readonly type = TRAINED_PIPELINE_TYPE

  /**
   * `scaler` and `learner` must be fitted, the learner on the scaler's output;
   * `calibrator`, when given, on the learner's held-out probabilities.
   */
  constructor(
    readonly featureNames: readonly string[],
    readonly scaler: StandardScaler,
    readonly learner: BinaryClassifier,
    readonly calibrator: Calibrator | null
  ) {
    const columns = scaler.columnMeans().length
    if (featureNames.length !== columns) {
      throw new InvalidInputError(`featureNames has ${featureNames.length} names, the scaler was fitted on ${columns} columns`, "featureNames")
    }
  }

  /** X (raw feature values, one column per feature name) as the learner sees it. */
  scaledFeatures(X: Matrix): Matrix {
    if (X.cols !== this.featureNames.length) {
      throw new InvalidInputError(`X has ${X.cols} columns, the pipeline expects ${this.featureNames.length}`, "X")
    }
    return this.scaler.transform(X)
  }

  /** The learner's P(y = 1) before calibration, from raw feature values. */
  predictUncalibrated(X: Matrix): Float64Array {
    return this.learner.predictProba(this.scaledFeatures(X))
  }

  /** P(y = 1) from raw feature values, calibrated when the pipeline has a calibrator. */
  predictProba(X: Matrix): Float64Array {
    const raw = this.predictUncalibrated(X)
    return this.calibrator ? this.calibrator.transform(raw) : raw
  }

  toJSON(): SerializedEstimator<TrainedPipelineParams, TrainedPipelineState> {
    return {
      type: TRAINED_PIPELINE_TYPE,
      version: TRAINED_PIPELINE_VERSION,
      params: { featureNames: [...this.featureNames] },
      state: {
        scaler: this.scaler.toJSON(),
        learner: this.learner.toJSON(),
        calibrator: this.calibrator ? this.calibrator.toJSON() : null,
      },
    }
  }
}

/** Restores a pipeline from its toJSON() output; throws ModelFormatError on a wrong tag, version or content. */
export function loadTrainedPipeline(json: unknown): TrainedPipeline {
  const envelope = checkEnvelope(json, TRAINED_PIPELINE_TYPE, TRAINED_PIPELINE_VERSION)
  const params = parseModelPart(TRAINED_PIPELINE_TYPE, "params", paramsSchema, envelope.params)
  const state = parseModelPart(TRAINED_PIPELINE_TYPE, "state", stateSchema, envelope.state)
  const scaler = StandardScaler.fromJSON(checkEnvelope(state.scaler, STANDARD_SCALER_TYPE, STANDARD_SCALER_VERSION))
  const learner = loadLearner(asEnvelope(state.learner))
  const calibrator = state.calibrator ? loadCalibrator(asEnvelope(state.calibrator)) : null
  const columns = scaler.columnMeans().length
  if (params.featureNames.length !== columns) {
    throw new ModelFormatError(
      `${TRAINED_PIPELINE_TYPE}: params.featureNames has ${params.featureNames.length} names, the scaler has ${columns} columns`
    )
  }
  return new TrainedPipeline(params.featureNames, scaler, learner, calibrator)
}
