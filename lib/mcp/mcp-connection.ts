import "server-only";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { ErrorCode, McpError, type Tool } from "@modelcontextprotocol/sdk/types.js";
import { refusedWith4xx, type TransportFactory } from "./server-transports";
import { mapToolResult } from "./tool-result";
import type { CallOptions, ToolOutcome } from "./tool-set";

// One MCP server, connected lazily and kept for the life of the process. A crash or a closed
// connection drops back to idle and the next request reconnects; a failed connect is not retried
// for a while, so a server that is down costs a request nothing until then.

export type ConnectionState = "idle" | "connecting" | "connected" | "failed";

export interface ConnectionOptions {
  name: string;
  transports: TransportFactory[];
  connectTimeoutMs: number;
  callTimeoutMs: number;
  /** After a failed connect, requests skip the server for this long. */
  retryAfterMs: number;
}

export class McpConnection {
  readonly name: string;
  state: ConnectionState = "idle";
  /** Why the last connect failed or the connection closed. */
  error: string | undefined;
  tools: Tool[] = [];
  /** The transport that connected, e.g. "sse" after a Streamable HTTP server fell back. */
  via: string | undefined;
  private client: Client | undefined;
  private connecting: Promise<void> | undefined;
  private failedAt = 0;

  constructor(private readonly options: ConnectionOptions) {
    this.name = options.name;
  }

  /** Connects if needed; resolves to whether the server's tools can be used. Never throws. */
  async ready(): Promise<boolean> {
    if (this.connected) return true;
    if (this.state === "failed" && Date.now() - this.failedAt < this.options.retryAfterMs) return false;
    this.connecting ??= this.connect().finally(() => {
      this.connecting = undefined;
    });
    await this.connecting;
    return this.connected;
  }

  get connected(): boolean {
    return this.state === "connected" && this.client !== undefined;
  }

  private async connect(): Promise<void> {
    this.state = "connecting";
    let lastError: unknown;
    for (const open of this.options.transports) {
      const { transport, stderrTail, kind } = open();
      const client = new Client(
        { name: "deepseek-chat", version: "0.1.0" },
        {
          listChanged: {
            tools: {
              onChanged: (error, tools) => {
                if (!error && tools && this.client === client) this.tools = tools;
              },
            },
          },
        },
      );
      try {
        await withTimeout(
          client.connect(transport, { timeout: this.options.connectTimeoutMs }),
          this.options.connectTimeoutMs,
        );
        const tools = await listAllTools(client, this.options.connectTimeoutMs);
        client.onclose = () => {
          if (this.client !== client) return;
          this.client = undefined;
          this.state = "idle";
          this.error = "the connection closed";
          console.warn(`[mcp] ${this.name}: the connection closed${tailOf(stderrTail)}`);
        };
        this.client = client;
        this.via = kind;
        this.tools = tools;
        this.state = "connected";
        this.error = undefined;
        return;
      } catch (error) {
        lastError = error;
        // The whole story, stderr included, goes to the server's log only: the reason that
        // /api/tools and the model see is short, since a server's output or an error's URL can
        // carry a token from the environment.
        console.warn(`[mcp] ${this.name}: ${(error as Error).message}${tailOf(stderrTail)}`);
        await client.close().catch(() => {});
        if (!refusedWith4xx(error)) break;
      }
    }
    this.state = "failed";
    this.failedAt = Date.now();
    this.error = describeConnectError(lastError);
  }

  async call(
    tool: string,
    args: Record<string, unknown>,
    options: CallOptions & { timeoutMs?: number },
  ): Promise<ToolOutcome> {
    if (!(await this.ready()) || !this.client) {
      return { error: `The tool server '${this.name}' is not available: ${this.error ?? "not connected"}.` };
    }
    const timeout = options.timeoutMs ?? this.options.callTimeoutMs;
    try {
      const result = await this.client.callTool({ name: tool, arguments: args }, undefined, {
        signal: options.signal,
        timeout,
        resetTimeoutOnProgress: true,
        // The SDK only asks for progress (and so only resets the timeout) when a handler is given.
        onprogress: () => {},
      });
      return mapToolResult(result as Parameters<typeof mapToolResult>[0]);
    } catch (error) {
      if (options.signal.aborted) throw error;
      return { error: describeCallError(error, this.name, timeout) };
    }
  }

  async close(): Promise<void> {
    const client = this.client;
    this.client = undefined;
    this.state = "idle";
    await client?.close().catch(() => {});
  }
}

async function listAllTools(client: Client, timeout: number): Promise<Tool[]> {
  if (!client.getServerCapabilities()?.tools) return [];
  const tools: Tool[] = [];
  let cursor: string | undefined;
  do {
    const page = await client.listTools(cursor ? { cursor } : {}, { timeout });
    tools.push(...page.tools);
    cursor = page.nextCursor;
  } while (cursor);
  return tools;
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

function tailOf(stderrTail: (() => string) | undefined): string {
  const tail = stderrTail?.();
  return tail ? ` (stderr: ${tail.split("\n").slice(-3).join(" | ")})` : "";
}

/** A short reason, in words of our own: no paths, URLs or server output. */
function describeConnectError(error: unknown): string {
  const err = (error ?? {}) as NodeJS.ErrnoException & { cause?: NodeJS.ErrnoException };
  const code = err.code ?? err.cause?.code;
  if (code === "ENOENT") return "could not start the server: command not found";
  if (code === "EACCES") return "could not start the server: permission denied";
  if (code === "ECONNREFUSED") return "the server refused the connection";
  if (code === "ENOTFOUND" || code === "EAI_AGAIN") return "the server's host name does not resolve";
  if (error instanceof McpError) {
    if (error.code === ErrorCode.RequestTimeout) return "the server did not answer in time";
    if (error.code === ErrorCode.ConnectionClosed) return "the server closed the connection while starting";
  }
  if (error instanceof Error && /no answer within/.test(error.message))
    return "the server did not answer in time";
  const status = (error as { code?: unknown }).code;
  if (typeof status === "number" && status >= 400 && status < 600)
    return `the server answered HTTP ${status}`;
  return typeof code === "string" ? `could not connect (${code})` : "could not connect";
}

function describeCallError(error: unknown, server: string, timeoutMs: number): string {
  if (error instanceof McpError) {
    if (error.code === ErrorCode.RequestTimeout) {
      const seconds =
        timeoutMs < 10_000 ? (timeoutMs / 1000).toFixed(1).replace(/\.0$/, "") : Math.round(timeoutMs / 1000);
      return `The tool did not answer within ${seconds} s and was stopped.`;
    }
    if (error.code === ErrorCode.ConnectionClosed) {
      return `The tool server '${server}' closed the connection during the call (it may have crashed).`;
    }
    return `The tool failed: ${error.message.replace(/^MCP error -?\d+: /, "")}`;
  }
  return `The tool call failed: ${(error as Error).message}`;
}
