/**
 * A redis-server of one test file alone, on a free loopback port, that the test may stop
 * and start again (same port, same password) to play an outage without touching the
 * shared Redis. It keeps nothing on disk. `close()` is safe to call twice and after a
 * failed start; a process exit kills the server too, so a crashed test leaves none behind.
 */
import { spawn, type ChildProcess } from "node:child_process"
import { randomBytes } from "node:crypto"
import { mkdtempSync, rmSync } from "node:fs"
import net from "node:net"
import { tmpdir } from "node:os"
import path from "node:path"
import IORedis from "ioredis"

const REDIS_SERVER = process.env.REDIS_SERVER_BIN ?? "/usr/bin/redis-server"

export interface PrivateRedis {
  readonly port: number
  /** The password the server requires (`--requirepass`), if any. */
  readonly password: string | undefined
  /** redis://[:password@]127.0.0.1:port */
  readonly url: string
  readonly running: boolean
  /** Starts the server (again) on the same port; `password` changes what it requires from now on. */
  start(options?: { password?: string | null }): Promise<void>
  /** Stops the server at once, as a crash would (SIGKILL), and waits for it to be gone. */
  stop(): Promise<void>
  /** CONFIG SET on the running server, e.g. ("maxmemory", "1") to refuse every write while PING still answers. */
  configSet(name: string, value: string): Promise<void>
  /** Stops the server and removes its folder. */
  close(): Promise<void>
}

/** A long random password, safe in a URL, that appears nowhere else by chance. */
export function randomPassword(): string {
  return `pw${randomBytes(24).toString("hex")}`
}

/** A TCP port nobody listens on now (the OS picks it). */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer()
    server.unref()
    server.on("error", reject)
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo
      server.close(() => resolve(port))
    })
  })
}

/** Starts a private redis-server; with `password`, it requires it. */
export async function startPrivateRedis(options: { password?: string } = {}): Promise<PrivateRedis> {
  const port = await freePort()
  const dir = mkdtempSync(path.join(tmpdir(), "medusa-ml-redis-"))
  let password = options.password
  let child: ChildProcess | null = null
  const killOnExit = () => child?.kill("SIGKILL")
  process.once("exit", killOnExit)

  const start = async (next: { password?: string | null } = {}) => {
    if (child) throw new Error(`the private Redis on port ${port} is already running`)
    if (next.password !== undefined) password = next.password ?? undefined
    const args = ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--dir", dir, "--loglevel", "warning"]
    if (password) args.push("--requirepass", password)
    const started = spawn(REDIS_SERVER, args, { stdio: ["ignore", "ignore", "pipe"] })
    let stderr = ""
    started.stderr?.on("data", (chunk) => (stderr += chunk))
    child = started
    started.once("exit", () => {
      if (child === started) child = null
    })
    try {
      await answersPing(port, password, () => (child === started ? undefined : `redis-server exited: ${stderr.trim()}`))
    } catch (error) {
      await stopChild()
      throw error
    }
  }

  const stopChild = async () => {
    const running = child
    if (!running) return
    const exited = new Promise((resolve) => running.once("exit", resolve))
    running.kill("SIGKILL")
    await exited
    child = null
  }

  try {
    await start()
  } catch (error) {
    process.removeListener("exit", killOnExit)
    rmSync(dir, { recursive: true, force: true })
    throw error
  }
  return {
    port,
    get password() {
      return password
    },
    get url() {
      return `redis://${password ? `:${password}@` : ""}127.0.0.1:${port}`
    },
    get running() {
      return child !== null
    },
    start,
    stop: stopChild,
    configSet: async (name, value) => {
      const client = new IORedis({ host: "127.0.0.1", port, password, lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null })
      try {
        await client.connect()
        await client.config("SET", name, value)
      } finally {
        client.disconnect()
      }
    },
    close: async () => {
      try {
        await stopChild()
      } finally {
        process.removeListener("exit", killOnExit)
        rmSync(dir, { recursive: true, force: true })
      }
    },
  }
}

/** Waits until the server on `port` answers PING (with the password), or fails naming why. */
async function answersPing(port: number, password: string | undefined, exited: () => string | undefined, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    const gone = exited()
    if (gone) throw new Error(gone)
    const client = new IORedis({ host: "127.0.0.1", port, password, lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null })
    client.on("error", () => undefined)
    try {
      await client.connect()
      if ((await client.ping()) === "PONG") return
    } catch {
      // not listening yet
    } finally {
      client.disconnect()
    }
    if (Date.now() > deadline) throw new Error(`the private Redis on port ${port} did not answer within ${timeoutMs} ms`)
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
}
