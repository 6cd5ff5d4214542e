import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import path from "node:path"
import { runCli } from "../../../bench/run-cli"
import { simulateStore, writeOrdersCsv } from "../../../src/core/simulate"

/**
 * The command started from a directory that is not the repository's (no node_modules
 * there): the training thread must still find what it loads.
 */
describe("medusa-ml started from another directory", () => {
  let elsewhere: string
  beforeAll(() => {
    elsewhere = mkdtempSync(path.join(tmpdir(), "medusa-ml-elsewhere-"))
    const store = simulateStore({ customers: 300, days: 300, seed: 5 })
    let csv = ""
    writeOrdersCsv(store.lines, (chunk) => (csv += chunk))
    writeFileSync(path.join(elsewhere, "orders.csv"), csv)
  })
  afterAll(() => rmSync(elsewhere, { recursive: true, force: true }))

  it("trains with relative paths read from that directory", async () => {
    expect(existsSync(path.join(elsewhere, "node_modules"))).toBe(false)
    const run = await runCli(["train", "--orders", "orders.csv", "--format", "generic", "--db", "sqlite:./ml.db", "--report", "report.json", "--trials", "3"], {
      cwd: elsewhere,
    })
    expect(run.stderr).toBe("")
    expect(run.code).toBe(0)
    expect(run.stdout).toContain("stored 300 predictions")
    expect(existsSync(path.join(elsewhere, "ml.db"))).toBe(true)
    expect(JSON.parse(readFileSync(path.join(elsewhere, "report.json"), "utf8")).customersScored).toBe(300)
  }, 180_000)
})
