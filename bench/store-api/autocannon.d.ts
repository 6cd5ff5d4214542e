/** The part of autocannon's programmatic API the store-API benchmark uses (the package ships no types). */
declare module "autocannon" {
  namespace autocannon {
    interface AutocannonRequest {
      method?: string
      path?: string
      headers?: Record<string, string>
      body?: string
    }
    interface AutocannonOptions {
      url: string
      connections?: number
      duration?: number
      timeout?: number
      headers?: Record<string, string>
      requests?: AutocannonRequest[]
    }
    interface Histogram {
      mean: number
      stddev: number
      min: number
      max: number
      average: number
      total: number
      p50: number
      p90: number
      p99: number
      [percentile: string]: number
    }
    interface AutocannonResult {
      duration: number
      start: Date
      finish: Date
      errors: number
      timeouts: number
      non2xx: number
      "2xx": number
      statusCodeStats: Record<string, { count: number }>
      latency: Histogram
      requests: Histogram & { sent: number }
    }
    interface Instance {
      stop(): void
      on(event: string, listener: (...args: any[]) => void): this
    }
  }
  function autocannon(options: autocannon.AutocannonOptions): autocannon.Instance & Promise<autocannon.AutocannonResult>
  export = autocannon
}

