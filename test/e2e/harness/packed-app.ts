/**
 * A fresh Medusa app with the plugin installed from its packed tarball, as a merchant
 * gets it: `npm pack` of the built repository, the tarball unpacked into the app's
 * node_modules/medusa-ml as npm unpacks it (its own files come only from the
 * tarball), and the app's other packages hard-linked from the repository's
 * node_modules — only the dependency closure of what the app's package.json and the
 * plugin's shipped package.json declare, so a runtime dependency the plugin declares
 * only as a dev dependency is missing here as it would be in a merchant's app.
 */
import { copyFileSync, existsSync, linkSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, symlinkSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import path from "node:path"
import { E2E_APP_DIR, REPO_ROOT } from "./app-files"
import { runChild } from "./child-process"

/** What a new Medusa 2.21.2 app declares (as create-medusa-app writes it), besides the plugin. */
export const APP_DEPENDENCIES = [
  "@medusajs/admin-sdk",
  "@medusajs/cli",
  "@medusajs/framework",
  "@medusajs/medusa",
  "@medusajs/icons",
  "@medusajs/ui",
  "react",
  "react-dom",
  "typescript",
  "ts-node",
  "@swc/core",
  "vite",
  "@types/node",
  "@types/react",
  "@types/react-dom",
]

/** The seed files the app runs with `medusa exec`, at the same paths as in the repository (their imports are relative). */
const SEED_FILES = ["test/e2e/packaged/seed.ts", "test/http/seed/catalog.ts", "test/http/seed/orders.ts", "test/http/seed/store-setup.ts"]
export const PACKED_SEED = SEED_FILES[0]

const TSCONFIG = {
  compilerOptions: {
    target: "ES2021",
    esModuleInterop: true,
    module: "Node16",
    moduleResolution: "Node16",
    skipLibCheck: true,
    declaration: false,
    outDir: "./.medusa/server",
    rootDir: "./",
    jsx: "react-jsx",
    resolveJsonModule: true,
    checkJs: false,
  },
  "ts-node": { swc: true },
  include: ["**/*", ".medusa/types/*"],
  exclude: ["node_modules", ".medusa/server", ".medusa/admin", ".cache", "test"],
}

export interface PackedApp {
  appDir: string
  tarball: string
  /** Files in the app's node_modules/medusa-ml (all from the tarball). */
  pluginFiles: number
  /** Packages hard-linked into the app's node_modules. */
  packages: number
}

/** Packs the repository's build (`npm pack`) into `workDir`; returns the tarball's path. */
export async function packPlugin(workDir: string, repoDir = REPO_ROOT): Promise<string> {
  if (!existsSync(path.join(repoDir, ".medusa/server/src/admin/index.mjs"))) {
    throw new Error(`${repoDir}/.medusa/server is not built: run \`npm run build\` first`)
  }
  const output = await runChild("npm", ["pack", "--json", "--pack-destination", workDir], { cwd: repoDir, env: { ...process.env, npm_config_loglevel: "error" } })
  const [{ filename }] = JSON.parse(output.slice(output.indexOf("["))) as [{ filename: string }]
  return path.join(workDir, filename)
}

/** Makes a fresh app in a new temporary folder with the tarball installed; the caller removes `appDir`. */
export async function freshAppWith(tarball: string): Promise<PackedApp> {
  const appDir = mkdtempSync(path.join(tmpdir(), "medusa-ml-packed-"))
  const modules = path.join(appDir, "node_modules")
  const pluginDir = path.join(modules, "medusa-ml")
  mkdirSync(pluginDir, { recursive: true })
  // as npm unpacks a tarball: the package/ folder becomes node_modules/<name>
  await runChild("tar", ["-xzf", tarball, "-C", pluginDir, "--strip-components=1"], { cwd: appDir, env: process.env })
  const plugin = readJson(path.join(pluginDir, "package.json"))
  const version = (name: string) => (readJson(path.join(REPO_ROOT, "node_modules", name, "package.json")).version as string)
  writeFileSync(
    path.join(appDir, "package.json"),
    JSON.stringify(
      {
        name: "medusa-ml-packed-app",
        private: true,
        scripts: { build: "medusa build", start: "medusa start" },
        dependencies: { ...Object.fromEntries(APP_DEPENDENCIES.map((name) => [name, version(name)])), "medusa-ml": `file:${tarball}` },
      },
      null,
      2
    )
  )
  // the plugin's runtime dependencies and peers as its shipped package.json declares them (never its dev dependencies)
  const roots = [...APP_DEPENDENCIES, ...Object.keys({ ...(plugin.dependencies ?? {}), ...(plugin.peerDependencies ?? {}) })]
  const closure = dependencyClosure(roots)
  for (const relative of closure) linkTree(path.join(REPO_ROOT, relative), path.join(appDir, relative))
  linkBins(modules)
  writeFileSync(path.join(appDir, "tsconfig.json"), JSON.stringify(TSCONFIG, null, 2))
  writeFileSync(path.join(appDir, "medusa-config.ts"), readFileSync(path.join(E2E_APP_DIR, "medusa-config.ts")))
  for (const file of SEED_FILES) {
    mkdirSync(path.dirname(path.join(appDir, file)), { recursive: true })
    writeFileSync(path.join(appDir, file), readFileSync(path.join(REPO_ROOT, file)))
  }
  return { appDir, tarball, pluginFiles: countFiles(pluginDir), packages: closure.size }
}

/**
 * The packages (paths relative to the repository, e.g. node_modules/a/node_modules/b)
 * that `roots` need, resolved as Node resolves them from each dependent: every
 * dependency, and the optional dependencies and peers that are installed.
 */
export function dependencyClosure(roots: string[]): Set<string> {
  const found = new Set<string>()
  const visit = (name: string, fromDir: string, required: boolean) => {
    const dir = resolvePackage(name, fromDir)
    if (!dir) {
      if (required) throw new Error(`${name} (needed by ${path.relative(REPO_ROOT, fromDir) || "the app"}) is not installed in the repository`)
      return
    }
    const relative = path.relative(REPO_ROOT, dir)
    if (found.has(relative)) return
    found.add(relative)
    const manifest = readJson(path.join(dir, "package.json"))
    for (const dep of Object.keys(manifest.dependencies ?? {})) visit(dep, dir, !(dep in (manifest.optionalDependencies ?? {})))
    for (const dep of Object.keys({ ...(manifest.optionalDependencies ?? {}), ...(manifest.peerDependencies ?? {}) })) visit(dep, dir, false)
  }
  for (const name of roots) if (name !== "medusa-ml") visit(name, REPO_ROOT, true)
  return found
}

/** The folder of package `name` as Node finds it from `fromDir`: nearest node_modules first, up to the repository. */
function resolvePackage(name: string, fromDir: string): string | undefined {
  for (let dir = fromDir; ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, "node_modules", name)
    if (existsSync(path.join(candidate, "package.json"))) return candidate
    if (dir === REPO_ROOT || dir === path.dirname(dir)) return undefined
  }
}

/** Hard-links every file of a package into `to`, leaving out its nested node_modules (linked as packages of their own). */
function linkTree(from: string, to: string, top = true): void {
  mkdirSync(to, { recursive: true })
  for (const entry of readdirSync(from, { withFileTypes: true })) {
    if (top && entry.name === "node_modules") continue
    const source = path.join(from, entry.name)
    const target = path.join(to, entry.name)
    if (entry.isDirectory()) linkTree(source, target, false)
    else if (entry.isSymbolicLink()) symlinkSync(readlinkSync(source), target)
    else linkOrCopy(source, target)
  }
}

/** A hard link, or a copy where the temporary folder is on another file system than the repository. */
function linkOrCopy(source: string, target: string): void {
  try {
    linkSync(source, target)
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EXDEV") throw error
    copyFileSync(source, target)
  }
}

/** node_modules/.bin links of the top-level packages' commands, as npm makes them. */
function linkBins(modules: string): void {
  const bin = path.join(modules, ".bin")
  mkdirSync(bin, { recursive: true })
  const packages = readdirSync(modules).flatMap((name) =>
    name.startsWith("@") ? readdirSync(path.join(modules, name)).map((scoped) => `${name}/${scoped}`) : name.startsWith(".") ? [] : [name]
  )
  for (const name of packages) {
    const manifest = readJson(path.join(modules, name, "package.json"))
    const bins: Record<string, string> = typeof manifest.bin === "string" ? { [name.split("/").pop()!]: manifest.bin } : manifest.bin ?? {}
    for (const [command, file] of Object.entries(bins)) {
      const link = path.join(bin, command)
      if (!existsSync(link)) symlinkSync(path.join("..", name, file), link)
    }
  }
}

function countFiles(dir: string): number {
  return readdirSync(dir, { withFileTypes: true }).reduce((n, e) => n + (e.isDirectory() ? countFiles(path.join(dir, e.name)) : 1), 0)
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
function readJson(file: string): any {
  return JSON.parse(readFileSync(file, "utf8"))
}
