/** Thrown when the caller's AbortSignal has fired; named "AbortError" like the platform's own. */
export class AbortError extends Error {
  constructor(message = "the operation was aborted") {
    super(message)
    this.name = "AbortError"
  }
}

/** Throws AbortError when `signal` has fired. */
export function throwIfAborted(signal: AbortSignal | undefined, during: string): void {
  if (signal?.aborted) throw new AbortError(`${during} was aborted`)
}
