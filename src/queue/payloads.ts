/** The job payloads the queue carries; the contracts are the engine's (src/engine/payloads). */
export * from "../engine/payloads"
