/** Where the CLI writes; tests pass their own. */
export interface CliIo {
  out: (text: string) => void
  err: (text: string) => void
}

/** A user error: the CLI prints its one line and exits with code 2. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message)
    this.name = "UsageError"
  }
}
