import { Agent, type IncomingMessage, request, type ServerResponse } from "node:http";

// (a) The limit: pipes the client's OpenAI-format body to the upstream and its bytes straight back.
// No parsing, no re-encoding; what is left is the cost of two sockets and a pipe.

export function rawRelay(upstreamUrl: string, apiKey: string) {
  const target = new URL(`${upstreamUrl}/chat/completions`);
  const agent = new Agent({ keepAlive: true });
  return (req: IncomingMessage, res: ServerResponse) => {
    const upstream = request(target, {
      method: "POST",
      agent,
      headers: { "content-type": "application/json", authorization: `Bearer ${apiKey}` },
    });
    upstream.on("response", (upstreamRes) => {
      res.writeHead(upstreamRes.statusCode ?? 502, {
        "content-type": upstreamRes.headers["content-type"] ?? "text/event-stream",
        "cache-control": "no-cache",
      });
      res.flushHeaders();
      upstreamRes.pipe(res);
    });
    upstream.on("error", () => res.destroy());
    res.on("close", () => upstream.destroy());
    req.pipe(upstream);
  };
}
