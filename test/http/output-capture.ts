/**
 * Records everything this process says while it runs: bytes written to stdout and
 * stderr, console calls, and every call of Medusa's logger, whatever its level (so the
 * plugin's warnings count though the tests run Medusa at LOG_LEVEL=error). Arguments are
 * recorded as util.inspect shows them, properties of error objects included: that is
 * what Medusa's logger prints in development (console.error(error)), and what a JSON
 * log line may carry. Output still goes where it went.
 */
import { inspect } from "node:util"
import { logger as medusaLogger } from "@medusajs/framework/logger"

const CONSOLE_METHODS = ["log", "info", "warn", "error", "debug", "trace"] as const
const LOGGER_METHODS = ["log", "info", "warn", "error", "debug", "http", "verbose", "silly", "panic", "activity", "progress", "success", "failure"] as const

type Restore = () => void

export class OutputCapture {
  private readonly records: string[] = []
  private restores: Restore[] = []

  /** Starts recording; call `stop()` in an afterAll. */
  start(): void {
    if (this.restores.length > 0) return
    for (const stream of [process.stdout, process.stderr]) this.wrapStream(stream)
    for (const name of CONSOLE_METHODS) this.wrapMethod(console as unknown as Record<string, unknown>, name, `console.${name}`)
    const logger = medusaLogger as unknown as Record<string, unknown>
    for (const name of LOGGER_METHODS) this.wrapMethod(logger, name, `logger.${name}`)
  }

  stop(): void {
    for (const restore of this.restores.reverse()) restore()
    this.restores = []
  }

  /** Everything recorded so far, one record a line. */
  text(): string {
    return this.records.join("\n")
  }

  /** Records recorded since `mark` (the value `mark()` returned then). */
  since(mark: number): string {
    return this.records.slice(mark).join("\n")
  }

  mark(): number {
    return this.records.length
  }

  private record(source: string, args: unknown[]): void {
    const shown = args.map((arg) => (typeof arg === "string" ? arg : inspect(arg, { depth: 8, breakLength: Infinity })))
    this.records.push(`[${source}] ${shown.join(" ")}`)
  }

  private wrapStream(stream: NodeJS.WriteStream): void {
    const original = stream.write
    const capture = this
    stream.write = function (this: NodeJS.WriteStream, chunk: unknown, ...rest: unknown[]) {
      capture.record(stream === process.stdout ? "stdout" : "stderr", [Buffer.isBuffer(chunk) ? chunk.toString("utf8") : String(chunk)])
      return (original as (...args: unknown[]) => boolean).call(this, chunk, ...rest)
    } as typeof stream.write
    this.restores.push(() => {
      stream.write = original
    })
  }

  private wrapMethod(target: Record<string, unknown>, name: string, source: string): void {
    const original = target[name]
    if (typeof original !== "function") return
    const capture = this
    const hadOwn = Object.prototype.hasOwnProperty.call(target, name)
    target[name] = function (this: unknown, ...args: unknown[]) {
      capture.record(source, args)
      return original.apply(this, args)
    }
    this.restores.push(() => {
      if (hadOwn) target[name] = original
      else delete target[name]
    })
  }
}
