/**
 * Test suites:
 * - unit:    pure core and small adapters, no services (fast)
 * - store:   the plugin's tables on SQLite and on the local PostgreSQL
 * - queue:   the jobs on the local Redis (BullMQ) and PostgreSQL, with worker processes
 * - quality: engine figures on the real datasets in ../shared/datasets
 * - http:    a real Medusa app (Postgres + Redis) booted by @medusajs/test-utils
 * - e2e:     the admin UI in headless Chromium against `medusa start` with the admin built
 */
const transform = {
  "^.+\\.[jt]sx?$": [
    "@swc/jest",
    { jsc: { parser: { syntax: "typescript", tsx: true, decorators: true }, target: "es2021" } },
  ],
}
const common = { transform, testEnvironment: "node", moduleFileExtensions: ["js", "ts", "tsx", "json"] }

module.exports = {
  projects: [
    { ...common, displayName: "unit", testMatch: ["<rootDir>/test/unit/**/*.test.ts"] },
    { ...common, displayName: "store", testMatch: ["<rootDir>/test/store/**/*.test.ts"] },
    { ...common, displayName: "queue", testMatch: ["<rootDir>/test/queue/**/*.test.ts"] },
    { ...common, displayName: "quality", testMatch: ["<rootDir>/test/quality/**/*.test.ts"] },
    {
      ...common,
      displayName: "http",
      testMatch: ["<rootDir>/test/http/**/*.test.ts"],
      setupFiles: ["<rootDir>/test/http/setup-env.js"],
    },
    { ...common, displayName: "e2e", testMatch: ["<rootDir>/test/e2e/**/*.test.ts"] },
  ],
}
