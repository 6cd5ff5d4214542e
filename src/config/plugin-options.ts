import { z } from "zod"
import { SEGMENT_IDS } from "../core/segments/segment-catalog"
import { currencyRatesSchema } from "../medusa/currency-rates"
import { redactUrl } from "./redact"
import { boundedWholeNumber, readinessSchema, TRAINING_BOUNDS, wholeNumber } from "./training-bounds"

/**
 * The plugin's options, as a merchant writes them in medusa-config.ts:
 *
 *   plugins: [{ resolve: "medusa-ml", options: { redisUrl: process.env.REDIS_URL } }]
 *
 * Defaults live here, once; the options are validated once, when the module loads,
 * and an invalid one stops start-up with a message naming it and its bound.
 */

const CRON_FIELD = /^(\*|\d+|\d+-\d+|\*\/\d+|\d+-\d+\/\d+)(,(\*|\d+|\d+-\d+|\*\/\d+|\d+-\d+\/\d+))*$/

const recommendationsSchema = z
  .object({
    /** Products stored per list (per product, per customer, popular). @defaultValue 20 */
    limit: wholeNumber(TRAINING_BOUNDS.listSize),
  })
  .strict()
  .prefault({})

const GROUP_NAME_ERROR = "must name groups by 1 to 100 characters, each holding a non-empty list of segments"

const customerGroupsSchema = z
  .object({
    /** Keep Medusa customer groups in sync with the segments after each scoring. @defaultValue false */
    enabled: z.boolean({ error: "must be true or false" }).default(false),
    /**
     * Group name → the RFM segments whose customers it holds, e.g.
     * `{ "At risk": ["at_risk", "cant_lose"] }`. Segments: ${SEGMENT_IDS.join(", ")}.
     * @defaultValue { "At risk": ["at_risk", "cant_lose", "about_to_sleep"], "High value": ["champions", "loyal"] }
     */
    groups: z
      .record(
        z.string().min(1, { error: GROUP_NAME_ERROR }).max(100, { error: GROUP_NAME_ERROR }),
        z
          .array(z.enum(SEGMENT_IDS, { error: `must list segments among ${SEGMENT_IDS.join(", ")}` }), { error: GROUP_NAME_ERROR })
          .min(1, { error: GROUP_NAME_ERROR }),
        { error: GROUP_NAME_ERROR }
      )
      .default({ "At risk": ["at_risk", "cant_lose", "about_to_sleep"], "High value": ["champions", "loyal"] }),
  })
  .strict()
  .prefault({})

export const pluginOptionsSchema = z
  .object({
    /**
     * Redis for the job queues, e.g. "redis://localhost:6379". Absent: jobs run inline
     * in the Medusa process (fine for development, not for a live store).
     * @defaultValue undefined
     */
    redisUrl: z
      .string({ error: "must be a redis:// or rediss:// URL" })
      .regex(/^rediss?:\/\/.+/, { error: "must be a redis:// or rediss:// URL" })
      .optional(),
    /** Prefix of the plugin's BullMQ keys in Redis, apart from Medusa's own queues. @defaultValue "medusa-ml" */
    queuePrefix: z
      .string({ error: "must be text of 1 to 40 letters, digits, '-' or '_'" })
      .regex(/^[A-Za-z0-9_-]{1,40}$/, { error: "must be text of 1 to 40 letters, digits, '-' or '_'" })
      .default("medusa-ml"),
    /**
     * Where predictions and models are stored: "medusa" (the store's own Postgres,
     * tables created by `medusa db:migrate`), or a database URL (postgres://… or sqlite:PATH).
     * @defaultValue "medusa"
     */
    store: z
      .string({ error: 'must be "medusa", a postgres:// URL or sqlite:PATH' })
      .regex(/^(medusa|postgres(ql)?:\/\/.+|sqlite:.+)$/, { error: 'must be "medusa", a postgres:// URL or sqlite:PATH' })
      .default("medusa"),
    /** Days ahead for purchase probability, expected orders and spend. @defaultValue 90 */
    horizonDays: wholeNumber(TRAINING_BOUNDS.horizonDays),
    /** A customer with no order for this many days from now counts as churned. @defaultValue horizonDays */
    churnWindowDays: boundedWholeNumber(TRAINING_BOUNDS.churnWindowDays).optional(),
    /** Days of future value counted in the predicted lifetime value. @defaultValue 365 */
    clvHorizonDays: wholeNumber(TRAINING_BOUNDS.clvHorizonDays),
    /** When the nightly retrain (and first backfill) runs, as a 5-field cron expression. @defaultValue "0 3 * * *" */
    retrainCron: z
      .string({ error: 'must be a 5-field cron expression such as "0 3 * * *"' })
      .refine((v) => v.trim().split(/\s+/).length === 5 && v.trim().split(/\s+/).every((f) => CRON_FIELD.test(f)), {
        error: 'must be a 5-field cron expression such as "0 3 * * *"',
      })
      .default("0 3 * * *"),
    /**
     * Order events within this many seconds of each other give one retrain and one batch
     * of rescoring (BullMQ deduplication in debounce mode). @defaultValue 30
     */
    eventDebounceSeconds: wholeNumber({ min: 1, max: 3600, default: 30 }),
    /**
     * The longest an event's retrain or rescoring waits: under a steady stream of orders
     * (one within every `eventDebounceSeconds`), the debounce stops pushing the job back
     * once this many seconds have passed since the first event it holds. At least
     * `eventDebounceSeconds`; read it through `eventMaxWaitSeconds(options)`.
     * @defaultValue 120, or `eventDebounceSeconds` when that is longer
     */
    eventMaxWaitSeconds: boundedWholeNumber({ min: 1, max: 86400 }).optional(),
    /** Seed of every random choice in training, so a retrain on the same data gives the same models. @defaultValue 42 */
    seed: wholeNumber(TRAINING_BOUNDS.seed),
    /** Minimum data before a model is trained; below it a run ends "not enough data". */
    readiness: readinessSchema,
    /** Stored recommendation lists. */
    recommendations: recommendationsSchema,
    /**
     * Rates to the store's default currency by currency code, e.g. `{ eur: 1.08, gbp: 1.27 }`.
     * Orders in a currency without a rate count for recency and frequency but not for
     * amounts; the readiness report lists them. @defaultValue {}
     */
    currencyRates: currencyRatesSchema.default({}),
    /** Medusa customer groups that hold the customers of chosen segments, for promotions and price lists. */
    customerGroups: customerGroupsSchema,
  })
  .strict()
  .check((ctx) => {
    const { eventDebounceSeconds, eventMaxWaitSeconds } = ctx.value
    if (eventMaxWaitSeconds !== undefined && eventMaxWaitSeconds < eventDebounceSeconds) {
      ctx.issues.push({
        code: "custom",
        input: eventMaxWaitSeconds,
        path: ["eventMaxWaitSeconds"],
        message: `must be at least eventDebounceSeconds (${eventDebounceSeconds})`,
      })
    }
  })

/** The default maximum wait of event work, in seconds. */
export const DEFAULT_EVENT_MAX_WAIT_SECONDS = 120

/** The maximum wait of event work: as given, else the default or the debounce, whichever is longer. */
export function eventMaxWaitSeconds(options: Pick<PluginOptions, "eventDebounceSeconds" | "eventMaxWaitSeconds">): number {
  return options.eventMaxWaitSeconds ?? Math.max(DEFAULT_EVENT_MAX_WAIT_SECONDS, options.eventDebounceSeconds)
}

/** How event work coalesces, in ms: one job `debounceMs` after the last event, never later than `maxWaitMs` after the first. */
export function eventDebounce(options: Pick<PluginOptions, "eventDebounceSeconds" | "eventMaxWaitSeconds">): { debounceMs: number; maxWaitMs: number } {
  return { debounceMs: options.eventDebounceSeconds * 1000, maxWaitMs: eventMaxWaitSeconds(options) * 1000 }
}

/** The options as written in medusa-config.ts. */
export type PluginOptionsInput = z.input<typeof pluginOptionsSchema>
/** The options after defaults, as the plugin uses them. */
export type PluginOptions = z.output<typeof pluginOptionsSchema>

/** A bad option: the message names the option, the value given and what is allowed. */
export class InvalidPluginOptionsError extends Error {
  constructor(readonly problems: string[]) {
    super(`medusa-ml: invalid plugin options:\n  - ${problems.join("\n  - ")}`)
    this.name = "InvalidPluginOptionsError"
  }
}

/** Merges defaults and validates, once, at start. */
export function parsePluginOptions(raw: unknown): PluginOptions {
  const result = pluginOptionsSchema.safeParse(raw ?? {})
  if (result.success) return result.data
  const problems = result.error.issues.map((issue) => {
    const path = issue.path.join(".")
    if (issue.code === "unrecognized_keys") {
      const where = path ? ` in "${path}"` : ""
      return `unknown option${issue.keys.length > 1 ? "s" : ""}${where}: ${issue.keys.map((k) => `"${k}"`).join(", ")}`
    }
    return `option "${path}" ${issue.message} (got ${describeValue(valueAt(raw, issue.path))})`
  })
  throw new InvalidPluginOptionsError(problems)
}

function valueAt(raw: unknown, path: PropertyKey[]): unknown {
  let value: unknown = raw
  for (const key of path) {
    if (value === null || typeof value !== "object") return undefined
    value = (value as Record<PropertyKey, unknown>)[key]
  }
  return value
}

/** Shows the value given without leaking credentials of a URL. */
function describeValue(value: unknown): string {
  if (typeof value === "string") return JSON.stringify(redactUrl(value))
  if (value === undefined) return "nothing"
  return JSON.stringify(value) ?? String(value)
}
