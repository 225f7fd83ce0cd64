import "server-only";
import { SSEClientTransport } from "@modelcontextprotocol/sdk/client/sse.js";
import { getDefaultEnvironment, StdioClientTransport } from "@modelcontextprotocol/sdk/client/stdio.js";
import {
  StreamableHTTPClientTransport,
  StreamableHTTPError,
} from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import type { Transport } from "@modelcontextprotocol/sdk/shared/transport.js";
import type { ServerSpec } from "./mcp-config";

// How to reach one configured server. A server is tried with each transport in turn; the next is
// tried only when the previous one was refused with a 4xx (a legacy SSE-only server answers the
// Streamable HTTP POST with 404 or 405).

export interface OpenedTransport {
  transport: Transport;
  kind: "stdio" | "streamable-http" | "sse" | "in-process";
  /** What the server printed on stderr lately, for a failure's reason. */
  stderrTail?: () => string;
}

export type TransportFactory = () => OpenedTransport;

const STDERR_TAIL = 2_000;

function stdio(spec: Extract<ServerSpec, { type: "stdio" }>): OpenedTransport {
  const transport = new StdioClientTransport({
    command: spec.command,
    args: spec.args,
    // Only the SDK's safe defaults (PATH, HOME, …) plus the server's own env: never the app's secrets.
    env: { ...getDefaultEnvironment(), ...spec.env },
    ...(spec.cwd ? { cwd: spec.cwd } : {}),
    stderr: "pipe",
  });
  let tail = "";
  transport.stderr?.on("data", (chunk: Buffer) => {
    tail = (tail + chunk.toString("utf8")).slice(-STDERR_TAIL);
  });
  return { transport, kind: "stdio", stderrTail: () => tail.trim() };
}

function streamableHttp(url: string, headers: Record<string, string>): OpenedTransport {
  return {
    transport: new StreamableHTTPClientTransport(new URL(url), { requestInit: { headers } }),
    kind: "streamable-http",
  };
}

function sse(url: string, headers: Record<string, string>): OpenedTransport {
  // EventSource's GET needs the headers too (an Authorization header for a remote server).
  return {
    transport: new SSEClientTransport(new URL(url), {
      requestInit: { headers },
      eventSourceInit: {
        fetch: (input, init) => fetch(input, { ...init, headers: { ...init?.headers, ...headers } }),
      },
    }),
    kind: "sse",
  };
}

export function transportsFor(spec: ServerSpec): TransportFactory[] {
  switch (spec.type) {
    case "stdio":
      return [() => stdio(spec)];
    case "sse":
      return [() => sse(spec.url, spec.headers)];
    case "http":
      return [() => streamableHttp(spec.url, spec.headers), () => sse(spec.url, spec.headers)];
  }
}

/** Whether the next transport is worth trying after this connect error. */
export function refusedWith4xx(error: unknown): boolean {
  return (
    error instanceof StreamableHTTPError && error.code !== undefined && error.code >= 400 && error.code < 500
  );
}
