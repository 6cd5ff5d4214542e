import type { LoaderOptions, Logger } from "@medusajs/framework/types"
import { openMlDataSource } from "../../store/data-source"
import { pluginOptionsOf, resolveStoreLocation } from "./store-location"

/**
 * Medusa's `db:migrate` calls these for the module. Our tables are TypeORM's, so
 * instead of MikroORM migrations the module runs the migrations derived from the
 * entity schemas (src/store/migrations) on the store the options point at:
 * the app's own database by default. SQLite stores create their tables on open.
 */
type MigrationOptions = LoaderOptions<Record<string, unknown> & { database?: { clientUrl?: string; schema?: string } }>

function locationFor(options: MigrationOptions["options"]) {
  return resolveStoreLocation(pluginOptionsOf(options), {
    url: options?.database?.clientUrl,
    schema: options?.database?.schema,
  }).location
}

export async function runMigrations({ options, logger }: MigrationOptions): Promise<{ name: string; path: string }[]> {
  const location = locationFor(options)
  if (location.dialect !== "postgres") return []
  const ml = await openMlDataSource(location)
  try {
    const ran = await ml.dataSource.runMigrations({ transaction: "all" })
    const log: Logger | Console = logger ?? console
    log.info(ran.length ? `medusa-ml: ran ${ran.map((m) => m.name).join(", ")}` : "medusa-ml: tables up to date")
    return ran.map((m) => ({ name: m.name, path: "medusa-ml/src/store/migrations/postgres" }))
  } finally {
    await ml.dataSource.destroy()
  }
}

export async function revertMigration({ options }: MigrationOptions): Promise<void> {
  const location = locationFor(options)
  if (location.dialect !== "postgres") return
  const ml = await openMlDataSource(location)
  try {
    await ml.dataSource.undoLastMigration({ transaction: "all" })
  } finally {
    await ml.dataSource.destroy()
  }
}
