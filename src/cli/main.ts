import { runCli } from "./program"

/** Entry point of the `medusa-ml` command. */
export function main(argv: string[] = process.argv.slice(2)): void {
  runCli(argv, { out: (t) => process.stdout.write(t), err: (t) => process.stderr.write(t) }).then(
    (code) => {
      process.exitCode = code
    },
    (error: unknown) => {
      process.stderr.write(`medusa-ml: ${error instanceof Error ? error.message : String(error)}\n`)
      process.exitCode = 1
    }
  )
}
