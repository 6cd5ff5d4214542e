import { DataSource } from "typeorm"
import { entityList, mlEntities, type MlEntities, type StoreDialect } from "../models"
import { postgresMigrations } from "./migrations/postgres"
import type { StoreLocation } from "./store-location"

/** A TypeORM DataSource over the plugin's tables, with the entities mapped to its dialect. */
export interface MlDataSource {
  dataSource: DataSource
  entities: MlEntities
  dialect: StoreDialect
}

/** Name of the table that records which of our migrations ran (kept apart from Medusa's). */
export const MIGRATIONS_TABLE = "ml_migrations"

/**
 * Creates (without connecting) a DataSource for a location. On Postgres the tables
 * come from our migrations (run by Medusa's `db:migrate`, or by `migrate: true`);
 * on SQLite, the embedded default, they are created from the entity schemas on open.
 */
export function createMlDataSource(location: StoreLocation): MlDataSource {
  const entities = mlEntities(location.dialect)
  const dataSource =
    location.dialect === "postgres"
      ? new DataSource({
          type: "postgres",
          url: location.url,
          schema: location.schema,
          entities: entityList(entities),
          migrations: postgresMigrations,
          migrationsTableName: MIGRATIONS_TABLE,
          extra: {
            // a small pool: the plugin's reads are few and short next to Medusa's own
            max: 5,
            // unqualified names (our migrations use them) resolve in the configured schema
            ...(location.schema ? { options: `-c search_path="${location.schema}"` } : {}),
          },
        })
      : new DataSource({
          type: "better-sqlite3",
          database: location.path,
          entities: entityList(entities),
          synchronize: true,
        })
  return { dataSource, entities, dialect: location.dialect }
}

/** Connects; on Postgres with `migrate`, brings the tables up to date first. */
export async function openMlDataSource(
  location: StoreLocation,
  options: { migrate?: boolean } = {}
): Promise<MlDataSource> {
  const ml = createMlDataSource(location)
  await ml.dataSource.initialize()
  try {
    if (ml.dialect === "postgres" && options.migrate) {
      await ml.dataSource.runMigrations({ transaction: "all" })
    }
  } catch (error) {
    await ml.dataSource.destroy()
    throw error
  }
  return ml
}
