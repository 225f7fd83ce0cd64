import type { IncomingMessage, ServerResponse } from "node:http";
import { chatEvents } from "@/lib/agent/chat";
import { loadConfig } from "@/lib/config";
import { SSE_HEADERS } from "@/lib/http/responses";
import { emptyToolSet } from "@/lib/mcp/tool-set";
import { parseChatRequest } from "@/lib/protocol/request";
import { toSseStream } from "@/lib/protocol/sse-encoder";
import { readBody, sendJsonError, sendWebResponse } from "./node-web";

// (c) Our agent loop and SSE encoder, as app/api/chat/route.ts runs them (validate, loop, encode)
// but in plain node:http. Like-for-like with the AI SDK relay: an empty tool set, so no MCP tools
// are listed to the model or connected; the real route with its built-in tools is the `next` row.

export function ourRelay() {
  const config = loadConfig();
  const tools = () => Promise.resolve(emptyToolSet);
  return async (req: IncomingMessage, res: ServerResponse) => {
    const startedAt = performance.now();
    let body: unknown;
    try {
      body = JSON.parse(await readBody(req));
    } catch {
      return sendJsonError(res, 400, "body is not JSON");
    }
    const parsed = parseChatRequest(body, config);
    if (!parsed.ok) return sendJsonError(res, 400, parsed.message);
    const abort = new AbortController();
    res.once("close", () => abort.abort());
    const events = chatEvents(parsed.request.messages, {
      thinking: parsed.request.thinking,
      model: parsed.request.model,
      signal: abort.signal,
      startedAt,
      config,
      tools,
    });
    await sendWebResponse(res, new Response(toSseStream(events, { abort }), { headers: SSE_HEADERS }));
  };
}
