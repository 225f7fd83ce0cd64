import { existsSync, readFileSync } from "node:fs";
import { resolve } from "node:path";
import { z } from "zod";
import { type ApprovalSpec, TOOL_POLICIES } from "./tool-policy";

// MCP_CONFIG (default ./mcp.json when present) in the shape Claude Desktop and Cursor use:
// {"mcpServers": {"name": {"command", "args", "env", "cwd"} | {"url", "headers"}}}. A broken
// entry disables that server with a message naming it and the field; it never stops the app.
// `approval` and `toolApproval` (PROTOCOL.md section 23) are ours; other clients ignore them.

export type ServerSpec = ApprovalSpec &
  (
    | {
        name: string;
        type: "stdio";
        command: string;
        args: string[];
        env: Record<string, string>;
        cwd: string | undefined;
        timeoutMs: number | undefined;
      }
    | {
        name: string;
        /** "http" is Streamable HTTP, falling back to the legacy SSE transport on a 4xx. */
        type: "http" | "sse";
        url: string;
        headers: Record<string, string>;
        timeoutMs: number | undefined;
      }
  );

export interface ConfigProblem {
  server: string;
  message: string;
}

export interface McpConfig {
  /** The file read, if any. */
  source: string | undefined;
  servers: ServerSpec[];
  problems: ConfigProblem[];
}

/** The app's own tools' server; a configured server cannot take the name. */
export const RESERVED_SERVER = "builtin";
/** The web tools' server (PROTOCOL.md section 21), offered per answer; a configured server cannot take it either. */
export const WEB_SERVER = "web";
const RESERVED_NAMES: readonly string[] = [RESERVED_SERVER, WEB_SERVER];

const stringMap = z.record(z.string(), z.string());
const entrySchema = z.looseObject({
  type: z.enum(["stdio", "http", "streamable-http", "streamableHttp", "sse"]).optional(),
  command: z.string().min(1).optional(),
  args: z.array(z.string()).default([]),
  env: stringMap.default({}),
  cwd: z.string().optional(),
  url: z.string().optional(),
  headers: stringMap.default({}),
  /** Per-call time limit in ms (progress notifications reset it). */
  timeout: z.number().int().positive().optional(),
  disabled: z.boolean().optional(),
  approval: z.enum(TOOL_POLICIES).default("auto"),
  toolApproval: z.record(z.string(), z.enum(TOOL_POLICIES)).default({}),
});

type Env = Record<string, string | undefined>;

/** `${VAR}` and `${VAR:-default}` from the environment; an unset variable without a default is an error. */
export function expandVars(value: string, env: Env, field: string): string {
  return value.replace(
    /\$\{([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*))?\}/g,
    (_, name: string, fallback?: string) => {
      const found = env[name];
      if (found !== undefined && found !== "") return found;
      if (fallback !== undefined) return fallback;
      throw new Error(`${field}: \${${name}} is not set in the environment`);
    },
  );
}

function expandMap(map: Record<string, string>, env: Env, field: string): Record<string, string> {
  return Object.fromEntries(
    Object.entries(map).map(([key, value]) => [key, expandVars(value, env, `${field}.${key}`)]),
  );
}

function toSpec(name: string, raw: unknown, env: Env): ServerSpec | null {
  const parsed = entrySchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = issue?.path.join(".") || "(entry)";
    throw new Error(`${field}: ${issue?.message ?? "invalid"}`);
  }
  const entry = parsed.data;
  if (entry.disabled) return null;
  const timeoutMs = entry.timeout;
  const approval: ApprovalSpec = { approval: entry.approval, toolApproval: entry.toolApproval };
  const type = entry.type ?? (entry.command ? "stdio" : entry.url ? "http" : undefined);
  if (type === undefined) throw new Error("give either command (a local server) or url (a remote one)");
  if (type === "stdio") {
    if (!entry.command) throw new Error('command: required for "type": "stdio"');
    return {
      ...approval,
      name,
      type: "stdio",
      command: entry.command,
      args: entry.args,
      env: expandMap(entry.env, env, "env"),
      cwd: entry.cwd,
      timeoutMs,
    };
  }
  if (!entry.url) throw new Error(`url: required for "type": "${type}"`);
  const url = expandVars(entry.url, env, "url");
  let parsedUrl: URL;
  try {
    parsedUrl = new URL(url);
  } catch {
    // Not the value: it may hold a token taken from the environment.
    throw new Error("url: not a URL");
  }
  if (parsedUrl.protocol !== "http:" && parsedUrl.protocol !== "https:") {
    throw new Error(`url: use http:// or https://, not ${parsedUrl.protocol}`);
  }
  return {
    ...approval,
    name,
    type: type === "sse" ? "sse" : "http",
    url,
    headers: expandMap(entry.headers, env, "headers"),
    timeoutMs,
  };
}

/** Parses a config document; problems are collected per server, never thrown. */
export function parseMcpConfig(document: unknown, env: Env, source?: string): McpConfig {
  const config: McpConfig = { source, servers: [], problems: [] };
  const root = document as { mcpServers?: unknown } | null;
  if (
    typeof root !== "object" ||
    root === null ||
    typeof root.mcpServers !== "object" ||
    root.mcpServers === null
  ) {
    config.problems.push({
      server: "(config)",
      message: 'mcpServers: expected an object of servers, {"mcpServers": {…}}',
    });
    return config;
  }
  for (const [name, raw] of Object.entries(root.mcpServers as Record<string, unknown>)) {
    if (RESERVED_NAMES.includes(name)) {
      config.problems.push({
        server: name,
        message: `mcpServers.${name}: the name is reserved for the app's own tools`,
      });
      continue;
    }
    try {
      const spec = toSpec(name, raw, env);
      if (spec) config.servers.push(spec);
    } catch (error) {
      config.problems.push({ server: name, message: `mcpServers.${name}.${(error as Error).message}` });
    }
  }
  return config;
}

/** Reads MCP_CONFIG (or ./mcp.json when present). No file means no configured servers. */
export function loadMcpConfig(env: Env = process.env, cwd = process.cwd()): McpConfig {
  const named = env.MCP_CONFIG?.trim();
  const path = named ? resolve(cwd, named) : resolve(cwd, "mcp.json");
  if (!named && !existsSync(path)) return { source: undefined, servers: [], problems: [] };
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (error) {
    return {
      source: path,
      servers: [],
      problems: [
        { server: "(config)", message: `MCP_CONFIG: cannot read ${path}: ${(error as Error).message}` },
      ],
    };
  }
  try {
    return parseMcpConfig(JSON.parse(text), env, path);
  } catch (error) {
    return {
      source: path,
      servers: [],
      problems: [{ server: "(config)", message: `${path} is not valid JSON${jsonErrorPlace(error)}` }],
    };
  }
}

/** Where JSON.parse stopped, without the text around it that V8 quotes (it may hold a token). */
function jsonErrorPlace(error: unknown): string {
  const place = /at position \d+(?: \(line \d+ column \d+\))?/.exec((error as Error).message)?.[0];
  return place ? ` (${place})` : "";
}
