import { InvalidPluginOptionsError, parsePluginOptions, type PluginOptions } from "../../config/plugin-options"
import { parseStoreUrl, redactUrl, type StoreLocation } from "../../store/store-location"

/** Keys Medusa adds to every module's options; they are not the merchant's. */
const MEDUSA_OPTION_KEYS = new Set(["database"])

/** The merchant's plugin options out of a module's options, validated. */
export function pluginOptionsOf(moduleOptions: Record<string, unknown> | undefined): PluginOptions {
  const own = Object.fromEntries(Object.entries(moduleOptions ?? {}).filter(([key]) => !MEDUSA_OPTION_KEYS.has(key)))
  return parsePluginOptions(own)
}

export interface MedusaDatabase {
  url?: string
  schema?: string
}

/** Resolves the `store` option: "medusa" = the app's own database, else the URL given. */
export function resolveStoreLocation(
  options: PluginOptions,
  medusaDatabase: MedusaDatabase
): { location: StoreLocation; description: string } {
  if (options.store !== "medusa") {
    return { location: parseStoreUrl(options.store, "store"), description: redactUrl(options.store) }
  }
  if (!medusaDatabase.url) {
    throw new InvalidPluginOptionsError([
      'option "store" is "medusa" but the Medusa project has no databaseUrl: set projectConfig.databaseUrl or give store a URL',
    ])
  }
  return {
    location: { dialect: "postgres", url: medusaDatabase.url, schema: medusaDatabase.schema },
    description: "medusa database",
  }
}
