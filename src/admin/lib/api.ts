/**
 * Requests to the plugin's admin routes from the dashboard. Plain `fetch` with the
 * dashboard's login cookie (and its bearer token when the dashboard keeps one), so
 * the extensions need no client library the plugin would have to declare.
 */

declare const __BACKEND_URL__: string | undefined
declare const __JWT_TOKEN_STORAGE_KEY__: string | undefined

/** An answer other than 2xx, or no answer at all (status 0). */
export class MlApiError extends Error {
  constructor(
    message: string,
    readonly status: number
  ) {
    super(message)
    this.name = "MlApiError"
  }
}

export type QueryValue = string | number | readonly string[] | undefined | null

/** The backend the dashboard talks to: its configured URL, or this origin. */
function backendUrl(): string {
  const configured = typeof __BACKEND_URL__ === "string" ? __BACKEND_URL__ : "/"
  return configured.replace(/\/+$/, "")
}

/** `/admin/ml/customers?segment=a,b&limit=20`: empty values left out, lists comma-joined. */
export function apiPath(path: string, query: Record<string, QueryValue> = {}): string {
  const params = new URLSearchParams()
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === "") continue
    if (Array.isArray(value)) {
      if (value.length > 0) params.set(key, value.join(","))
    } else {
      params.set(key, String(value))
    }
  }
  const search = params.toString()
  return search ? `${path}?${search}` : path
}

/** The full URL of an admin path, for links (the CSV export) as well as requests. */
export function apiUrl(path: string): string {
  return `${backendUrl()}${path}`
}

function headers(): Record<string, string> {
  const result: Record<string, string> = { accept: "application/json" }
  try {
    const key = typeof __JWT_TOKEN_STORAGE_KEY__ === "string" && __JWT_TOKEN_STORAGE_KEY__ ? __JWT_TOKEN_STORAGE_KEY__ : "medusa_auth_token"
    const token = window.localStorage.getItem(key)
    if (token) result.authorization = `Bearer ${token}`
  } catch {
    // storage unavailable: the login cookie alone
  }
  return result
}

async function send(path: string, init: RequestInit): Promise<Response> {
  try {
    return await fetch(apiUrl(path), { credentials: "include", ...init, headers: { ...headers(), ...init.headers } })
  } catch (error) {
    if (error instanceof DOMException && error.name === "AbortError") throw error
    throw new MlApiError("The server could not be reached.", 0)
  }
}

async function errorOf(response: Response): Promise<MlApiError> {
  let message = `The server answered ${response.status} ${response.statusText}`.trim()
  try {
    const body = (await response.json()) as { message?: unknown }
    if (typeof body.message === "string" && body.message) message = body.message
  } catch {
    // not JSON: keep the status line
  }
  return new MlApiError(message, response.status)
}

export async function getJson<T>(path: string, signal?: AbortSignal): Promise<T> {
  const response = await send(path, { method: "GET", signal })
  if (!response.ok) throw await errorOf(response)
  return (await response.json()) as T
}

export async function getText(path: string, signal?: AbortSignal): Promise<string> {
  const response = await send(path, { method: "GET", signal, headers: { accept: "text/csv" } })
  if (!response.ok) throw await errorOf(response)
  return response.text()
}

/** A POST; the statuses in `answers` (e.g. 409 with the running run's id) are results, not errors. */
export async function postJson<T>(path: string, body: unknown, answers: readonly number[] = []): Promise<{ status: number; body: T }> {
  const response = await send(path, { method: "POST", body: JSON.stringify(body), headers: { "content-type": "application/json" } })
  if (!response.ok && !answers.includes(response.status)) throw await errorOf(response)
  return { status: response.status, body: (await response.json()) as T }
}
