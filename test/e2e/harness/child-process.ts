/** Child processes of the e2e harness: run to the end, or keep running until stopped. */
import { spawn, type ChildProcess } from "node:child_process"

export interface ChildOptions {
  cwd: string
  env: NodeJS.ProcessEnv
}

/** Runs a command to its end; rejects with its output when it fails. */
export function runChild(command: string, args: string[], options: ChildOptions): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { ...options, stdio: ["ignore", "pipe", "pipe"] })
    let output = ""
    child.stdout.on("data", (chunk) => (output += chunk))
    child.stderr.on("data", (chunk) => (output += chunk))
    child.on("error", reject)
    child.on("exit", (code, signal) => {
      if (code === 0) resolve(output)
      else reject(new Error(`${[command, ...args].join(" ")} exited with ${code ?? signal}:\n${output.slice(-4000)}`))
    })
  })
}

/** A long-running child in its own process group, with its output kept for error messages. */
export interface RunningChild {
  process: ChildProcess
  output(): string
  /** Stops the whole process group; resolves once the child has exited. */
  stop(): Promise<void>
}

export function startChild(command: string, args: string[], options: ChildOptions): RunningChild {
  const child = spawn(command, args, { ...options, stdio: ["ignore", "pipe", "pipe"], detached: true })
  let output = ""
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-20_000)
  }
  child.stdout?.on("data", keep)
  child.stderr?.on("data", keep)
  const exited = new Promise<void>((resolve) => child.on("exit", () => resolve()))
  return {
    process: child,
    output: () => output,
    stop: async () => {
      if (child.exitCode !== null || child.signalCode !== null) return
      signalGroup(child, "SIGTERM")
      const timer = setTimeout(() => signalGroup(child, "SIGKILL"), 10_000)
      await exited
      clearTimeout(timer)
    },
  }
}

function signalGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  try {
    if (child.pid) process.kill(-child.pid, signal)
  } catch {
    // already gone
  }
}
