/**
 * One place that knows every binary learner: builds a learner from a spec (type tag +
 * params), restores one from its JSON by the type tag, and holds each learner's default
 * params and hyperparameter search space for tuning.
 */
import { z } from "zod"
import { InvalidInputError, ModelFormatError } from "../errors"
import { createRandom, type Random } from "../random"
import {
  GRADIENT_BOOSTING_DEFAULTS,
  GRADIENT_BOOSTING_TYPE,
  GradientBoostingClassifier,
  gradientBoostingOptionsSchema,
  type GradientBoostingOptions,
} from "./gradient-boosting"
import {
  LOGISTIC_REGRESSION_DEFAULTS,
  LOGISTIC_REGRESSION_TYPE,
  LOGISTIC_REGRESSION_VERSION,
  LogisticRegression,
  type LogisticRegressionOptions,
} from "./logistic-regression"
import {
  NEURAL_NETWORK_DEFAULTS,
  NEURAL_NETWORK_TYPE,
  NeuralNetworkClassifier,
  neuralNetworkOptionsSchema,
  type NeuralNetworkOptions,
} from "./neural-network"
import { checkEnvelope } from "./trees/learner-checks"
import type { BinaryClassifier } from "./types"

export type LearnerType = typeof LOGISTIC_REGRESSION_TYPE | typeof GRADIENT_BOOSTING_TYPE | typeof NEURAL_NETWORK_TYPE

/** Every learner type, in the order reports list them. */
export const LEARNER_TYPES: readonly LearnerType[] = [LOGISTIC_REGRESSION_TYPE, GRADIENT_BOOSTING_TYPE, NEURAL_NETWORK_TYPE]

/** A learner to build: its type tag and the options to override (omitted ones take the learner's defaults). */
export interface LearnerSpec {
  type: LearnerType
  params: Record<string, unknown>
}

export function isLearnerType(value: unknown): value is LearnerType {
  return LEARNER_TYPES.some((type) => type === value)
}

function unknownType(type: unknown): InvalidInputError {
  return new InvalidInputError(`unknown learner type "${String(type)}", expected one of ${LEARNER_TYPES.join(", ")}`, "type")
}

const logisticRegressionParams: z.ZodType<Partial<LogisticRegressionOptions>> = z
  .strictObject({
    l2: z.number(),
    classWeight: z.enum(["none", "balanced"]),
    maxIterations: z.number(),
    tolerance: z.number(),
  })
  .partial()

const gradientBoostingParams: z.ZodType<Partial<GradientBoostingOptions>> = gradientBoostingOptionsSchema.partial()

const neuralNetworkParams: z.ZodType<Partial<NeuralNetworkOptions>> = neuralNetworkOptionsSchema.partial()

/**
 * Checks the shape of a spec's params (known names, right value types); bounds are
 * checked by the learner's constructor. Throws InvalidInputError naming the param.
 */
function parseParams<T>(type: LearnerType, schema: z.ZodType<T>, params: Record<string, unknown>): T {
  const result = schema.safeParse(params)
  if (result.success) return result.data
  const issues = result.error.issues.slice(0, 3).map((issue) => `${issue.path.join(".") || "params"}: ${issue.message}`)
  const first = result.error.issues[0].path.join(".")
  throw new InvalidInputError(`${type}: invalid params: ${issues.join("; ")}`, first || "params")
}

/**
 * A new, unfitted learner. `random` drives whatever the learner draws (row sampling,
 * initial weights); logistic regression draws nothing. Throws InvalidInputError on an
 * unknown type, an unknown param or a param outside its bound.
 */
export function createLearner(spec: LearnerSpec, random: Random): BinaryClassifier {
  switch (spec.type) {
    case LOGISTIC_REGRESSION_TYPE:
      return new LogisticRegression(parseParams(spec.type, logisticRegressionParams, spec.params))
    case GRADIENT_BOOSTING_TYPE:
      return new GradientBoostingClassifier(parseParams(spec.type, gradientBoostingParams, spec.params), random)
    case NEURAL_NETWORK_TYPE:
      return new NeuralNetworkClassifier(parseParams(spec.type, neuralNetworkParams, spec.params), random)
    default:
      throw unknownType(spec.type)
  }
}

/**
 * Restores a fitted learner from its toJSON() output, chosen by the type tag. `random` is
 * only used if the loaded learner is fitted again. Throws ModelFormatError on an unknown
 * type or a damaged model.
 */
export function loadLearner(json: unknown, random: Random = createRandom(0)): BinaryClassifier {
  const type = typeof json === "object" && json !== null ? Reflect.get(json, "type") : undefined
  switch (type) {
    case LOGISTIC_REGRESSION_TYPE:
      return LogisticRegression.fromJSON(checkEnvelope(json, LOGISTIC_REGRESSION_TYPE, LOGISTIC_REGRESSION_VERSION))
    case GRADIENT_BOOSTING_TYPE:
      return GradientBoostingClassifier.fromJSON(json, random)
    case NEURAL_NETWORK_TYPE:
      return NeuralNetworkClassifier.fromJSON(json, random)
    default:
      throw new ModelFormatError(`unknown learner type "${String(type)}", expected one of ${LEARNER_TYPES.join(", ")}`)
  }
}

/** A fresh copy of the learner's complete default options, as spec params. */
export function defaultParams(type: LearnerType): Record<string, unknown> {
  switch (type) {
    case LOGISTIC_REGRESSION_TYPE:
      return { ...LOGISTIC_REGRESSION_DEFAULTS }
    case GRADIENT_BOOSTING_TYPE:
      return { ...GRADIENT_BOOSTING_DEFAULTS }
    case NEURAL_NETWORK_TYPE:
      return { ...NEURAL_NETWORK_DEFAULTS, hiddenLayers: [...NEURAL_NETWORK_DEFAULTS.hiddenLayers] }
    default:
      throw unknownType(type)
  }
}

/** A draw from [low, high) whose logarithm is uniform: as likely in 0.01..0.1 as in 0.1..1. */
function logUniform(random: Random, low: number, high: number): number {
  return low * Math.pow(high / low, random.next())
}

/** A float drawn uniformly from [low, high). */
function uniform(random: Random, low: number, high: number): number {
  return low + (high - low) * random.next()
}

/** An integer drawn uniformly from low..high, both included. */
function integerBetween(random: Random, low: number, high: number): number {
  return low + random.int(high - low + 1)
}

function pick<T>(random: Random, choices: readonly T[]): T {
  return choices[random.int(choices.length)]
}

const NETWORK_SHAPES: readonly (readonly number[])[] = [[8], [16], [16, 8]]

/**
 * One random draw from the learner's search space: only the searched params, the rest
 * keep their defaults.
 * - logistic-regression: l2 log-uniform in [1e-3, 1e2); classWeight "none" or "balanced".
 * - gradient-boosting: learningRate log-uniform in [0.03, 0.3); maxIterations 50..300;
 *   maxDepth 2..5; minSamplesLeaf 10..100; l2 uniform in [0, 5); subsample uniform in [0.6, 1).
 * - neural-network: hiddenLayers [8], [16] or [16, 8]; learningRate log-uniform in
 *   [0.05, 0.5); iterations 50..200 (a pass over 5,000 rows x 30 takes about 55 ms).
 */
/** What the search space may depend on: the share of positive training rows. */
export interface TrainingDataShape {
  positiveRate: number
}

/**
 * Class reweighting is searched only when one class is rarer than this. With classes
 * near balance it gains no ranking and only skews the probabilities, which calibration
 * on a later, possibly shifted, window then has to undo.
 */
export const RARE_CLASS_RATE = 0.25

export function suggestParams(type: LearnerType, random: Random, data: TrainingDataShape = { positiveRate: 0.5 }): Record<string, unknown> {
  switch (type) {
    case LOGISTIC_REGRESSION_TYPE:
      return {
        l2: logUniform(random, 1e-3, 1e2),
        classWeight: Math.min(data.positiveRate, 1 - data.positiveRate) < RARE_CLASS_RATE ? pick(random, ["none", "balanced"]) : "none",
      }
    case GRADIENT_BOOSTING_TYPE:
      return {
        learningRate: logUniform(random, 0.03, 0.3),
        maxIterations: integerBetween(random, 50, 300),
        maxDepth: integerBetween(random, 2, 5),
        minSamplesLeaf: integerBetween(random, 10, 100),
        l2: uniform(random, 0, 5),
        subsample: uniform(random, 0.6, 1),
      }
    case NEURAL_NETWORK_TYPE:
      return {
        hiddenLayers: [...pick(random, NETWORK_SHAPES)],
        learningRate: logUniform(random, 0.05, 0.5),
        iterations: integerBetween(random, 50, 200),
      }
    default:
      throw unknownType(type)
  }
}
