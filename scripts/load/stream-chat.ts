import { type Agent, type IncomingMessage, request } from "node:http";
import { parseEventData, parseSseStream, type SseItem } from "@/lib/protocol";

// One POST /api/chat over node:http, read with the protocol's strict parser. node:http rather than
// fetch: undici is not installed as a package here (so no Agent to raise fetch's limits), and
// `req.destroy()` drops the TCP connection at once, which is exactly the client going away.

export interface StreamChatOptions {
  appUrl: URL;
  body: unknown;
  agent: Agent;
  /** Hard cap for the whole exchange; past it the connection is cut and the request fails. */
  timeoutMs: number;
  /** Cut the connection this long after sending, unless the stream has ended by then. */
  abortAfterMs?: number;
  /** Cut the connection right after the k-th event (1-based). */
  abortAfterEvents?: number;
}

export interface StreamChatResult {
  /** performance.now() when the request was sent; the other times count from here. */
  sentAt: number;
  status: number;
  contentType: string;
  /** Everything parsed before the stream ended or was cut, in order. */
  items: SseItem[];
  /** ms from sending to the first event; undefined when none arrived. */
  firstEventMs: number | undefined;
  /** ms from sending to `done`, to the cut, or to the failure. */
  totalMs: number;
  /** Date.now() of our cut, when we cut before `done`; comparable with the upstream's timestamps. */
  abortedAt: number | undefined;
  /** What went wrong that was not our own cut: transport, HTTP status, protocol, timeout. */
  failure: string | undefined;
}

export async function streamChat(options: StreamChatOptions): Promise<StreamChatResult> {
  const payload = JSON.stringify(options.body);
  const started = performance.now();
  const result: StreamChatResult = {
    sentAt: started,
    status: 0,
    contentType: "",
    items: [],
    firstEventMs: undefined,
    totalMs: 0,
    abortedAt: undefined,
    failure: undefined,
  };
  let sawDone = false;
  const req = request({
    host: options.appUrl.hostname,
    port: options.appUrl.port,
    path: "/api/chat",
    method: "POST",
    agent: options.agent,
    headers: {
      "content-type": "application/json",
      "content-length": Buffer.byteLength(payload),
      accept: "text/event-stream",
    },
  });
  // After a destroy() Node may still emit errors on the request; the read loop reports them.
  req.on("error", () => {});
  const cut = () => {
    if (sawDone || result.abortedAt !== undefined) return;
    result.abortedAt = Date.now();
    req.destroy();
  };
  const timeout = setTimeout(() => {
    result.failure ??= `no done within ${options.timeoutMs} ms`;
    req.destroy();
  }, options.timeoutMs);
  const abortTimer = options.abortAfterMs === undefined ? undefined : setTimeout(cut, options.abortAfterMs);
  try {
    const res = await new Promise<IncomingMessage>((resolve, reject) => {
      req.once("response", resolve);
      req.once("error", reject);
      req.end(payload);
    });
    res.on("error", () => {});
    result.status = res.statusCode ?? 0;
    result.contentType = res.headers["content-type"] ?? "";
    if (result.status !== 200) {
      let text = "";
      for await (const chunk of res) text += chunk;
      result.failure = `HTTP ${result.status}: ${text.slice(0, 200)}`;
      return result;
    }
    let events = 0;
    for await (const item of parseSseStream(res, { validate: parseEventData })) {
      if (item.kind === "event" && result.firstEventMs === undefined) {
        result.firstEventMs = performance.now() - started;
      }
      result.items.push(item);
      if (item.kind === "done") sawDone = true;
      if (item.kind === "event" && ++events === options.abortAfterEvents) {
        cut();
        break;
      }
    }
    if (!sawDone && result.abortedAt === undefined) result.failure ??= "the stream ended before done";
  } catch (error) {
    // Reading a connection we cut ourselves throws too; that is the abort, not a failure.
    if (result.abortedAt === undefined)
      result.failure ??= `${(error as Error).name}: ${(error as Error).message}`;
  } finally {
    clearTimeout(timeout);
    clearTimeout(abortTimer);
    result.totalMs = performance.now() - started;
  }
  return result;
}
