import type { TestProject } from "vitest/node";
import { startApp } from "../../lib/testing/app-server";
import { MCP_ENV_SECRETS, startMcpFixtures } from "../../lib/testing/mcp-fixtures";
import { makePgliteTemplate } from "../../lib/testing/pglite-template";
import { startUpstream } from "../../lib/testing/upstream/server";
import { startSearxngFake } from "../../lib/testing/web-fakes/searxng-fake";

// One scripted upstream and three built apps for every integration test file: one configured
// against the upstream, one without an API key, and one guarded (access code, rate limit, CORS)
// for access.test.ts. Tests tell their requests apart by a nonce.

declare module "vitest" {
  export interface ProvidedContext {
    appUrl: string;
    bareAppUrl: string;
    guardedAppUrl: string;
    upstreamUrl: string;
    /** The fault MCP server's record of its slow tool's calls (mcp-fixtures.ts). */
    faultLogPath: string;
    /** The fake SearXNG the configured app searches with (web-search.test.ts). */
    searxngUrl: string;
  }
}

export const TEST_ENV = {
  DEEPSEEK_API_KEY: "sk-test",
  DEEPSEEK_MODELS: "deepseek-flash,deepseek-v4-pro",
  MAX_TOOL_ROUNDS: "3",
  PROVIDER_IDLE_TIMEOUT_MS: "1500",
  // The SDK's backoff after a 429 honours Retry-After; one retry keeps the tests quick.
  PROVIDER_MAX_RETRIES: "1",
};

/** What the open app is told its addresses are, besides loopback. */
export const OPEN_PUBLIC_URL = "https://chat.example.org";
export const OPEN_ALLOWED_HOSTS = "chat.lan, 192.168.1.20";

/** The app without a key also has an access code, to test what it guards (/api/mcp, /api/tools). */
export const BARE_ACCESS_CODE = "open-sesame";

/** The guarded app: every protection of the request guard on, with a limit small enough to reach in a test. */
export const GUARDED_ACCESS_CODE = "guarded-code-42";
export const GUARDED_RATE_LIMIT_PER_MIN = 3;
export const GUARDED_CORS_ORIGIN = "https://allowed.example";

export default async function setup(project: TestProject) {
  const [upstream, mcp, dropTemplate, searxng] = await Promise.all([
    startUpstream(),
    startMcpFixtures(),
    makePgliteTemplate(),
    startSearxngFake(),
  ]);
  const [app, bare, guarded] = await Promise.all([
    startApp({
      ...TEST_ENV,
      DEEPSEEK_BASE_URL: upstream.url,
      STOCK_QUOTE_BASE_URL: `${upstream.url}/quote`,
      // Web search (PROTOCOL.md section 21); the other two apps have none configured.
      SEARXNG_URL: searxng.url,
      // read_page's own tests reach the upstream's article; never list loopback in production.
      READER_ALLOW_HOSTS: "127.0.0.1",
      MCP_CONFIG: mcp.configPath,
      ...MCP_ENV_SECRETS,
      E2E_GREETING: "hello from the config",
      // The open mode's Host allow-list, beyond the loopback names (host-allow-list.test.ts).
      PUBLIC_URL: OPEN_PUBLIC_URL,
      ALLOWED_HOSTS: OPEN_ALLOWED_HOSTS,
      // The suites send far more than a person would, from one address: no limit here.
      RATE_LIMIT_PER_MIN: "0",
    }),
    startApp({ DEEPSEEK_API_KEY: "", DEEPSEEK_BASE_URL: upstream.url, ACCESS_CODE: BARE_ACCESS_CODE }),
    startApp({
      ...TEST_ENV,
      DEEPSEEK_BASE_URL: upstream.url,
      ACCESS_CODE: GUARDED_ACCESS_CODE,
      RATE_LIMIT_PER_MIN: String(GUARDED_RATE_LIMIT_PER_MIN),
      CORS_ORIGINS: GUARDED_CORS_ORIGIN,
      // Tests pose as different clients through X-Forwarded-For, each with buckets of its own.
      TRUST_PROXY: "1",
    }),
  ]);
  project.provide("appUrl", app.url);
  project.provide("bareAppUrl", bare.url);
  project.provide("guardedAppUrl", guarded.url);
  project.provide("upstreamUrl", upstream.url);
  project.provide("faultLogPath", mcp.faultLogPath);
  project.provide("searxngUrl", searxng.url);
  return async () => {
    await Promise.all([app.close(), bare.close(), guarded.close()]);
    await Promise.all([upstream.close(), mcp.close(), searxng.close()]);
    dropTemplate();
  };
}
