import { SingleBar, Presets } from "cli-progress"

/** Progress of the CLI: a bar on a terminal, nothing when output is piped or in CI. */
export interface CliProgress {
  start(label: string, total: number): void
  update(value: number): void
  stop(): void
}

export function createProgress(stream: NodeJS.WriteStream = process.stderr): CliProgress {
  if (!stream.isTTY) return { start: () => undefined, update: () => undefined, stop: () => undefined }
  let bar: SingleBar | null = null
  return {
    start(label, total) {
      bar?.stop()
      bar = new SingleBar({ format: `${label.padEnd(12)} [{bar}] {percentage}%`, stream, hideCursor: true }, Presets.shades_classic)
      bar.start(total, 0)
    },
    update(value) {
      bar?.update(value)
    },
    stop() {
      bar?.stop()
      bar = null
    },
  }
}
