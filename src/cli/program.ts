import { Command, CommanderError } from "commander"
import { redactUrl } from "../config/redact"
import { InvalidInputError, NotEnoughDataError } from "../core/errors"
import { registerDemo } from "./commands/demo"
import { registerExport } from "./commands/export"
import { registerRecommend } from "./commands/recommend"
import { registerRegistry } from "./commands/registry"
import { registerSimulate } from "./commands/simulate"
import { UsageError, type CliIo } from "./io"
import { registerTrain } from "./commands/train"
import { registerWorker } from "./commands/worker"

export { UsageError, type CliIo } from "./io"

export const EXIT_OK = 0
export const EXIT_FAILURE = 1
export const EXIT_USAGE = 2

function buildProgram(io: CliIo): Command {
  const program = new Command("medusa-ml")
    .description("Churn risk, lifetime value and recommendations from a store's order history.")
    .configureOutput({ writeOut: io.out, writeErr: io.err, outputError: () => undefined })
    .exitOverride()
    .showSuggestionAfterError(false)
  registerTrain(program, io)
  registerExport(program, io)
  registerRecommend(program, io)
  registerRegistry(program, io)
  registerSimulate(program, io)
  registerDemo(program, io)
  registerWorker(program, io)
  return program
}

/**
 * Runs the CLI on argv (without "node" and the script) and returns the exit code:
 * 0 done, 1 failed, 2 bad usage or input (one line on stderr saying what and where).
 */
export async function runCli(argv: string[], io: CliIo): Promise<number> {
  const program = buildProgram(io)
  try {
    if (argv.length === 0) {
      io.out(program.helpInformation())
      return EXIT_OK
    }
    await program.parseAsync(argv, { from: "user" })
    return EXIT_OK
  } catch (error) {
    if (error instanceof CommanderError) {
      if (error.code === "commander.helpDisplayed" || error.code === "commander.version") return EXIT_OK
      io.err(`medusa-ml: ${commanderMessage(error)} (see medusa-ml --help)\n`)
      return EXIT_USAGE
    }
    if (error instanceof UsageError || error instanceof InvalidInputError || error instanceof NotEnoughDataError) {
      io.err(`medusa-ml: ${redactUrl(error.message)}\n`)
      return EXIT_USAGE
    }
    io.err(`medusa-ml: ${redactUrl(error instanceof Error ? error.message : String(error))}\n`)
    return EXIT_FAILURE
  }
}

function commanderMessage(error: CommanderError): string {
  return error.message.replace(/^error: /, "").trim()
}
