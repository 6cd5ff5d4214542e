/**
 * Runs trainModels in a worker thread: the process that owns the job (a Medusa server in
 * shared mode, a standalone worker, the CLI) keeps its event loop free while the models
 * train, at the lowest CPU priority. Input and output cross the thread boundary by
 * structured clone; progress comes back as messages. The same file is the thread's entry point.
 */
import { setPriority } from "node:os"
import path from "node:path"
import { isMainThread, parentPort, Worker, workerData } from "node:worker_threads"
import { InvalidInputError, ModelFormatError, NotEnoughDataError } from "../core/errors"
import { trainModels, type TrainingWorkInput, type TrainingWorkOutput, type WorkProgress } from "./training-work"

type ThreadMessage =
  | { type: "progress"; stage: string; fraction: number }
  | { type: "done"; output: TrainingWorkOutput }
  | { type: "error"; name: string; message: string; stack?: string; missing?: string[] }

/** Trains in a new worker thread and resolves with its output; the thread ends with the call. */
export function trainInWorkerThread(input: TrainingWorkInput, onProgress: WorkProgress = () => undefined): Promise<TrainingWorkOutput> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(threadBootstrap(__filename), { eval: true, workerData: input })
    let settled = false
    const settle = (done: () => void) => {
      if (settled) return
      settled = true
      done()
    }
    worker.on("message", (message: ThreadMessage) => {
      if (message.type === "progress") onProgress(message.stage, message.fraction)
      else if (message.type === "done") settle(() => resolve(withLocalDates(message.output)))
      else settle(() => reject(rebuildError(message)))
    })
    worker.on("error", (error) => settle(() => reject(error)))
    worker.on("exit", (code) => settle(() => reject(new Error(`training thread exited with code ${code} before it finished`))))
  })
}

/**
 * The code a thread starts with: the compiled module as it is, or (from a clone of the
 * repository, where the sources are TypeScript) the same module through ts-node and swc.
 * Evaluated code resolves bare names from the working directory, so ts-node is named by
 * the path this package resolves it to: the command works from any directory.
 */
function threadBootstrap(file: string): string {
  const target = JSON.stringify(file)
  if (!file.endsWith(".ts")) return `require(${target})`
  const tsNode = JSON.stringify(require.resolve("ts-node"))
  const project = JSON.stringify(path.resolve(__dirname, "../../tsconfig.json"))
  return `require(${tsNode}).register({ project: ${project}, transpileOnly: true, swc: true }); require(${target})`
}

/**
 * The versions' dates rebuilt with this module's Date: cloned objects belong to the main
 * realm, and code running in another one (a vm context, as test runners use) would not
 * recognise them as dates when writing them.
 */
function withLocalDates(output: TrainingWorkOutput): TrainingWorkOutput {
  const local = (value: Date | null) => (value === null ? null : new Date(value.getTime()))
  return {
    ...output,
    versions: output.versions.map((input) => ({
      ...input,
      version: { ...input.version, dataCutoff: local(input.version.dataCutoff) },
      predictions: input.predictions?.map((p) => ({ ...p, scoredAt: new Date(p.scoredAt.getTime()) })),
    })),
  }
}

/** The thread's errors keep their kind, so the job can tell "retry" from "give up". */
function rebuildError(message: Extract<ThreadMessage, { type: "error" }>): Error {
  let error: Error
  if (message.name === "NotEnoughDataError") error = new NotEnoughDataError(message.missing ?? [message.message])
  else if (message.name === "InvalidInputError") error = new InvalidInputError(message.message)
  else if (message.name === "ModelFormatError") error = new ModelFormatError(message.message)
  else {
    error = new Error(message.message)
    error.name = message.name
  }
  if (message.stack) error.stack = message.stack
  return error
}

/**
 * The lowest scheduling priority (nice 19) for this thread alone (on Linux a thread has
 * its own nice value): on a busy machine the storefront's requests, served by the main
 * thread, come first and the training takes the CPU time they leave; on an idle one it
 * runs at full speed. A system that refuses is left as it is.
 */
function yieldCpuToRequests(): void {
  try {
    setPriority(19)
  } catch {
    // not allowed here: train at the process's priority
  }
}

async function runInThread(): Promise<void> {
  const port = parentPort
  if (!port) return
  yieldCpuToRequests()
  try {
    const output = await trainModels(workerData as TrainingWorkInput, (stage, fraction) => port.postMessage({ type: "progress", stage, fraction }))
    port.postMessage({ type: "done", output } satisfies ThreadMessage)
  } catch (error) {
    const e = error instanceof Error ? error : new Error(String(error))
    const missing = e instanceof NotEnoughDataError ? e.missing : undefined
    port.postMessage({ type: "error", name: e.name, message: e.message, stack: e.stack, missing } satisfies ThreadMessage)
  }
}

if (!isMainThread && parentPort && (workerData as TrainingWorkInput | undefined)?.history) void runInThread()
