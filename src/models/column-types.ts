/**
 * The two databases the plugin's tables live in. Every entity schema is defined once,
 * in terms of these logical column types, and mapped to each dialect here.
 */
export type StoreDialect = "postgres" | "sqlite"

export interface ColumnTypes {
  /** An instant in time: timestamptz on Postgres (never a local clock time), datetime on SQLite. */
  timestamp: "timestamptz" | "datetime"
  /** A float64. */
  float: "double precision"
  /** JSON stored as text, parsed on read (we never query inside it). */
  json: "simple-json"
}

export function columnTypes(dialect: StoreDialect): ColumnTypes {
  return {
    timestamp: dialect === "postgres" ? "timestamptz" : "datetime",
    float: "double precision",
    json: "simple-json",
  }
}

/** A value that survives a JSON round trip: what JSON columns hold. */
export type Json = string | number | boolean | null | Json[] | { [key: string]: Json }
export type JsonObject = { [key: string]: Json }
