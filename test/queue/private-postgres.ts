/**
 * A PostgreSQL server of one test's own, for faults that must not touch the shared
 * server: a fresh cluster in a temporary folder (trust auth, its unix socket in the
 * same folder) listening on a free port of 127.0.0.1, which the test may stop, start
 * and restart at will. `destroy()` stops it and deletes the folder.
 *
 * The binaries are those of the newest PostgreSQL under /usr/lib/postgresql (or the
 * folder named by ML_TEST_POSTGRES_BIN). Run as root, the server runs as user postgres
 * (`runuser`), since PostgreSQL refuses to run as root.
 */
import { execFile } from "node:child_process"
import { chownSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs"
import { createServer } from "node:net"
import { tmpdir } from "node:os"
import path from "node:path"
import { promisify } from "node:util"
import { DataSource } from "typeorm"

const run = promisify(execFile)
const SERVER_USER = "postgres"

export interface PrivatePostgres {
  port: number
  /** postgres://postgres@127.0.0.1:PORT/DATABASE */
  url(database: string): string
  createDatabase(name: string): Promise<string>
  /** Stops the server at once, cutting every connection (`pg_ctl stop -m fast`). */
  stop(): Promise<void>
  start(): Promise<void>
  /** `pg_ctl restart -m fast`: connections are cut, the server is back when it returns. */
  restart(): Promise<void>
  /** Stops the server if it runs and deletes its folder; never throws. */
  destroy(): Promise<void>
}

/** The bin folder of the newest PostgreSQL installed. */
export function postgresBinaries(): string {
  const fromEnv = process.env.ML_TEST_POSTGRES_BIN
  if (fromEnv) return fromEnv
  const root = "/usr/lib/postgresql"
  const versions = existsSync(root) ? readdirSync(root).filter((v) => existsSync(path.join(root, v, "bin", "pg_ctl"))) : []
  versions.sort((a, b) => Number(b) - Number(a))
  if (versions.length === 0) throw new Error(`no PostgreSQL binaries under ${root} (set ML_TEST_POSTGRES_BIN)`)
  return path.join(root, versions[0], "bin")
}

/** A TCP port nobody listens on right now. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.once("error", reject)
    server.listen(0, "127.0.0.1", () => {
      const address = server.address()
      const port = typeof address === "object" && address ? address.port : 0
      server.close(() => resolve(port))
    })
  })
}

/** Initialises a cluster in a temporary folder and starts it. */
export async function startPrivatePostgres(): Promise<PrivatePostgres> {
  const bin = postgresBinaries()
  const asRoot = process.getuid?.() === 0
  const owner = asRoot ? await serverUserIds() : null
  const folder = mkdtempSync(path.join(tmpdir(), "medusa-ml-pg-"))
  const data = path.join(folder, "data")
  const log = path.join(folder, "server.log")
  const pg = (tool: string, args: string[]) =>
    asRoot ? run("runuser", ["-u", SERVER_USER, "--", path.join(bin, tool), ...args]) : run(path.join(bin, tool), args)
  const port = await freePort()
  const serverOptions = `-p ${port} -k ${folder} -c listen_addresses=127.0.0.1 -c fsync=off -c full_page_writes=off`
  const ctl = async (...args: string[]) => {
    try {
      await pg("pg_ctl", ["-D", data, "-l", log, "-w", "-t", "60", ...args])
    } catch (error) {
      const tail = existsSync(log) ? readFileSync(log, "utf8").split("\n").slice(-15).join("\n") : ""
      throw new Error(`pg_ctl ${args.join(" ")} failed: ${(error as Error).message}\n${tail}`)
    }
  }
  let running = false
  const url = (database: string) => `postgres://${SERVER_USER}@127.0.0.1:${port}/${database}`
  const server: PrivatePostgres = {
    port,
    url,
    async createDatabase(name) {
      const admin = new DataSource({ type: "postgres", url: url("postgres") })
      await admin.initialize()
      try {
        await admin.query(`CREATE DATABASE "${name}"`)
      } finally {
        await admin.destroy()
      }
      return url(name)
    },
    async stop() {
      await ctl("-m", "fast", "stop")
      running = false
    },
    async start() {
      await ctl("-o", serverOptions, "start")
      running = true
    },
    async restart() {
      await ctl("-m", "fast", "-o", serverOptions, "restart")
      running = true
    },
    async destroy() {
      try {
        if (running || existsSync(path.join(data, "postmaster.pid"))) await ctl("-m", "immediate", "stop")
      } catch {
        // already stopped
      } finally {
        running = false
        rmSync(folder, { recursive: true, force: true })
      }
    },
  }
  try {
    mkdirSync(data, { mode: 0o700 })
    if (owner) {
      chownSync(folder, ...owner)
      chownSync(data, ...owner)
    }
    await pg("initdb", ["-D", data, "-U", SERVER_USER, "--auth=trust", "-E", "UTF8", "--no-sync"])
    await server.start()
  } catch (error) {
    await server.destroy()
    throw error
  }
  return server
}

/** The uid and gid of the user the server runs as. */
async function serverUserIds(): Promise<[number, number]> {
  const uid = Number((await run("id", ["-u", SERVER_USER])).stdout.trim())
  const gid = Number((await run("id", ["-g", SERVER_USER])).stdout.trim())
  return [uid, gid]
}
