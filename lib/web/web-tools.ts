import "server-only";
import type { ServerConfig } from "@/lib/config";
import { McpConnection } from "@/lib/mcp/mcp-connection";
import { inProcess } from "@/lib/mcp/mcp-pool";
import { assignToolNames } from "@/lib/mcp/tool-names";
import type { ToolDefinition, ToolSet } from "@/lib/mcp/tool-set";
import { createBackend } from "./create-backend";
import { SourceList } from "./source-list";
import type { BackendSpec, WebSearchConfig } from "./web-search-config";
import { createWebServer, WEB_SERVER_NAME, type WebServerDeps } from "./web-server";

// An answer with `search: true` gets its own web server (fresh numbering of sources) beside the
// process pool's tools. A tool of the pool that has the same name as a web tool makes both
// `server__tool`, as between any two servers (tool-names.ts).

export interface WebToolsOptions {
  config: ServerConfig;
  web: WebSearchConfig & { backend: BackendSpec };
  /** Serves the search service's HTTP calls (tests). */
  fetch?: typeof fetch;
}

/** The answer's tool set: `base`'s tools and the web tools, under names unique across both. */
export function withWebTools(base: () => Promise<ToolSet>, options: WebToolsOptions): () => Promise<ToolSet> {
  return async () => {
    const deps: WebServerDeps = {
      backend: createBackend(options.web.backend, {
        timeoutMs: options.web.timeoutMs,
        ...(options.fetch ? { fetch: options.fetch } : {}),
      }),
      sources: new SourceList(),
      reader: { config: options.web.reader, pdfMaxPages: options.config.fileMaxPages },
    };
    const web = new McpConnection({
      name: WEB_SERVER_NAME,
      transports: [inProcess(() => createWebServer(deps))],
      connectTimeoutMs: options.config.mcpConnectTimeoutMs,
      callTimeoutMs: options.config.toolTimeoutMs,
      retryAfterMs: 0,
    });
    try {
      const [tools] = await Promise.all([base(), web.ready()]);
      return merge(tools, web);
    } catch (error) {
      await web.close();
      throw error;
    }
  };
}

function merge(base: ToolSet, web: McpConnection): ToolSet {
  const owners = [
    ...base.tools.map((tool) => ({ server: tool.server, tool: tool.name, definition: tool })),
    ...web.tools.map((tool) => ({
      server: WEB_SERVER_NAME,
      tool: tool.name,
      definition: {
        name: tool.name,
        description: tool.description ?? tool.title ?? "",
        parameters: tool.inputSchema as Record<string, unknown>,
        server: WEB_SERVER_NAME,
        policy: "auto" as const,
      },
    })),
  ];
  const names = assignToolNames(owners);
  const byOwner = new Map(owners.map((owner) => [`${owner.server}\u0000${owner.tool}`, owner]));
  const routes = new Map<string, { web: boolean; name: string }>();
  const tools: ToolDefinition[] = [];
  for (const [modelName, { server, tool }] of names) {
    const owner = byOwner.get(`${server}\u0000${tool}`);
    if (!owner) continue;
    tools.push({ ...owner.definition, name: modelName });
    routes.set(modelName, { web: server === WEB_SERVER_NAME, name: tool });
  }
  return {
    tools,
    call: (name, args, callOptions) => {
      const route = routes.get(name);
      if (!route) return Promise.resolve({ error: `There is no tool named '${name}'.` });
      return route.web ? web.call(route.name, args, callOptions) : base.call(route.name, args, callOptions);
    },
    close: async () => {
      await Promise.all([web.close(), base.close?.()]);
    },
  };
}
