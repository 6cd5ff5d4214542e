import { spawn } from "node:child_process"
import path from "node:path"
import { APP_DIR } from "./helpers"

const MEDUSA_BIN = path.join(__dirname, "../../node_modules/.bin/medusa")

/** Starts the test app with the given plugin options as `medusa start` would, and collects what it says. */
function startApp(pluginOptions: Record<string, unknown>): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(MEDUSA_BIN, ["start"], {
      cwd: APP_DIR,
      env: {
        ...process.env,
        NODE_OPTIONS: "",
        LOG_LEVEL: "info",
        DATABASE_URL: "postgres://postgres@localhost/test",
        ML_TEST_PLUGIN_OPTIONS: JSON.stringify(pluginOptions),
        PORT: "0",
      },
    })
    let output = ""
    child.stdout.on("data", (chunk) => (output += chunk))
    child.stderr.on("data", (chunk) => (output += chunk))
    const timer = setTimeout(() => child.kill("SIGKILL"), 120_000)
    child.on("error", reject)
    child.on("exit", (code) => {
      clearTimeout(timer)
      resolve({ code, output })
    })
  })
}

describe("a Medusa app with invalid plugin options", () => {
  it("does not start, and says which options are wrong and what is allowed", async () => {
    const { code, output } = await startApp({
      horizonDays: 0,
      redisUrl: "localhost:6379",
      recommendations: { limit: 500 },
      colour: "blue",
    })
    expect(code).not.toBe(0)
    expect(output).toContain('option "horizonDays" must be at least 7 days (got 0)')
    expect(output).toContain('option "redisUrl" must be a redis:// or rediss:// URL (got "localhost:6379")')
    expect(output).toContain('option "recommendations.limit" must be at most 100 (got 500)')
    expect(output).toContain('unknown option: "colour"')
    expect(output).not.toMatch(/Server is ready/i)
  })
})
