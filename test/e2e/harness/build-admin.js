/**
 * Builds the admin dashboard of the e2e app with the plugin's extensions, as
 * `medusa build` does, into <app>/public/admin where `medusa start` serves it.
 * Run as a child process (vite does not belong inside jest): node build-admin.js <appDir>
 */
const appDir = process.argv[2]
if (!appDir) {
  console.error("usage: node build-admin.js <appDir>")
  process.exit(2)
}
process.chdir(appDir)
import("@medusajs/admin-bundler")
  .then(({ build }) => build({ path: "/app", backendUrl: "/", outDir: "public/admin", sources: [], plugins: ["medusa-ml/admin"] }))
  .then(
    () => process.exit(0),
    (error) => {
      console.error(error)
      process.exit(1)
    }
  )
