import type { IncomingMessage, ServerResponse } from "node:http";
import { createDeepSeek } from "@ai-sdk/deepseek";
import { convertToModelMessages, streamText, type UIMessage } from "ai";
import { readBody, sendJsonError, sendWebResponse } from "./node-web";

// (b) The Vercel AI SDK's documented chat route: UI messages in, `streamText` with the DeepSeek
// provider, its UI message stream response out. No tools, like the other two relays.

export function aiSdkRelay(upstreamUrl: string, apiKey: string, model: string) {
  const deepseek = createDeepSeek({ baseURL: upstreamUrl, apiKey });
  return async (req: IncomingMessage, res: ServerResponse) => {
    let messages: UIMessage[];
    try {
      ({ messages } = JSON.parse(await readBody(req)) as { messages: UIMessage[] });
    } catch {
      return sendJsonError(res, 400, "body is not JSON");
    }
    const abort = new AbortController();
    res.once("close", () => abort.abort());
    const result = streamText({
      model: deepseek(model),
      messages: await convertToModelMessages(messages),
      abortSignal: abort.signal,
      providerOptions: { deepseek: { thinking: { type: "enabled" } } },
    });
    await sendWebResponse(res, result.toUIMessageStreamResponse());
  };
}
