/**
 * The e2e app's folder and what it needs before Medusa can run in it: the plugin
 * linked at node_modules/medusa-ml (so both Medusa and the admin bundler resolve it
 * by name, as in a merchant's app), and the admin dashboard built with the plugin's
 * extensions (rebuilt only when the plugin's admin bundle changed).
 */
import { createHash } from "node:crypto"
import { existsSync, lstatSync, mkdirSync, readdirSync, readFileSync, readlinkSync, symlinkSync, unlinkSync, writeFileSync } from "node:fs"
import path from "node:path"
import { runChild } from "./child-process"

export const REPO_ROOT = path.resolve(__dirname, "../../..")
export const E2E_APP_DIR = path.resolve(__dirname, "../app")
/** The plugin's admin extensions as `npm run build` writes them. */
const PLUGIN_ADMIN_DIR = path.join(REPO_ROOT, ".medusa/server/src/admin")
const ADMIN_OUT_DIR = path.join(E2E_APP_DIR, "public/admin")
const STAMP_FILE = path.join(ADMIN_OUT_DIR, ".plugin-admin-hash")

/** Links node_modules/medusa-ml of the app to the repository (a relative link, so a moved checkout keeps working). */
export function linkPlugin(): void {
  const modules = path.join(E2E_APP_DIR, "node_modules")
  const link = path.join(modules, "medusa-ml")
  const target = path.relative(modules, REPO_ROOT)
  mkdirSync(modules, { recursive: true })
  if (isSymlink(link)) {
    if (readlinkSync(link) === target) return
    unlinkSync(link)
  } else if (existsSync(link)) {
    throw new Error(`${link} exists and is not the link to the repository; remove it`)
  }
  symlinkSync(target, link, "dir")
}

/** Builds the dashboard unless the last build was of the same plugin admin bundle; returns whether it built. */
export async function buildAdminIfChanged(): Promise<boolean> {
  if (!existsSync(path.join(PLUGIN_ADMIN_DIR, "index.mjs"))) {
    throw new Error(`${PLUGIN_ADMIN_DIR}/index.mjs is missing: run \`npm run build\` first`)
  }
  const hash = pluginAdminHash()
  if (existsSync(path.join(ADMIN_OUT_DIR, "index.html")) && existsSync(STAMP_FILE) && readFileSync(STAMP_FILE, "utf8") === hash) {
    return false
  }
  // NODE_PATH lets the bundler's Tailwind step find the plugin by name too, so the
  // classes of the plugin's extensions are generated as in a merchant's app
  const env = { ...process.env, NODE_PATH: path.join(E2E_APP_DIR, "node_modules") }
  await runChild(process.execPath, [path.join(__dirname, "build-admin.js"), E2E_APP_DIR], { cwd: E2E_APP_DIR, env })
  writeFileSync(STAMP_FILE, hash)
  return true
}

/** Hash of every file of the plugin's admin bundle and of the app's config. */
function pluginAdminHash(): string {
  const hash = createHash("sha256")
  for (const file of filesUnder(PLUGIN_ADMIN_DIR).sort()) hash.update(file).update(readFileSync(file))
  hash.update(readFileSync(path.join(E2E_APP_DIR, "medusa-config.ts")))
  return hash.digest("hex")
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name)
    return entry.isDirectory() ? filesUnder(full) : [full]
  })
}

function isSymlink(file: string): boolean {
  try {
    return lstatSync(file).isSymbolicLink()
  } catch {
    return false
  }
}
