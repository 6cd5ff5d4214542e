import { Readable } from "node:stream"

/** A readable stream of `text` as UTF-8 bytes, cut into chunks of `chunkBytes` (all at once by default). */
export function textStream(text: string, chunkBytes?: number): Readable {
  const bytes = Buffer.from(text, "utf8")
  const size = chunkBytes ?? Math.max(bytes.length, 1)
  const chunks: Buffer[] = []
  for (let start = 0; start < bytes.length; start += size) chunks.push(bytes.subarray(start, start + size))
  return Readable.from(chunks)
}

/** A readable stream that yields `header` and then `row` forever: it can only finish by being destroyed. */
export function endlessStream(header: string, row: string): Readable {
  function* lines(): Generator<Buffer> {
    yield Buffer.from(`${header}\n`)
    for (;;) yield Buffer.from(`${row}\n`)
  }
  return Readable.from(lines())
}
