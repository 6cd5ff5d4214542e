/**
 * The engine's input contracts and the plugin's job payloads: one zod schema per job,
 * each with a version field so a worker of a newer release can refuse (or read) a
 * payload written by an older one. Types are inferred from the schemas. They live in
 * the engine, which runs them; the queue (src/queue) carries them and the module and
 * the CLI write them.
 */
import { z } from "zod"
import { boundedWholeNumber, readinessSchema, TRAINING_BOUNDS, wholeNumber } from "../config/training-bounds"
import { ORDER_FORMATS } from "../core/data"
import { TRIGGERS } from "./names"

export { TRIGGERS, type Trigger } from "./names"

/** Every job the plugin's queue carries, by name. */
export const JOB_NAMES = {
  train: "train",
  scoreCustomers: "score-customers",
  purgeCustomer: "purge-customer",
  purgeProduct: "purge-product",
  /** The parent of a rescoring flow: done when all its `score-customers` chunks are. */
  scoreAll: "score-all",
  /** Reads the history and stores the readiness check that GET /admin/ml/readiness answers. */
  checkReadiness: "check-readiness",
} as const
export type JobName = (typeof JOB_NAMES)[keyof typeof JOB_NAMES]

/** The payload version this release writes and reads. */
export const PAYLOAD_VERSION = 1

const payloadVersion = z.literal(PAYLOAD_VERSION, { error: `must be ${PAYLOAD_VERSION}` })

function whole(min: number, max: number) {
  return z
    .number({ error: `must be a whole number between ${min} and ${max}` })
    .int({ error: `must be a whole number between ${min} and ${max}` })
    .min(min, { error: `must be at least ${min}` })
    .max(max, { error: `must be at most ${max}` })
}

/** An id as the store writes it (ml tables hold ids up to 100 characters). */
const id = z.string({ error: "must be text" }).min(1, { error: "must not be empty" }).max(100, { error: "must be at most 100 characters" })
const ids = (max: number) =>
  z.array(id, { error: "must be a list of ids" }).min(1, { error: "must name at least one id" }).max(max, { error: `must name at most ${max} ids` })

/** Where a training reads its order history. */
export const historySourceSchema = z.discriminatedUnion(
  "kind",
  [
    z
      .object({
        /** An orders file on the worker's disk (the CLI and standalone workers). */
        kind: z.literal("orders-file"),
        path: z.string({ error: "must be a file path" }).min(1, { error: "must be a file path" }),
        format: z.enum(ORDER_FORMATS, { error: `must be one of ${ORDER_FORMATS.join(", ")}` }),
        /** Generic format: field → the column that holds it, e.g. { order_id: "Invoice" }. */
        map: z.record(z.string(), z.string(), { error: "must map column names to fields" }).default({}),
      })
      .strict(),
    z
      .object({
        /** The Medusa store's own orders, read through Query. */
        kind: z.literal("store"),
      })
      .strict(),
  ],
  { error: 'must be { kind: "orders-file", … } or { kind: "store" }' }
)
export type HistorySource = z.infer<typeof historySourceSchema>

/** How a training runs; bounds and defaults are the plugin options' and the CLI's (config/training-bounds). */
export const trainingSettingsSchema = z
  .object({
    horizonDays: wholeNumber(TRAINING_BOUNDS.horizonDays),
    /** Absent: the horizon (the churn window follows it unless set). */
    churnWindowDays: boundedWholeNumber(TRAINING_BOUNDS.churnWindowDays).optional(),
    clvHorizonDays: wholeNumber(TRAINING_BOUNDS.clvHorizonDays),
    seed: wholeNumber(TRAINING_BOUNDS.seed),
    /** Candidate models tried per classification task. */
    trials: wholeNumber(TRAINING_BOUNDS.trials),
    /** Products stored per recommendation list. */
    listSize: wholeNumber(TRAINING_BOUNDS.listSize),
    readiness: readinessSchema,
  })
  .strict()
export type TrainingSettings = z.output<typeof trainingSettingsSchema>
export type TrainingSettingsInput = z.input<typeof trainingSettingsSchema>

/** `train`: snapshot the history, train every model, score, build the lists, promote if better. */
export const trainPayloadSchema = z
  .object({
    version: payloadVersion,
    trigger: z.enum(TRIGGERS, { error: `must be one of ${TRIGGERS.join(", ")}` }),
    /** The run to report on; created by the job when absent (and kept for its retries). */
    runId: id.optional(),
    source: historySourceSchema,
    /** Epoch ms, exclusive: the data cutoff. Absent: the start of the day after the last order line. */
    asOf: whole(0, 8.64e15).optional(),
    settings: trainingSettingsSchema.prefault({}),
  })
  .strict()
export type TrainPayload = z.output<typeof trainPayloadSchema>
export type TrainPayloadInput = z.input<typeof trainPayloadSchema>

/** What a readiness check measures against: the training's windows and the thresholds. */
export const readinessSettingsSchema = trainingSettingsSchema.pick({ horizonDays: true, churnWindowDays: true, readiness: true })
export type ReadinessSettings = z.output<typeof readinessSettingsSchema>

/** `check-readiness`: read the history, check it as a training would and store the check (one row, replaced). */
export const checkReadinessPayloadSchema = z
  .object({
    version: payloadVersion,
    source: historySourceSchema,
    settings: readinessSettingsSchema.prefault({}),
  })
  .strict()
export type CheckReadinessPayload = z.output<typeof checkReadinessPayloadSchema>
export type CheckReadinessPayloadInput = z.input<typeof checkReadinessPayloadSchema>

/** `score-customers`: rescore these customers with the current champion's models. */
export const scoreCustomersPayloadSchema = z
  .object({
    version: payloadVersion,
    source: historySourceSchema,
    /** The customers of this chunk; absent = take the next batch of those waiting (after order events). */
    customerIds: ids(5_000).optional(),
    asOf: whole(0, 8.64e15).optional(),
  })
  .strict()
export type ScoreCustomersPayload = z.output<typeof scoreCustomersPayloadSchema>

/** `score-all`: the parent of a rescoring flow; its children are the chunks. */
export const scoreAllPayloadSchema = z.object({ version: payloadVersion, chunks: whole(0, 1_000_000), customers: whole(0, 1e9) }).strict()

/** `purge-customer`: delete every prediction and list of these customers (a customer was deleted). */
export const purgeCustomerPayloadSchema = z.object({ version: payloadVersion, customerIds: ids(1_000) }).strict()
export type PurgeCustomerPayload = z.output<typeof purgeCustomerPayloadSchema>

/** `purge-product`: remove these products from every stored list (a product was deleted). */
export const purgeProductPayloadSchema = z.object({ version: payloadVersion, productIds: ids(1_000) }).strict()
export type PurgeProductPayload = z.output<typeof purgeProductPayloadSchema>

/** A payload that does not match its schema: the message names the first bad field. */
export class InvalidPayloadError extends Error {
  constructor(
    readonly job: string,
    readonly field: string,
    problem: string
  ) {
    super(`invalid ${job} payload: ${field}: ${problem}`)
    this.name = "InvalidPayloadError"
  }
}

/** Parses a payload, or throws InvalidPayloadError naming the first bad field ("(payload)" for the whole). */
export function parsePayload<S extends z.ZodType>(job: string, schema: S, data: unknown): z.output<S> {
  const result = schema.safeParse(data)
  if (result.success) return result.data
  const issue = result.error.issues[0]
  // an unexpected key is reported at its parent: name the key itself
  const path = issue.code === "unrecognized_keys" ? [...issue.path, issue.keys[0]] : issue.path
  const field = path.length > 0 ? path.map(String).join(".") : "(payload)"
  throw new InvalidPayloadError(job, field, issue.message)
}
