// Makes sure the tests have what they run against besides npm packages:
// - a Chromium for the end-to-end tests: one named by PLAYWRIGHT_CHROMIUM_EXECUTABLE, the system's
//   (Debian's `chromium` package, installed here with apt-get when running as root), or Playwright's
//   own download on a machine that can reach it;
// - a redis-server for the Redis store tests and the two-instance tests (Debian's `redis-server`);
//   without one those tests are skipped, saying why;
// - PostgreSQL (initdb and postgres) for the store's PostgreSQL tests (Debian's `postgresql`, which
//   also creates the `postgres` user the tests run it as when they run as root); likewise skipped.
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { chromiumPath } from "../lib/testing/chromium-path.mjs";
import { postgresBinDir } from "../lib/testing/postgres-bin.mjs";

const run = (cmd, args) => execFileSync(cmd, args, { stdio: "inherit" });
const canApt = process.platform === "linux" && process.getuid?.() === 0 && existsSync("/usr/bin/apt-get");
const hasRedis = () => !spawnSync("redis-server", ["--version"]).error;

const packages = [];
// A small CJK font, so Chinese text in screenshots is not drawn as empty boxes.
if (!chromiumPath() && canApt) packages.push("chromium", "fonts-wqy-microhei");
if (!hasRedis() && canApt) packages.push("redis-server");
if (postgresBinDir() === undefined && canApt) packages.push("postgresql");
if (packages.length > 0) {
  console.log(`Installing Debian's ${packages.join(", ")} for the tests…`);
  run("apt-get", ["update", "-qq"]);
  run("apt-get", ["install", "-y", "-qq", "--no-install-recommends", ...packages]);
}
if (!chromiumPath()) {
  console.log("Installing Playwright's Chromium for the browser tests…");
  run("npx", ["playwright", "install", "chromium"]);
}
console.log(`Chromium: ${chromiumPath() ?? "Playwright's bundled build"}`);
console.log(
  hasRedis()
    ? "redis-server: found"
    : "redis-server: not found (install Redis, e.g. apt-get install redis-server or brew install redis); the Redis tests will be skipped",
);
const postgres = postgresBinDir();
console.log(
  postgres === undefined
    ? "PostgreSQL: not found (install it, e.g. apt-get install postgresql or brew install postgresql); the PostgreSQL store tests will be skipped"
    : `PostgreSQL: found${postgres ? ` in ${postgres}` : ""}`,
);
