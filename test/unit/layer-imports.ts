/**
 * Reads the plugin's source files and their relative imports, resolved to the layer
 * (the folder under src) they reach: what the layer-rule tests check.
 */
import { readdirSync, readFileSync, statSync } from "node:fs"
import path from "node:path"

export const SRC = path.join(__dirname, "../../src")

const IMPORT = /(?:^|\n)\s*(import|export)\s+(type\s+)?[^'"]*?from\s+["']([^"']+)["']|require\(\s*["']([^"']+)["']\s*\)|import\(\s*["']([^"']+)["']\s*\)/g

export interface SourceImport {
  /** The importing file, relative to src. */
  file: string
  /** The specifier as written. */
  specifier: string
  /** For a relative import: the target relative to src (no extension); null for a package. */
  target: string | null
  /** `import type` / `export type`: erased when compiled. */
  typeOnly: boolean
}

export function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name)
    return statSync(full).isDirectory() ? sourceFiles(full) : /\.tsx?$/.test(full) ? [full] : []
  })
}

export function importsOf(file: string): SourceImport[] {
  const text = readFileSync(file, "utf8")
  return [...text.matchAll(IMPORT)].map((m) => {
    const specifier = m[3] ?? m[4] ?? m[5]
    const target = specifier.startsWith(".") ? path.relative(SRC, path.resolve(path.dirname(file), specifier)) : null
    return { file: path.relative(SRC, file), specifier, target, typeOnly: Boolean(m[2]) }
  })
}

/** Every import of the files under `src/<layer>`. */
export function layerImports(layer: string): SourceImport[] {
  return sourceFiles(path.join(SRC, layer)).flatMap(importsOf)
}

/** The layer (first folder under src) an import reaches, or null for a package or a file outside src. */
export function layerOf(target: string | null): string | null {
  if (target === null || target.startsWith("..")) return null
  return target.split(path.sep)[0]
}

export function describeImport(i: SourceImport): string {
  return `${i.file}: ${i.specifier}`
}
