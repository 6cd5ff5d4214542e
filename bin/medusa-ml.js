#!/usr/bin/env node
// The `medusa-ml` command. A clone of the repository runs the TypeScript sources
// (through ts-node and swc); an installed package, which ships no sources, runs
// its compiled code.
const fs = require("node:fs")
const path = require("node:path")

const root = path.join(__dirname, "..")
const source = path.join(root, "src/cli/main.ts")

if (fs.existsSync(source)) {
  require("ts-node").register({ project: path.join(root, "tsconfig.json"), transpileOnly: true, swc: true })
  require(source).main()
} else {
  require(path.join(root, ".medusa/server/src/cli/main.js")).main()
}
