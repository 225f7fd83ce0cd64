import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { freePort } from "./app-server";

// The MCP servers the integration app is configured with: @modelcontextprotocol/server-everything
// over stdio and over Streamable HTTP (on loopback), our fault server, and two that cannot work.

const root = join(import.meta.dirname, "../..");
const everything = join(root, "node_modules/@modelcontextprotocol/server-everything/dist/index.js");

/** What the fixture servers keep private: /api/tools must show none of it. */
export const MCP_STDERR_SECRET = "stderr-secret-3141";
export const MCP_ENV_SECRETS = {
  E2E_MCP_TOKEN: "token-secret-2718",
  E2E_MCP_URL: "url-secret-1618 is no url",
};

export interface McpFixtures {
  configPath: string;
  /** Where the fault server's slow tool writes what it did: {tag, event, at} per line. */
  faultLogPath: string;
  close(): Promise<void>;
}

/** server-everything over a network transport: "streamableHttp" (at /mcp) or the legacy "sse" (at /sse). */
async function startEverything(
  mode: "streamableHttp" | "sse",
): Promise<{ url: string; child: ChildProcess }> {
  const port = await freePort();
  const child = spawn(
    process.execPath,
    ["--import", join(root, "lib/testing/mcp-servers/loopback-only.mjs"), everything, mode],
    {
      env: { ...process.env, PORT: String(port) },
      stdio: ["ignore", "ignore", "pipe"],
    },
  );
  await new Promise<void>((resolve, reject) => {
    let output = "";
    const timer = setTimeout(() => reject(new Error(`server-everything did not start:\n${output}`)), 20_000);
    child.stderr?.on("data", (chunk: Buffer) => {
      output += chunk.toString();
      if (/listening on port|running on port/.test(output)) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.once("exit", (code) => reject(new Error(`server-everything exited (${code}):\n${output}`)));
  });
  return { url: `http://127.0.0.1:${port}/${mode === "sse" ? "sse" : "mcp"}`, child };
}

export async function startMcpFixtures(): Promise<McpFixtures> {
  const [http, legacy] = await Promise.all([startEverything("streamableHttp"), startEverything("sse")]);
  const refusedPort = await freePort();
  const dir = mkdtempSync(join(tmpdir(), "deepseek-chat-mcp-"));
  const configPath = join(dir, "mcp.json");
  const faultLogPath = join(dir, "faulty.log");
  writeFileSync(faultLogPath, "");
  writeFileSync(
    configPath,
    JSON.stringify(
      {
        mcpServers: {
          // The timeout is shorter than trigger-long-running-operation's run: only its progress
          // notifications keep the call alive.
          stdio: {
            command: process.execPath,
            args: [everything, "stdio"],
            env: { GREETING: "${E2E_GREETING}" },
            timeout: 1500,
          },
          // Section 23's policies: get-env is never offered, trigger-long-running-operation needs approval.
          http: {
            url: http.url,
            toolApproval: { "get-env": "never", "trigger-long-running-operation": "ask" },
          },
          // No "type": the app tries Streamable HTTP, gets a 404 and falls back to SSE.
          legacy: { url: legacy.url },
          faulty: {
            command: process.execPath,
            args: [join(root, "lib/testing/mcp-servers/fault-server.mjs")],
            env: { FAULT_SERVER_LOG: faultLogPath },
            timeout: 1000,
          },
          missing: { command: "definitely-not-a-command-4711" },
          // Its token comes from the environment and must not show in /api/tools.
          refused: { url: `http://127.0.0.1:${refusedPort}/mcp?token=\${E2E_MCP_TOKEN}` },
          broken: { command: "node", args: "not-a-list" },
          // Says something private on stderr, then dies: /api/tools gives a reason, not the lines.
          noisy: {
            command: process.execPath,
            args: ["-e", `process.stderr.write("${MCP_STDERR_SECRET}\\n"); process.exit(3)`],
          },
          // A URL that is not one once ${E2E_MCP_URL} is filled in: the reason names the field only.
          "bad-url": { url: "${E2E_MCP_URL}" },
          // Not a policy: the server is disabled with the field named.
          "bad-policy": { command: process.execPath, approval: "sometimes" },
        },
      },
      null,
      2,
    ),
  );
  return {
    configPath,
    faultLogPath,
    close: async () => {
      http.child.kill("SIGTERM");
      legacy.child.kill("SIGTERM");
    },
  };
}
