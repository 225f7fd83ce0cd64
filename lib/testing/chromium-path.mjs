import { existsSync } from "node:fs";

// Debian's Chromium where Playwright cannot download its own (this project's CI), else
// undefined so Playwright uses the browser it installed.
const candidates = ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"];

/** @returns {string | undefined} */
export function chromiumPath() {
  const named = process.env.PLAYWRIGHT_CHROMIUM_EXECUTABLE;
  if (named) return named;
  return candidates.find((path) => existsSync(path));
}
