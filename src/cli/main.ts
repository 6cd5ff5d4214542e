import { redactUrl } from "../config/redact"
import { runCli } from "./program"

/**
 * Entry point of the `medusa-ml` command. Whatever fails, the command prints one line,
 * with any URL's password hidden: never an error object, whose properties can hold a
 * secret (a refused Redis login carries its AUTH arguments).
 */
export function main(argv: string[] = process.argv.slice(2)): void {
  const fail = (error: unknown) => {
    process.stderr.write(`medusa-ml: ${redactUrl(error instanceof Error ? error.message : String(error))}\n`)
    process.exitCode = 1
  }
  // a connection library failing while the command stops (a worker on SIGTERM) ends it the same way
  const failAndExit = (error: unknown) => {
    fail(error)
    process.exit()
  }
  process.on("uncaughtException", failAndExit)
  process.on("unhandledRejection", failAndExit)
  runCli(argv, { out: (t) => process.stdout.write(t), err: (t) => process.stderr.write(t) }).then((code) => {
    process.exitCode = code
  }, fail)
}
