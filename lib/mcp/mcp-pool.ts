import "server-only";
import { InMemoryTransport } from "@modelcontextprotocol/sdk/inMemory.js";
import type { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import type { Tool } from "@modelcontextprotocol/sdk/types.js";
import { type ConfigProblem, RESERVED_SERVER, type ServerSpec } from "./mcp-config";
import { McpConnection } from "./mcp-connection";
import { transportsFor } from "./server-transports";
import { assignToolNames } from "./tool-names";
import { type ApprovalSpec, AUTO_APPROVAL, policyOf, type ToolPolicy } from "./tool-policy";
import type { ToolDefinition, ToolSet } from "./tool-set";

// Every MCP server the app uses, one connection each per process, shared by all requests. The
// loop gets a ToolSet per request: the tools of the servers that are up, named for the provider.

export interface PoolOptions {
  /** The app's own tools, served in-process; omitted in tests that want only configured servers. */
  builtin?: () => McpServer;
  connectTimeoutMs: number;
  callTimeoutMs: number;
  retryAfterMs: number;
}

export interface ServerStatus {
  name: string;
  /** As configured: "stdio", "http" (Streamable HTTP with SSE fallback), "sse"; or "in-process". */
  transport: "in-process" | ServerSpec["type"] | "unknown";
  /** The transport in use while connected: "stdio", "streamable-http", "sse", "in-process". */
  connected_via?: string;
  status: "connected" | "failed" | "idle" | "connecting" | "invalid";
  error?: string;
  /** The default policy of its tools (section 23); absent for an entry that could not be read. */
  approval?: ToolPolicy;
  tools: {
    /** The tool's own name on its server. */
    name: string;
    /** The name the model calls it by (prefixed `server__tool` when two servers share a name). */
    model_name: string;
    title?: string;
    description: string;
    inputSchema: Record<string, unknown>;
    /** `never` tools are listed here but not offered to the model. */
    policy: ToolPolicy;
  }[];
}

/** A tool's policy for one answer, from mcp.json's (PROTOCOL.md section 25). */
export type PolicyAdjust = (server: string, tool: string, policy: ToolPolicy) => ToolPolicy | "off";

interface CatalogEntry {
  modelName: string;
  connection: McpConnection;
  tool: Tool;
  policy: ToolPolicy;
}

/** A server of this process, reached over a linked in-memory pair. */
export function inProcess(create: () => McpServer) {
  return () => {
    const [clientTransport, serverTransport] = InMemoryTransport.createLinkedPair();
    void create().connect(serverTransport);
    return { transport: clientTransport, kind: "in-process" as const };
  };
}

export class McpPool {
  private readonly connections: McpConnection[] = [];
  private readonly kinds = new Map<string, ServerStatus["transport"]>();
  private readonly specs = new Map<string, ServerSpec>();

  constructor(
    servers: ServerSpec[],
    private readonly problems: ConfigProblem[],
    options: PoolOptions,
  ) {
    const base = {
      connectTimeoutMs: options.connectTimeoutMs,
      callTimeoutMs: options.callTimeoutMs,
      retryAfterMs: options.retryAfterMs,
    };
    if (options.builtin) {
      this.connections.push(
        new McpConnection({ ...base, name: RESERVED_SERVER, transports: [inProcess(options.builtin)] }),
      );
      this.kinds.set(RESERVED_SERVER, "in-process");
    }
    for (const spec of servers) {
      this.connections.push(new McpConnection({ ...base, name: spec.name, transports: transportsFor(spec) }));
      this.kinds.set(spec.name, spec.type);
      this.specs.set(spec.name, spec);
    }
  }

  /** Connects what needs connecting, then names every live tool for the provider. */
  private async catalog(): Promise<CatalogEntry[]> {
    await Promise.all(this.connections.map((connection) => connection.ready()));
    const entries = this.connections
      .filter((connection) => connection.connected)
      .flatMap((connection) => connection.tools.map((tool) => ({ connection, tool })));
    const names = assignToolNames(
      entries.map(({ connection, tool }) => ({ server: connection.name, tool: tool.name })),
    );
    const byOwner = new Map(
      entries.map((entry) => [`${entry.connection.name}\u0000${entry.tool.name}`, entry]),
    );
    return [...names].flatMap(([modelName, owner]) => {
      const entry = byOwner.get(`${owner.server}\u0000${owner.tool}`);
      return entry
        ? [{ modelName, ...entry, policy: policyOf(this.approvalOf(owner.server), owner.tool) }]
        : [];
    });
  }

  /** The built-in server is not configured: its tools are `auto`. */
  private approvalOf(server: string): ApprovalSpec {
    return this.specs.get(server) ?? AUTO_APPROVAL;
  }

  /**
   * The tools usable for one request; servers that are down and `never` tools are simply absent.
   * `adjust` (the owner's settings, section 25) may change a tool's policy or leave it out ("off");
   * it runs after names are assigned, so the names the model sees never move.
   */
  async toolSet(adjust?: PolicyAdjust): Promise<ToolSet> {
    const catalog = (await this.catalog()).flatMap((entry) => {
      if (entry.policy === "never") return [];
      const policy = adjust ? adjust(entry.connection.name, entry.tool.name, entry.policy) : entry.policy;
      return policy === "never" || policy === "off" ? [] : [{ ...entry, policy }];
    });
    const routes = new Map(catalog.map((entry) => [entry.modelName, entry]));
    const tools: ToolDefinition[] = catalog.map(({ modelName, connection, tool, policy }) => ({
      name: modelName,
      description: tool.description ?? tool.title ?? "",
      parameters: tool.inputSchema as Record<string, unknown>,
      server: connection.name,
      serverTool: tool.name,
      policy,
    }));
    return {
      tools,
      call: async (name, args, options) => {
        const route = routes.get(name);
        if (!route) return { error: `There is no tool named '${name}'.` };
        const timeoutMs = this.specs.get(route.connection.name)?.timeoutMs;
        return route.connection.call(route.tool.name, args, {
          ...options,
          ...(timeoutMs ? { timeoutMs } : {}),
        });
      },
    };
  }

  /** Every server with its state and tools (GET /api/tools). */
  async status(): Promise<ServerStatus[]> {
    const catalog = await this.catalog();
    const servers: ServerStatus[] = this.connections.map((connection) => ({
      name: connection.name,
      transport: this.kinds.get(connection.name) ?? "unknown",
      status: connection.connected ? "connected" : connection.state,
      ...(connection.connected && connection.via ? { connected_via: connection.via } : {}),
      ...(connection.error ? { error: connection.error } : {}),
      approval: this.approvalOf(connection.name).approval,
      tools: catalog
        .filter((entry) => entry.connection === connection)
        .map(({ modelName, tool, policy }) => ({
          name: tool.name,
          model_name: modelName,
          ...(tool.title ? { title: tool.title } : {}),
          description: tool.description ?? "",
          inputSchema: tool.inputSchema as Record<string, unknown>,
          policy,
        })),
    }));
    for (const problem of this.problems) {
      servers.push({
        name: problem.server,
        transport: "unknown",
        status: "invalid",
        error: problem.message,
        tools: [],
      });
    }
    return servers;
  }

  async close(): Promise<void> {
    await Promise.all(this.connections.map((connection) => connection.close()));
  }
}
