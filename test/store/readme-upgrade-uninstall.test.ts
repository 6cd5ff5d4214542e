/**
 * The README's Upgrade and Uninstall sections are followed literally by merchants: the
 * migrations it lists are the plugin's, and its DROP statements, run on a store the
 * migrations created, leave none of the plugin's tables behind (nor its migrations record).
 */
import { readFileSync } from "node:fs"
import path from "node:path"
import { entityList, mlEntities } from "../../src/models"
import { MIGRATIONS_TABLE } from "../../src/store/data-source"
import { postgresMigrations } from "../../src/store/migrations/postgres"
import { openScratchStore } from "./store-harness"

const README = readFileSync(path.join(__dirname, "../../README.md"), "utf8")

/** The text of a `## ` section of the README, up to the next one. */
function section(title: string): string {
  const start = README.indexOf(`\n## ${title}\n`)
  if (start === -1) throw new Error(`the README has no "## ${title}" section`)
  const end = README.indexOf("\n## ", start + 1)
  return README.slice(start, end === -1 ? undefined : end)
}

const pluginTables = [...entityList(mlEntities("postgres")).map((e) => e.options.tableName as string), MIGRATIONS_TABLE].sort()

describe("the README's upgrade and uninstall steps", () => {
  it("lists every migration of the plugin, oldest first", () => {
    const listed = [...section("Upgrade").matchAll(/^\s*\| `(\w+\d{13})` \|/gm)].map((m) => m[1])
    expect(listed).toEqual(postgresMigrations.map((m) => m.name))
  })

  it("drops every table of the plugin, and the plugin's migrations record, and nothing else", async () => {
    const sql = /```sql\n([\s\S]*?)```/.exec(section("Uninstall"))?.[1]
    expect(sql).toBeDefined()
    const statements = sql!.split(";").map((s) => s.trim()).filter(Boolean)
    const dropped = statements.map((s) => /^DROP TABLE IF EXISTS (\w+)$/.exec(s)?.[1] ?? `not a DROP TABLE: ${s}`)
    expect([...dropped].sort()).toEqual(pluginTables)

    const { ml, store, dispose } = await openScratchStore("postgres")
    try {
      // a store in use: a run, so the tables hold rows
      await store.createTrainingRun("admin")
      const schema = (ml.dataSource.driver.options as { schema?: string }).schema as string
      const tablesOf = async () =>
        ((await ml.dataSource.query("SELECT table_name FROM information_schema.tables WHERE table_schema = $1", [schema])) as { table_name: string }[])
          .map((r) => r.table_name)
          .sort()
      expect(await tablesOf()).toEqual(pluginTables)
      for (const statement of statements) await ml.dataSource.query(statement)
      expect(await tablesOf()).toEqual([])
      const sequences = await ml.dataSource.query("SELECT sequence_name FROM information_schema.sequences WHERE sequence_schema = $1", [schema])
      expect(sequences).toEqual([])
    } finally {
      await dispose()
    }
  })
})
