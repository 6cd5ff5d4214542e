/**
 * The store's readiness check for GET /admin/ml/readiness: the stored one, answered at
 * once, and a new one asked for when it is missing or stale. The check itself reads the
 * whole order history, so it never runs in the request: it is a `check-readiness` job,
 * on the queue when the plugin has Redis, in this process's background without it.
 */
import { redactUrl } from "../../config/redact"
import { checkReadinessPayloadSchema, PAYLOAD_VERSION, type CheckReadinessPayload } from "../../engine/payloads"
import { readinessFromRow, readinessIsStale, type StoredReadiness } from "../../engine/readiness-check"
import type { JobLauncher } from "./job-launcher"
import { STORE_SOURCE } from "./job-launcher"
import type { MlRuntime } from "./runtime"

/** A stored check older than this is answered, and a new one asked for. */
export const READINESS_MAX_AGE_MS = 10 * 60_000

export interface ReadinessAnswer {
  /** The latest stored check; null before the first one has run. */
  check: StoredReadiness | null
  /** A new check was asked for (or runs): ask again shortly for fresher figures. */
  checking: boolean
}

export class ReadinessChecks {
  /** The request to the runner under way: one at a time, so an unreachable Redis does not pile them up. */
  private enqueuing: Promise<unknown> | null = null

  constructor(
    private readonly runtime: MlRuntime,
    private readonly jobs: JobLauncher,
    private readonly now: () => number = Date.now
  ) {}

  /** The stored check; asks for a new one when there is none, it is stale, or `refresh`. Never waits for the check. */
  async current(options: { refresh?: boolean } = {}): Promise<ReadinessAnswer> {
    const check = readinessFromRow(await this.runtime.store.readinessCheck())
    const payload = this.payload()
    const stale = options.refresh === true || readinessIsStale(check, payload.settings, this.now(), READINESS_MAX_AGE_MS)
    if (stale) this.request(payload)
    return { check, checking: stale }
  }

  private payload(): CheckReadinessPayload {
    const { horizonDays, churnWindowDays, readiness } = this.jobs.settings()
    return checkReadinessPayloadSchema.parse({ version: PAYLOAD_VERSION, source: STORE_SOURCE, settings: { horizonDays, churnWindowDays, readiness } })
  }

  /** Asks for a check; the caller waits neither for it nor for the queue. */
  private request(payload: CheckReadinessPayload): void {
    const { runner, log } = this.runtime
    // a Redis client's error may carry the command and URL it failed on: words only, redacted
    const failed = (error: Error) => log.error(`medusa-ml: the readiness check could not run: ${redactUrl(error.message)}`)
    this.enqueuing ??= runner
      .requestReadinessCheck(payload)
      .catch(failed)
      .finally(() => (this.enqueuing = null))
  }
}
