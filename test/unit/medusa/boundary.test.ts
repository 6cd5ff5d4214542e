import { readdirSync, readFileSync } from "node:fs"
import path from "node:path"
import { describeImport, importsOf, layerOf } from "../layer-imports"

const ADAPTERS = path.join(__dirname, "../../../src/medusa")
const FORBIDDEN_IMPORT = /(?:from\s+|require\(\s*|import\(\s*)["'](typeorm[^"']*|bullmq[^"']*|ioredis[^"']*|pg|better-sqlite3)["']/g

describe("the Medusa adapters (src/medusa)", () => {
  const files = readdirSync(ADAPTERS)
    .filter((name) => name.endsWith(".ts"))
    .map((name) => path.join(ADAPTERS, name))

  it("has source files to check", () => {
    expect(files.length).toBeGreaterThan(3)
  })

  it("talk to Medusa through its Query only: no TypeORM, BullMQ, Redis or database drivers", () => {
    const offenders = files.flatMap((file) =>
      [...readFileSync(file, "utf8").matchAll(FORBIDDEN_IMPORT)].map((m) => `${path.basename(file)}: ${m[1]}`)
    )
    expect(offenders).toEqual([])
  })

  it("are adapters the rest of the plugin calls: they import none of the plugin's other layers but the core", () => {
    const offenders = files.flatMap(importsOf).filter((i) => ![null, "core", "medusa"].includes(layerOf(i.target)))
    expect(offenders.map(describeImport)).toEqual([])
  })
})
