// Makes sure the end-to-end tests have a Chromium: one named by PLAYWRIGHT_CHROMIUM_EXECUTABLE, the
// system's (Debian's `chromium` package, installed here with apt-get when running as root), or
// Playwright's own download on a machine that can reach it.
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { chromiumPath } from "../e2e/chromium-path.mjs";

const found = chromiumPath();
if (found) {
  console.log(`Chromium: ${found}`);
  process.exit(0);
}
const run = (cmd, args) => execFileSync(cmd, args, { stdio: "inherit" });
if (process.platform === "linux" && process.getuid?.() === 0 && existsSync("/usr/bin/apt-get")) {
  console.log("Installing Debian's chromium for the browser tests…");
  run("apt-get", ["update", "-qq"]);
  // A small CJK font, so Chinese text in screenshots is not drawn as empty boxes.
  run("apt-get", ["install", "-y", "-qq", "--no-install-recommends", "chromium", "fonts-wqy-microhei"]);
} else {
  console.log("Installing Playwright's Chromium for the browser tests…");
  run("npx", ["playwright", "install", "chromium"]);
}
console.log(`Chromium: ${chromiumPath() ?? "Playwright's bundled build"}`);
