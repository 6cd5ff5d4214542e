/**
 * Everything the benchmark made, undone on every way out: normal end, an error, or
 * SIGINT/SIGTERM. Tasks run last-added first (a server stops before its database is
 * dropped), each at most once, and one failing does not keep the others from running.
 */
import type { RunningChild } from "../../test/e2e/harness/child-process"

export class Cleanup {
  private readonly tasks: { what: string; run: () => Promise<void> }[] = []
  private running: Promise<void> | null = null

  /** Registers a task; returns it wrapped so calling it early runs it once only. */
  add(what: string, task: () => Promise<void>): () => Promise<void> {
    let done: Promise<void> | null = null
    const once = () => (done ??= task())
    this.tasks.push({ what, run: once })
    return once
  }

  /** A child process: its process group is stopped. */
  child(child: RunningChild): void {
    this.add(`process ${child.process.pid}`, () => child.stop())
  }

  /** Runs every task once, newest first; failures are reported, not thrown. */
  runAll(log: (line: string) => void): Promise<void> {
    this.running ??= (async () => {
      for (const task of [...this.tasks].reverse()) {
        try {
          await task.run()
        } catch (error) {
          log(`clean-up of ${task.what} failed: ${error instanceof Error ? error.message : String(error)}`)
        }
      }
    })()
    return this.running
  }

  /** On SIGINT/SIGTERM: clean up, then exit with the signal's conventional code. */
  onSignals(log: (line: string) => void): void {
    for (const [signal, code] of [["SIGINT", 130], ["SIGTERM", 143]] as const) {
      process.once(signal, () => {
        log(`\n${signal}: cleaning up`)
        this.runAll(log).finally(() => {
          log("cleaned up after the signal")
          process.exit(code)
        })
      })
    }
  }
}
