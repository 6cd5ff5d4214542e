/**
 * Small named errors of the core. Adapters translate them at the edge: the CLI to
 * exit code 2 with one line, routes to HTTP 400, jobs to a failure without retry.
 */

/** Input that can never succeed as given (a missing column, an unreadable date, a bad option). */
export class InvalidInputError extends Error {
  constructor(message: string, readonly field?: string) {
    super(message)
    this.name = "InvalidInputError"
  }
}

/** The data is valid but too little to train on; lists what is missing. */
export class NotEnoughDataError extends Error {
  constructor(readonly missing: string[]) {
    super(`not enough data: ${missing.join("; ")}`)
    this.name = "NotEnoughDataError"
  }
}

/** A serialized model whose type tag or version does not match the loader. */
export class ModelFormatError extends Error {
  constructor(message: string) {
    super(message)
    this.name = "ModelFormatError"
  }
}
