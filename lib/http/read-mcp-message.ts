import "server-only";
import { readJsonBody } from "./responses";

// /api/mcp speaks JSON-RPC (MCP's Streamable HTTP transport), so its refusals are JSON-RPC errors
// with `id: null`, not the app's `{error: {code, message}}`. The body is read here, under the app's
// size limit, rather than by the SDK's transport, because the transport accepts a batch of up to
// 100 messages: 100 tool calls for one request, and so for one rate-limit token. MCP 2025-06-18
// removed batching; every client of that version or later sends one message per request.

const JSONRPC_PARSE_ERROR = -32700;
const JSONRPC_INVALID_REQUEST = -32600;
/** What the SDK's transport answers to a refusal of the HTTP request itself (media type, size). */
const JSONRPC_SERVER_ERROR = -32000;

function jsonRpcError(
  status: number,
  code: number,
  message: string,
  headers: Record<string, string> = {},
): Response {
  return Response.json({ jsonrpc: "2.0", error: { code, message }, id: null }, { status, headers });
}

export type McpMessageResult = { ok: true; message: unknown } | { ok: false; response: Response };

/** The one JSON-RPC message of an MCP POST, or the JSON-RPC error that refuses the request. */
export async function readMcpMessage(request: Request, limitBytes: number): Promise<McpMessageResult> {
  const body = await readJsonBody(request, limitBytes);
  if (!body.ok) {
    // Same status and words as the rest of the API; only the envelope is JSON-RPC's.
    const { status, headers } = body.response;
    const { error } = (await body.response.json()) as { error: { message: string } };
    const connection = headers.get("connection");
    return {
      ok: false,
      response: jsonRpcError(
        status,
        status === 400 ? JSONRPC_PARSE_ERROR : JSONRPC_SERVER_ERROR,
        error.message,
        connection ? { Connection: connection } : {},
      ),
    };
  }
  if (Array.isArray(body.value)) {
    return {
      ok: false,
      response: jsonRpcError(
        400,
        JSONRPC_INVALID_REQUEST,
        "JSON-RPC batches are not accepted: send one JSON-RPC message per request (MCP 2025-06-18 removed batching).",
      ),
    };
  }
  return { ok: true, message: body.value };
}
