import { defineConfig, loadEnv } from "@medusajs/framework/utils"

loadEnv(process.env.NODE_ENV || "test", process.cwd())

/**
 * The Medusa app the browser tests boot: the admin enabled, and the plugin installed
 * as a merchant installs it ("medusa-ml", linked to this repository's build by the
 * harness). The harness sets DATABASE_URL and ML_E2E_PLUGIN_OPTIONS before each command.
 */
const pluginOptions = JSON.parse(process.env.ML_E2E_PLUGIN_OPTIONS ?? "{}")

module.exports = defineConfig({
  projectConfig: {
    databaseUrl: process.env.DATABASE_URL,
    workerMode: "shared",
    http: {
      storeCors: "*",
      adminCors: "*",
      authCors: "*",
      jwtSecret: process.env.JWT_SECRET ?? "medusa-ml-e2e-jwt-secret",
      cookieSecret: process.env.COOKIE_SECRET ?? "medusa-ml-e2e-cookie-secret",
    },
  },
  admin: { path: "/app" },
  plugins: [{ resolve: "medusa-ml", options: pluginOptions }],
})
