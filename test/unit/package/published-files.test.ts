import { execFileSync } from "node:child_process"
import { existsSync, readFileSync } from "node:fs"
import path from "node:path"

/**
 * What `npm pack` would publish, read from npm itself on the built plugin: only what
 * runs (the built server and admin, the command, README, CHANGELOG, LICENSE), and every
 * entry point package.json names among it.
 */
const ROOT = path.join(__dirname, "../../..")
const BUILT = path.join(ROOT, ".medusa/server/src")
const pkg = JSON.parse(readFileSync(path.join(ROOT, "package.json"), "utf8")) as {
  exports: Record<string, string | Record<string, string>>
  bin: Record<string, string>
}

function npm(args: string[]): string {
  return execFileSync("npm", args, { cwd: ROOT, encoding: "utf8", env: { ...process.env, NODE_OPTIONS: "" }, maxBuffer: 64 * 1024 * 1024 })
}

/** The export targets package.json declares, as paths inside the package (no leading "./"). */
function exportTargets(): string[] {
  return Object.values(pkg.exports).flatMap((target) => (typeof target === "string" ? [target] : Object.values(target))).map((t) => t.replace(/^\.\//, ""))
}

/** A target with a `*` matches any packed path with something in its place. */
function matches(target: string, file: string): boolean {
  const pattern = target.split("*").map((part) => part.replace(/[.+?^${}()|[\]\\]/g, "\\$&")).join(".+")
  return new RegExp(`^${pattern}$`).test(file)
}

describe("the package as npm would publish it", () => {
  let files: string[]

  beforeAll(() => {
    if (!existsSync(path.join(BUILT, "admin/index.js"))) {
      // the packed contents depend on the build: make it rather than check an empty package
      try {
        npm(["run", "build"])
      } catch (error) {
        throw new Error(`npm run build failed, so the packed files cannot be checked: ${(error as Error).message}`)
      }
    }
    const [packed] = JSON.parse(npm(["pack", "--dry-run", "--json", "--ignore-scripts"])) as [{ files: { path: string }[] }]
    files = packed.files.map((f) => f.path)
  }, 600_000)

  it("holds the built server and admin, the command, README, CHANGELOG and LICENSE", () => {
    for (const required of ["package.json", "README.md", "CHANGELOG.md", "LICENSE", ".medusa/server/src/admin/index.js", ".medusa/server/src/admin/index.mjs", ".medusa/server/src/modules/ml/index.js"]) {
      expect(files).toContain(required)
    }
  })

  it("ships no compiled tests or benchmarks, no TypeScript sources and no local databases", () => {
    const unwanted = files.filter((f) => /^\.medusa\/server\/(test|bench)\//.test(f) || /^(src|test|bench|scripts|docs)\//.test(f) || /\.(ts|tsx|db)$/.test(f) && !f.endsWith(".d.ts"))
    expect(unwanted).toEqual([])
    expect(files.every((f) => /^(\.medusa\/server\/src\/|bin\/)/.test(f) || ["package.json", "README.md", "CHANGELOG.md", "LICENSE"].includes(f))).toBe(true)
  })

  it("holds every file that package.json's exports and bin point at", () => {
    const targets = [...exportTargets(), ...Object.values(pkg.bin).map((t) => t.replace(/^\.\//, ""))]
    expect(targets.length).toBeGreaterThan(4)
    const missing = targets.filter((target) => !files.some((file) => matches(target, file)))
    expect(missing).toEqual([])
  })

  it("reads a wildcard export as a pattern", () => {
    expect(matches(".medusa/server/src/modules/*/index.js", ".medusa/server/src/modules/ml/index.js")).toBe(true)
    expect(matches(".medusa/server/src/modules/*/index.js", ".medusa/server/src/modules/index.js")).toBe(false)
    expect(matches(".medusa/server/src/workflows/index.js", ".medusa/server/src/modules/ml/index.js")).toBe(false)
  })
})
