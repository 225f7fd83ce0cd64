import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { defineConfig, devices } from "@playwright/test";
import { chromiumPath } from "./lib/testing/chromium-path.mjs";

// End-to-end tests run the built app (`npm start`'s server) against the scripted upstream, in a real browser.
const appPort = Number(process.env.E2E_APP_PORT ?? 3210);
const upstreamPort = Number(process.env.E2E_UPSTREAM_PORT ?? 4210);
const executablePath = chromiumPath();
// Each run's app keeps its history in a data directory of its own, never the project's ./data.
const dataDir = process.env.E2E_DATA_DIR ?? mkdtempSync(join(tmpdir(), "e2e-data-"));
process.env.E2E_DATA_DIR = dataDir;
// One MCP server that cannot start, for the tool settings page's failed server and its reason
// (tool-settings.spec.ts); it has no tools, so every other spec sees the built-in tools alone.
const mcpConfig = join(mkdtempSync(join(tmpdir(), "e2e-mcp-")), "mcp.json");
writeFileSync(
  mcpConfig,
  JSON.stringify({ mcpServers: { broken: { command: "definitely-not-a-command-4711" } } }),
);
const chromium = {
  ...devices["Desktop Chrome"],
  launchOptions: {
    ...(executablePath ? { executablePath } : {}),
    // As root Chromium needs --no-sandbox; this machine refuses its background connections.
    args: ["--no-sandbox", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  },
};

export default defineConfig({
  testDir: "e2e",
  testMatch: "**/*.spec.ts",
  fullyParallel: true,
  workers: 2,
  retries: 0,
  timeout: 30_000,
  reporter: process.env.CI ? [["list"]] : [["list"], ["html", { open: "never" }]],
  use: {
    baseURL: `http://127.0.0.1:${appPort}`,
    trace: "retain-on-failure",
  },
  projects: [
    { name: "chromium", testIgnore: "**/long-answer.spec.ts", use: chromium },
    // Timing measurements run alone, after everything else: two busy workers would skew them.
    { name: "perf", testMatch: "**/long-answer.spec.ts", dependencies: ["chromium"], use: chromium },
  ],
  webServer: [
    {
      command: `npx tsx lib/testing/upstream/main.ts --port ${upstreamPort}`,
      url: `http://127.0.0.1:${upstreamPort}/models`,
      reuseExistingServer: false,
      stdout: "ignore",
    },
    {
      command: "node scripts/start.mjs",
      // Ready when the history answers: the store opens (and migrates) on its first request, which
      // on a busy machine can take longer than a test waits for a page.
      url: `http://127.0.0.1:${appPort}/api/conversations`,
      reuseExistingServer: false,
      env: {
        PORT: String(appPort),
        HOSTNAME: "127.0.0.1",
        DEEPSEEK_BASE_URL: `http://127.0.0.1:${upstreamPort}`,
        DEEPSEEK_API_KEY: "sk-test",
        DEEPSEEK_MODELS: "deepseek-flash,deepseek-v4-pro",
        // A small window for one model, so the context gauge's warnings and the server's refusal
        // can be reached in a test (context-gauge.spec.ts); deepseek-flash keeps its 1M.
        CONTEXT_WINDOWS: "deepseek-v4-pro=4000",
        STOCK_QUOTE_BASE_URL: `http://127.0.0.1:${upstreamPort}/quote`,
        // Web search (PROTOCOL.md section 21) against the fake SearXNG the upstream also serves.
        SEARXNG_URL: `http://127.0.0.1:${upstreamPort}/searxng`,
        // read_page may open the upstream's sample article (/web/article); never list loopback in production.
        READER_ALLOW_HOSTS: "127.0.0.1",
        // The suite sends more answers a minute than a person would.
        RATE_LIMIT_PER_MIN: "0",
        DATA_DIR: dataDir,
        MCP_CONFIG: mcpConfig,
      },
    },
  ],
});
