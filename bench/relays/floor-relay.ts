import type { IncomingMessage, ServerResponse } from "node:http";
import OpenAI from "openai";
import { ChunkReader } from "@/lib/agent/chunk-reader";
import { nodeFetch, responseBody } from "@/lib/agent/node-fetch";
import { SSE_HEADERS } from "@/lib/http/responses";
import type { ChatEvent } from "@/lib/protocol";
import { DONE_EVENT, encodeEvent } from "@/lib/protocol/sse-encoder";
import { readBody, sendJsonError, sendWebResponse } from "./node-web";

// (d) Not a competitor: the least any relay built like ours can cost, to tell the agent loop's own
// cost from what its parts cost. It has only what our route cannot do without: the request made by
// the openai SDK (through the same node:http fetch), the provider's SSE parsed and each piece
// re-encoded as a protocol event, and a web ReadableStream as the body (a Next.js route handler
// must return a Response). No validation, agent loop, tool handling, timeouts or stats.

export function floorRelay(upstreamUrl: string, apiKey: string, model: string) {
  const client = new OpenAI({ apiKey, baseURL: upstreamUrl, fetch: nodeFetch });
  return async (req: IncomingMessage, res: ServerResponse) => {
    let prompt: string;
    try {
      const body = JSON.parse(await readBody(req)) as { messages: { content: string }[] };
      prompt = String(body.messages.at(-1)?.content);
    } catch {
      return sendJsonError(res, 400, "body is not JSON");
    }
    const abort = new AbortController();
    res.once("close", () => abort.abort());
    let id = 1;
    let out!: ReadableStreamDefaultController<Uint8Array>;
    const send = (event: ChatEvent) => out.enqueue(Buffer.from(encodeEvent(id++, event)));
    const body = new ReadableStream<Uint8Array>({
      start: (controller) => {
        out = controller;
      },
    });
    void sendWebResponse(res, new Response(body, { headers: SSE_HEADERS }));
    try {
      const response = await client.chat.completions
        .create(
          {
            model,
            messages: [{ role: "user", content: prompt }],
            stream: true,
            stream_options: { include_usage: true },
            thinking: { type: "enabled" },
          } as OpenAI.ChatCompletionCreateParamsStreaming,
          { signal: abort.signal },
        )
        .asResponse();
      send({ event: "start", data: { model, reasoning: "enabled" } });
      const reader = new ChunkReader(response.headers);
      for await (const bytes of responseBody(response, () => reader.finished)) {
        for (const chunk of reader.feed(bytes)) {
          const delta = chunk.choices?.[0]?.delta;
          if (delta?.reasoning_content)
            send({ event: "reasoning", data: { content: delta.reasoning_content } });
          if (delta?.content) send({ event: "message", data: { content: delta.content } });
        }
        if (reader.finished) break;
      }
      out.enqueue(Buffer.from(DONE_EVENT));
      out.close();
    } catch (error) {
      out.error(error);
    }
  };
}
