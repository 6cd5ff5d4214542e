import { spawn } from "node:child_process"
import path from "node:path"

const BIN = path.resolve(__dirname, "../bin/medusa-ml.js")

export interface CliRun {
  code: number | null
  stdout: string
  stderr: string
  wallMs: number
}

/** Runs the medusa-ml command as a user would, in its own process (in `cwd`, this process's directory by default). */
export function runCli(args: string[], options: { timeoutMs?: number; cwd?: string } = {}): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const started = performance.now()
    const child = spawn(process.execPath, [BIN, ...args], { env: { ...process.env, NODE_OPTIONS: "" }, cwd: options.cwd })
    let stdout = ""
    let stderr = ""
    child.stdout.on("data", (chunk) => (stdout += chunk))
    child.stderr.on("data", (chunk) => (stderr += chunk))
    const timer = setTimeout(() => child.kill("SIGKILL"), options.timeoutMs ?? 600_000)
    child.on("error", reject)
    child.on("exit", (code) => {
      clearTimeout(timer)
      resolve({ code, stdout, stderr, wallMs: performance.now() - started })
    })
  })
}
