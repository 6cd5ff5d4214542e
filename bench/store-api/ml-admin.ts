/**
 * The plugin's admin routes as the benchmark uses them: a token for the admin user
 * (POST /auth/user/emailpass), starting a training (POST /admin/ml/train) and following
 * a run (GET /admin/ml/runs/:id) until it ends.
 */
import { waitFor } from "../../test/queue/harness"
import { ADMIN_EMAIL, ADMIN_PASSWORD } from "./bench-app"

export interface RunJson {
  id: string
  status: string
  stage: string | null
  progress: number
  error: string | null
  /** Seconds per stage of the run, as the run records them. */
  timings: Record<string, number>
  started_at: string | null
  finished_at: string | null
}

const ENDED = ["succeeded", "failed", "not_enough_data"]

export class MlAdmin {
  private constructor(
    private readonly baseUrl: string,
    private readonly token: string
  ) {}

  static async signIn(baseUrl: string): Promise<MlAdmin> {
    const response = await fetch(`${baseUrl}/auth/user/emailpass`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ email: ADMIN_EMAIL, password: ADMIN_PASSWORD }),
    })
    const body = (await response.json()) as { token?: string }
    if (!response.ok || !body.token) throw new Error(`admin sign-in failed: ${response.status} ${JSON.stringify(body)}`)
    return new MlAdmin(baseUrl, body.token)
  }

  private async request<T>(method: string, route: string): Promise<{ status: number; body: T }> {
    const response = await fetch(`${this.baseUrl}${route}`, {
      method,
      headers: { authorization: `Bearer ${this.token}`, "content-type": "application/json" },
      body: method === "POST" ? "{}" : undefined,
    })
    return { status: response.status, body: (await response.json()) as T }
  }

  /** Starts a training; when one is already queued or running, returns that run's id instead. */
  async train(): Promise<string> {
    const { status, body } = await this.request<{ run_id?: string; message?: string }>("POST", "/admin/ml/train")
    if ((status === 202 || status === 409) && body.run_id) return body.run_id
    throw new Error(`POST /admin/ml/train answered ${status}: ${JSON.stringify(body)}`)
  }

  async run(id: string): Promise<RunJson> {
    const { status, body } = await this.request<{ run: RunJson }>("GET", `/admin/ml/runs/${id}`)
    if (status !== 200) throw new Error(`GET /admin/ml/runs/${id} answered ${status}: ${JSON.stringify(body)}`)
    return body.run
  }

  /** Polls the run until it has ended; returns it. */
  async waitForRun(id: string, timeoutMs: number, everyMs = 250): Promise<RunJson> {
    return waitFor(
      `training run ${id} to end`,
      async () => {
        const run = await this.run(id)
        return ENDED.includes(run.status) ? run : undefined
      },
      timeoutMs,
      everyMs
    )
  }

  /** Polls until the run has started (or already ended). */
  async waitForStart(id: string, timeoutMs: number): Promise<RunJson> {
    return waitFor(
      `training run ${id} to start`,
      async () => {
        const run = await this.run(id)
        return run.started_at || ENDED.includes(run.status) ? run : undefined
      },
      timeoutMs,
      100
    )
  }
}

/** Trains and checks the outcome: the store must end with stored models. */
export async function trainOnce(admin: MlAdmin, timeoutMs: number): Promise<{ run: RunJson; seconds: number }> {
  const start = Date.now()
  const run = await admin.waitForRun(await admin.train(), timeoutMs)
  if (run.status !== "succeeded") throw new Error(`the training run ended ${run.status}: ${run.error ?? "(no error)"}`)
  return { run, seconds: (Date.now() - start) / 1000 }
}
