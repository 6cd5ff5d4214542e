import { createWriteStream, type WriteStream } from "node:fs"
import { once } from "node:events"

/** One CSV field, quoted when it holds a comma, a quote or a line break (RFC 4180). */
export function csvField(value: string | number | null | undefined): string {
  const text = value === null || value === undefined ? "" : String(value)
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text
}

export function csvLine(values: readonly (string | number | null | undefined)[]): string {
  return values.map(csvField).join(",") + "\n"
}

/** Writes rows to a file with back-pressure; `close()` resolves once everything is on disk. */
export class CsvFileWriter {
  private readonly stream: WriteStream
  private failure: Error | null = null

  constructor(private readonly path: string, header: readonly string[]) {
    this.stream = createWriteStream(path)
    // a failed open or write surfaces at the next write or at close, as an error naming the file
    this.stream.on("error", (error) => (this.failure = error))
    this.stream.write(csvLine(header))
  }

  async write(values: readonly (string | number | null | undefined)[]): Promise<void> {
    this.throwIfFailed()
    if (!this.stream.write(csvLine(values))) await Promise.race([once(this.stream, "drain"), once(this.stream, "close")])
  }

  async close(): Promise<void> {
    this.throwIfFailed()
    this.stream.end()
    await Promise.race([once(this.stream, "finish"), once(this.stream, "close")])
    this.throwIfFailed()
  }

  private throwIfFailed(): void {
    if (this.failure) throw new Error(`cannot write ${this.path}: ${this.failure.message}`)
  }
}
