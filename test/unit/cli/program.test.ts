import { execFile } from "node:child_process"
import path from "node:path"
import { promisify } from "node:util"
import { runCli } from "../../../src/cli/program"

async function run(argv: string[]) {
  let out = ""
  let err = ""
  const code = await runCli(argv, { out: (t) => (out += t), err: (t) => (err += t) })
  return { code, out, err }
}

describe("the medusa-ml command", () => {
  it("prints usage with --help and exits 0", async () => {
    const { code, out, err } = await run(["--help"])
    expect(code).toBe(0)
    expect(out).toContain("Usage: medusa-ml")
    expect(out).toContain("demo")
    expect(err).toBe("")
  })

  it("prints usage when given nothing", async () => {
    const { code, out } = await run([])
    expect(code).toBe(0)
    expect(out).toContain("Usage: medusa-ml")
  })

  it("exits 2 with one line naming an unknown subcommand", async () => {
    const { code, out, err } = await run(["nosuchcommand"])
    expect(code).toBe(2)
    expect(out).toBe("")
    expect(err).toBe("medusa-ml: unknown command 'nosuchcommand' (see medusa-ml --help)\n")
  })

  it("exits 2 on an unknown option", async () => {
    const { code, err } = await run(["--frobnicate"])
    expect(code).toBe(2)
    expect(err.split("\n").filter(Boolean)).toHaveLength(1)
    expect(err).toContain("--frobnicate")
  })

  it("runs as a real process with the same exit codes", async () => {
    const bin = path.join(__dirname, "../../../bin/medusa-ml.js")
    const exec = promisify(execFile)
    const help = await exec(process.execPath, [bin, "--help"])
    expect(help.stdout).toContain("Usage: medusa-ml")
    await expect(exec(process.execPath, [bin, "nosuchcommand"])).rejects.toMatchObject({
      code: 2,
      stderr: "medusa-ml: unknown command 'nosuchcommand' (see medusa-ml --help)\n",
    })
  }, 30_000)
})
