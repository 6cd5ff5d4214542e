import { createWriteStream, type WriteStream } from "node:fs"
import { once } from "node:events"
import { csvLine } from "../core/data/csv-fields"

export { csvField, csvLine } from "../core/data/csv-fields"

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
