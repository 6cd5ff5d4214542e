/**
 * The browser tests alone: `npx jest --config test/e2e/jest.config.js`. The same
 * project is listed in the repository's jest.config.js as "e2e".
 */
const path = require("node:path")

module.exports = {
  rootDir: path.resolve(__dirname, "../.."),
  displayName: "e2e",
  testMatch: ["<rootDir>/test/e2e/**/*.test.ts"],
  transform: {
    "^.+\\.[jt]sx?$": ["@swc/jest", { jsc: { parser: { syntax: "typescript", tsx: true, decorators: true }, target: "es2021" } }],
  },
  testEnvironment: "node",
  moduleFileExtensions: ["js", "ts", "tsx", "json"],
}
