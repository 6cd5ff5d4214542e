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

  constructor(path: string, header: readonly string[]) {
    this.stream = createWriteStream(path)
    this.stream.write(csvLine(header))
  }

  async write(values: readonly (string | number | null | undefined)[]): Promise<void> {
    if (!this.stream.write(csvLine(values))) await once(this.stream, "drain")
  }

  async close(): Promise<void> {
    this.stream.end()
    await once(this.stream, "finish")
  }
}
