/**
 * One load measurement with autocannon (programmatic API): a fixed number of
 * connections against one route, each connection cycling through the same list of
 * product ids, with the storefront's publishable key on every request. The load runs
 * without a break from the warm-up into the measured window; only responses that
 * arrive inside the window count (autocannon's per-response latencies, from its
 * "response" events), so requests left over from the warm-up or a previous route never
 * land in the figures.
 */
import { performance } from "node:perf_hooks"
import autocannon = require("autocannon")

export interface Route {
  /** What the reports call it. */
  name: string
  baseUrl: string
  /** Request paths, cycled through by every connection. */
  paths: string[]
  headers: Record<string, string>
}

export interface LoadResult {
  route: string
  /** Latency percentiles and mean of the 2xx answers, ms. */
  p50: number
  p99: number
  mean: number
  /** Answers per second over the window. */
  rps: number
  requests: number
  /** Connection errors (timeouts included) and answers other than 2xx. */
  errors: number
  timeouts: number
  non2xx: number
  statusCodes: Record<string, number>
  seconds: number
  /** Wall-clock bounds of the measured window, ms since the epoch. */
  startedAt: number
  finishedAt: number
}

export interface LoadSettings {
  connections: number
  durationSeconds: number
  warmupSeconds: number
}

/** Load running on a route; `measure()` counts the answers of a window and stops the load. */
export interface RunningLoad {
  measure(seconds: number): Promise<LoadResult>
  stop(): Promise<void>
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

export function startLoad(route: Route, connections: number): RunningLoad {
  let counting = false
  const latencies: number[] = []
  const statusCodes: Record<string, number> = {}
  let errors = 0
  let timeouts = 0
  const instance = autocannon({
    url: route.baseUrl,
    connections,
    duration: 24 * 3600,
    timeout: 10,
    headers: route.headers,
    requests: route.paths.map((path) => ({ method: "GET", path })),
  })
  const finished = instance.then(
    () => undefined,
    () => undefined
  )
  instance.on("response", (_client: unknown, statusCode: number, _bytes: number, responseTime: number) => {
    if (!counting) return
    statusCodes[statusCode] = (statusCodes[statusCode] ?? 0) + 1
    if (statusCode >= 200 && statusCode < 300) latencies.push(responseTime)
  })
  instance.on("reqError", (error: Error) => {
    if (!counting) return
    errors++
    if (error.message === "request timed out") timeouts++
  })
  const stop = async () => {
    instance.stop()
    await finished
  }
  return {
    stop,
    measure: async (seconds) => {
      const startedAt = Date.now()
      const start = performance.now()
      counting = true
      await sleep(seconds * 1000)
      counting = false
      const elapsed = (performance.now() - start) / 1000
      const finishedAt = Date.now()
      await stop()
      const answers = Object.values(statusCodes).reduce((n, c) => n + c, 0)
      const sorted = [...latencies].sort((a, b) => a - b)
      return {
        route: route.name,
        p50: percentile(sorted, 50),
        p99: percentile(sorted, 99),
        mean: mean(sorted),
        rps: answers / elapsed,
        requests: answers,
        errors,
        timeouts,
        non2xx: answers - latencies.length,
        statusCodes,
        seconds: elapsed,
        startedAt,
        finishedAt,
      }
    },
  }
}

/**
 * Waits until the server answers /health promptly again, so the requests a stopped
 * load left in progress on the server are done before anything else is measured.
 */
export async function settle(baseUrl: string, quickMs = 50, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs
  let quick = 0
  while (quick < 3 && Date.now() < deadline) {
    const start = performance.now()
    await fetch(`${baseUrl}/health`).then((r) => r.arrayBuffer(), () => undefined)
    quick = performance.now() - start < quickMs ? quick + 1 : 0
    await sleep(50)
  }
}

/** Warms the route up, then measures it for the duration, under the same load throughout. */
export async function measureLoad(route: Route, settings: LoadSettings): Promise<LoadResult> {
  await settle(route.baseUrl)
  const load = startLoad(route, settings.connections)
  try {
    await sleep(settings.warmupSeconds * 1000)
    return await load.measure(settings.durationSeconds)
  } finally {
    await load.stop()
  }
}

/** Checks once that every path of the route answers 200, before any load. */
export async function checkRoute(route: Route): Promise<void> {
  for (const path of route.paths) {
    const response = await fetch(`${route.baseUrl}${path}`, { headers: route.headers })
    const body = await response.text()
    if (response.status !== 200) throw new Error(`${route.name}: GET ${path} answered ${response.status}: ${body.slice(0, 500)}`)
  }
}

/** Nearest-rank percentile of sorted values; NaN when there are none. */
export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  if (sorted.length === 0) return Number.NaN
  const m = Math.floor(sorted.length / 2)
  return sorted.length % 2 === 1 ? sorted[m] : (sorted[m - 1] + sorted[m]) / 2
}

export function mean(values: number[]): number {
  return values.length === 0 ? Number.NaN : values.reduce((sum, v) => sum + v, 0) / values.length
}
