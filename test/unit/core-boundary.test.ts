import { readdirSync, readFileSync, statSync } from "node:fs"
import path from "node:path"

const CORE = path.join(__dirname, "../../src/core")
const FORBIDDEN_IMPORT = /(?:from\s+|require\(\s*|import\(\s*)["'](@medusajs\/[^"']*|typeorm[^"']*|bullmq[^"']*|ioredis[^"']*|pg|better-sqlite3)["']/g

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name)
    return statSync(full).isDirectory() ? sourceFiles(full) : full.endsWith(".ts") ? [full] : []
  })
}

describe("the framework-free core (src/core)", () => {
  const files = sourceFiles(CORE)

  it("has source files to check", () => {
    expect(files.length).toBeGreaterThan(10)
  })

  it("imports nothing from Medusa, TypeORM, BullMQ, Redis or database drivers", () => {
    const offenders = files.flatMap((file) =>
      [...readFileSync(file, "utf8").matchAll(FORBIDDEN_IMPORT)].map((m) => `${path.relative(CORE, file)}: ${m[1]}`)
    )
    expect(offenders).toEqual([])
  })

  it("never reads process.env", () => {
    const offenders = files.filter((file) => /process\.env/.test(readFileSync(file, "utf8"))).map((f) => path.relative(CORE, f))
    expect(offenders).toEqual([])
  })

  it("imports nothing from the adapters around it", () => {
    const outward = /from\s+["']\.\.\/(?:\.\.\/)*(store|models|modules|api|subscribers|jobs|admin|queue|cli|config|engine|medusa)\b/
    const offenders = files.filter((file) => outward.test(readFileSync(file, "utf8"))).map((f) => path.relative(CORE, f))
    expect(offenders).toEqual([])
  })
})
