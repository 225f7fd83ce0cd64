import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { expandVars, loadMcpConfig, parseMcpConfig } from "./mcp-config";

describe("parseMcpConfig", () => {
  it("reads the common shape, inferring the transport and expanding ${VAR}", () => {
    const config = parseMcpConfig(
      {
        mcpServers: {
          files: {
            command: "npx",
            args: ["-y", "server-files", "/tmp"],
            env: { TOKEN: "${FILES_TOKEN}" },
            cwd: "/srv",
          },
          remote: {
            url: "https://mcp.example.com/${PATH_PART}/mcp",
            headers: { Authorization: "Bearer ${REMOTE_KEY}" },
          },
          legacy: { type: "sse", url: "http://127.0.0.1:9000/sse", timeout: 5000 },
          off: { command: "x", disabled: true },
        },
      },
      { FILES_TOKEN: "t1", PATH_PART: "v1", REMOTE_KEY: "k2" },
    );
    expect(config.problems).toEqual([]);
    expect(config.servers).toEqual([
      {
        name: "files",
        type: "stdio",
        command: "npx",
        args: ["-y", "server-files", "/tmp"],
        env: { TOKEN: "t1" },
        cwd: "/srv",
        timeoutMs: undefined,
        approval: "auto",
        toolApproval: {},
      },
      {
        name: "remote",
        type: "http",
        url: "https://mcp.example.com/v1/mcp",
        headers: { Authorization: "Bearer k2" },
        timeoutMs: undefined,
        approval: "auto",
        toolApproval: {},
      },
      {
        name: "legacy",
        type: "sse",
        url: "http://127.0.0.1:9000/sse",
        headers: {},
        timeoutMs: 5000,
        approval: "auto",
        toolApproval: {},
      },
    ]);
  });

  it("reads approval and toolApproval (PROTOCOL.md section 23)", () => {
    const config = parseMcpConfig(
      {
        mcpServers: {
          mail: {
            command: "mail-server",
            approval: "ask",
            toolApproval: { list_inbox: "auto", send: "never" },
          },
          files: { url: "https://files.example/mcp", toolApproval: { delete_file: "never" } },
        },
      },
      {},
    );
    expect(config.problems).toEqual([]);
    expect(
      config.servers.map(({ name, approval, toolApproval }) => ({ name, approval, toolApproval })),
    ).toEqual([
      { name: "mail", approval: "ask", toolApproval: { list_inbox: "auto", send: "never" } },
      { name: "files", approval: "auto", toolApproval: { delete_file: "never" } },
    ]);
  });

  it("disables a server whose approval or toolApproval is not auto, ask or never", () => {
    const config = parseMcpConfig(
      {
        mcpServers: {
          good: { command: "node", approval: "never" },
          sometimes: { command: "node", approval: "sometimes" },
          notAString: { command: "node", approval: true },
          badTool: { command: "node", toolApproval: { send: "yes" } },
          notAMap: { command: "node", toolApproval: ["send"] },
        },
      },
      {},
    );
    expect(config.servers.map((s) => s.name)).toEqual(["good"]);
    expect(config.problems).toEqual([
      { server: "sometimes", message: expect.stringMatching(/^mcpServers\.sometimes\.approval: .*"ask"/) },
      { server: "notAString", message: expect.stringMatching(/^mcpServers\.notAString\.approval: /) },
      {
        server: "badTool",
        message: expect.stringMatching(/^mcpServers\.badTool\.toolApproval\.send: .*"never"/),
      },
      { server: "notAMap", message: expect.stringMatching(/^mcpServers\.notAMap\.toolApproval: /) },
    ]);
  });

  it("disables only the broken entries, naming the server and the field", () => {
    const config = parseMcpConfig(
      {
        mcpServers: {
          good: { command: "node", args: ["server.js"] },
          badArgs: { command: "node", args: "server.js" },
          noTarget: { env: {} },
          badUrl: { url: "not a url" },
          ftp: { url: "ftp://example.com" },
          missingVar: { url: "https://x.example/${NOPE}" },
          stdioWithoutCommand: { type: "stdio", url: "http://x" },
          builtin: { command: "node" },
          web: { command: "node" },
        },
      },
      {},
    );
    expect(config.servers.map((s) => s.name)).toEqual(["good"]);
    expect(config.problems).toEqual([
      { server: "badArgs", message: expect.stringMatching(/^mcpServers\.badArgs\.args: /) },
      {
        server: "noTarget",
        message: "mcpServers.noTarget.give either command (a local server) or url (a remote one)",
      },
      { server: "badUrl", message: "mcpServers.badUrl.url: not a URL" },
      { server: "ftp", message: "mcpServers.ftp.url: use http:// or https://, not ftp:" },
      { server: "missingVar", message: "mcpServers.missingVar.url: ${NOPE} is not set in the environment" },
      {
        server: "stdioWithoutCommand",
        message: 'mcpServers.stdioWithoutCommand.command: required for "type": "stdio"',
      },
      { server: "builtin", message: "mcpServers.builtin: the name is reserved for the app's own tools" },
      { server: "web", message: "mcpServers.web: the name is reserved for the app's own tools" },
    ]);
  });

  it("reports a document without mcpServers", () => {
    expect(parseMcpConfig({ servers: {} }, {}).problems[0]?.message).toMatch(
      /^mcpServers: expected an object/,
    );
  });
});

describe("expandVars", () => {
  it("uses defaults and leaves plain text alone", () => {
    expect(expandVars("a ${X:-fallback} $Y ${Z}", { Z: "z" }, "f")).toBe("a fallback $Y z");
  });
});

describe("loadMcpConfig", () => {
  const dir = mkdtempSync(join(tmpdir(), "mcp-config-"));

  it("has no servers and no problems without a file", () => {
    expect(loadMcpConfig({}, dir)).toEqual({ source: undefined, servers: [], problems: [] });
  });

  it("reads ./mcp.json by default and MCP_CONFIG when named", () => {
    writeFileSync(join(dir, "mcp.json"), JSON.stringify({ mcpServers: { a: { command: "a" } } }));
    writeFileSync(
      join(dir, "other.json"),
      JSON.stringify({ mcpServers: { b: { url: "http://127.0.0.1:1/mcp" } } }),
    );
    expect(loadMcpConfig({}, dir).servers.map((s) => s.name)).toEqual(["a"]);
    expect(loadMcpConfig({ MCP_CONFIG: "other.json" }, dir).servers.map((s) => s.name)).toEqual(["b"]);
  });

  it("reports a named file that is missing or not JSON", () => {
    expect(loadMcpConfig({ MCP_CONFIG: "nope.json" }, dir).problems[0]?.message).toMatch(
      /^MCP_CONFIG: cannot read/,
    );
    writeFileSync(join(dir, "bad.json"), "{");
    expect(loadMcpConfig({ MCP_CONFIG: "bad.json" }, dir).problems[0]?.message).toMatch(/is not valid JSON/);
    // V8 quotes the text around a syntax error; a raw token in the file must not travel with it.
    writeFileSync(
      join(dir, "leaky.json"),
      '{"mcpServers": {"a": {"headers": {"Authorization": "Bearer tok-123"}}} x',
    );
    const message = loadMcpConfig({ MCP_CONFIG: "leaky.json" }, dir).problems[0]?.message ?? "";
    expect(message).toMatch(/leaky\.json is not valid JSON/);
    expect(message).not.toContain("tok-123");
  });
});
