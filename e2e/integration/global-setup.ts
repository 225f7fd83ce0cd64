import type { TestProject } from "vitest/node";
import { startUpstream } from "../upstream/server";
import { startApp } from "./app-server";
import { startMcpFixtures } from "./mcp-fixtures";

// One scripted upstream and two built apps for every integration test file: one configured
// against the upstream, one without an API key. Tests tell their requests apart by a nonce.

declare module "vitest" {
  export interface ProvidedContext {
    appUrl: string;
    bareAppUrl: string;
    upstreamUrl: string;
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

/** The app without a key also has an access code, to test what it guards (/api/mcp, /api/tools). */
export const BARE_ACCESS_CODE = "open-sesame";

export default async function setup(project: TestProject) {
  const [upstream, mcp] = await Promise.all([startUpstream(), startMcpFixtures()]);
  const [app, bare] = await Promise.all([
    startApp({
      ...TEST_ENV,
      DEEPSEEK_BASE_URL: upstream.url,
      STOCK_QUOTE_BASE_URL: `${upstream.url}/quote`,
      MCP_CONFIG: mcp.configPath,
      E2E_GREETING: "hello from the config",
    }),
    startApp({ DEEPSEEK_API_KEY: "", DEEPSEEK_BASE_URL: upstream.url, ACCESS_CODE: BARE_ACCESS_CODE }),
  ]);
  project.provide("appUrl", app.url);
  project.provide("bareAppUrl", bare.url);
  project.provide("upstreamUrl", upstream.url);
  return async () => {
    await Promise.all([app.close(), bare.close()]);
    await Promise.all([upstream.close(), mcp.close()]);
  };
}
