import { readFileSync } from "node:fs"
import path from "node:path"
import { describeImport, layerImports, layerOf, SRC, sourceFiles } from "./layer-imports"

const CORE = path.join(SRC, "core")
const FORBIDDEN_IMPORT = /(?:from\s+|require\(\s*|import\(\s*)["'](@medusajs\/[^"']*|typeorm[^"']*|bullmq[^"']*|ioredis[^"']*|pg|better-sqlite3)["']/g

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
    const offenders = layerImports("core").filter((i) => ![null, "core"].includes(layerOf(i.target)))
    expect(offenders.map(describeImport)).toEqual([])
  })
})

describe("the engine (src/engine)", () => {
  const imports = layerImports("engine")

  it("has imports to check", () => {
    expect(imports.length).toBeGreaterThan(20)
  })

  it("does not import the queue, the module, the routes, the CLI or the Medusa adapters: they call it, with its own contracts", () => {
    const outward = ["queue", "modules", "api", "subscribers", "jobs", "admin", "cli", "medusa", "workflows"]
    const offenders = imports.filter((i) => outward.includes(layerOf(i.target) ?? ""))
    expect(offenders.map(describeImport)).toEqual([])
  })

  it("holds the job payload and engine input contracts, which the queue only re-exports", () => {
    const queuePayloads = readFileSync(path.join(SRC, "queue/payloads.ts"), "utf8")
    expect(queuePayloads).toMatch(/export \* from "\.\.\/engine\/payloads"/)
    expect(queuePayloads).not.toMatch(/z\.object|zod/)
  })
})

describe("the routes (src/api)", () => {
  const imports = layerImports("api")

  it("has imports to check", () => {
    expect(imports.length).toBeGreaterThan(40)
  })

  it("import neither the store, the CLI nor the engine: they read through the module service", () => {
    const offenders = imports.filter((i) => ["store", "cli", "engine", "queue"].includes(layerOf(i.target) ?? ""))
    expect(offenders.map(describeImport)).toEqual([])
  })

  it("reach the module through its index, its service and its read methods only", () => {
    const allowed = new Set(["modules/ml", "modules/ml/index", "modules/ml/service", "modules/ml/reads", "modules/ml/job-launcher"].map(path.normalize))
    const offenders = imports.filter((i) => layerOf(i.target) === "modules" && !allowed.has(path.normalize(i.target as string)))
    expect(offenders.map(describeImport)).toEqual([])
  })
})

describe("the module (src/modules/ml)", () => {
  it("reaches Medusa's application container in one file only; everything else uses what Medusa passes it", () => {
    const globalContainer = layerImports("modules").filter(
      (i) => i.specifier === "@medusajs/framework" && /\{\s*container\b/.test(readFileSync(path.join(SRC, i.file), "utf8"))
    )
    expect(globalContainer.map((i) => i.file)).toEqual([path.normalize("modules/ml/application.ts")])
  })

  it("no other part of the plugin reaches the application container but through what Medusa passes it", () => {
    const layers = ["api", "subscribers", "jobs", "engine", "queue", "store", "medusa", "cli", "config"]
    const offenders = layers
      .flatMap((layer) => layerImports(layer))
      .filter((i) => i.specifier === "@medusajs/framework" && /import\s*\{[^}]*\bcontainer\b[^}]*\}\s*from\s*["']@medusajs\/framework["']/.test(readFileSync(path.join(SRC, i.file), "utf8")))
    expect(offenders.map(describeImport)).toEqual([])
  })
})

describe("names declared once", () => {
  const files = sourceFiles(SRC).filter((f) => path.relative(SRC, f) !== path.normalize("engine/names.ts"))

  it("the task names are written in engine/names.ts only", () => {
    const declaring = files.filter((f) => /=\s*["'](customer-scores|recommendations)["']/.test(readFileSync(f, "utf8")))
    expect(declaring.map((f) => path.relative(SRC, f))).toEqual([])
  })

  it("the job names are written in engine/payloads.ts only", () => {
    const declaring = files
      .filter((f) => path.relative(SRC, f) !== path.normalize("engine/payloads.ts"))
      .filter((f) => /["'](score-customers|score-all|purge-customer|purge-product)["']/.test(readFileSync(f, "utf8")))
    expect(declaring.map((f) => path.relative(SRC, f))).toEqual([])
  })

  it("the trigger names are written in engine/names.ts only", () => {
    const declaring = files.filter((f) => /["']schedule["']\s*(,|\|)\s*["']event["']|["']admin["']\s*\|\s*["']schedule["']/.test(readFileSync(f, "utf8")))
    expect(declaring.map((f) => path.relative(SRC, f))).toEqual([])
  })
})

describe("the admin's response types", () => {
  const shared = path.join(SRC, "api/admin/ml/response-types.ts")

  it("come from one shared module that imports only types, so the admin bundle pulls in no server code", () => {
    const imports = layerImports("api").filter((i) => i.file === path.normalize("api/admin/ml/response-types.ts"))
    expect(imports.length).toBeGreaterThan(0)
    expect(imports.filter((i) => !i.typeOnly).map(describeImport)).toEqual([])
    expect(readFileSync(shared, "utf8")).not.toMatch(/^\s*(export\s+)?(const|function|class|let|var)\s/m)
  })

  it("which the admin re-exports instead of keeping its own copy", () => {
    const adminTypes = readFileSync(path.join(SRC, "admin/lib/types.ts"), "utf8")
    expect(adminTypes).toMatch(/export type \* from "\.\.\/\.\.\/api\/admin\/ml\/response-types"/)
    expect(adminTypes).not.toMatch(/\binterface\b|\btype\s+\w+\s*=/)
  })

  it("and the admin imports nothing from the server but that module, the import-free names and the framework-free core", () => {
    const allowed = new Set(["api/admin/ml/response-types", "engine/names"].map(path.normalize))
    const offenders = layerImports("admin").filter((i) => {
      const layer = layerOf(i.target)
      return layer !== null && !["admin", "core"].includes(layer) && !allowed.has(path.normalize(i.target as string))
    })
    expect(offenders.map(describeImport)).toEqual([])
  })

  it("the names the admin reads at run time come from a file without imports", () => {
    expect(readFileSync(path.join(SRC, "engine/names.ts"), "utf8")).not.toMatch(/\bimport\b|\brequire\(/)
  })
})
