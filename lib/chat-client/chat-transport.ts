import type { Effort } from "@/lib/protocol/effort";
import { parseSseStream, type SseItem } from "@/lib/protocol/sse-parser";
import type { ToolSwitch } from "@/lib/protocol/tools-off";
import type { ConversationRef } from "./conversation-ref";
import { readHttpError } from "./read-http-error";
import { toRequestMessages } from "./to-request-messages";
import type { UIMessage } from "./types";

// The chat's HTTP (PROTOCOL.md sections 1 and 8): POST a conversation, GET a running answer again
// from Last-Event-ID, DELETE it. It holds no state and never retries: each call says what the
// server answered, as a typed outcome, and the controller decides what to do about it.

const NOT_A_STREAM = "The server did not answer with a chat stream";

export interface ChatRequest {
  messages: UIMessage[];
  thinking: boolean;
  effort?: Effort | undefined;
  model?: string | undefined;
  /** Offer the model the web tools (PROTOCOL.md section 21); sent only when on. */
  search?: boolean | undefined;
  /** Servers and tools this answer goes without (PROTOCOL.md section 25); sent when given. */
  toolsOff?: ToolSwitch[] | undefined;
  /** The server keeps the history: it is named instead of sent (PROTOCOL.md section 10). */
  conversation?: ConversationRef | undefined;
}

interface ChatTransportOptions {
  endpoint?: string | undefined;
  fetch?: typeof fetch | undefined;
}

/** An answer's events, as they arrive; `streamId` is set when the server keeps it resumable. */
interface Streaming {
  kind: "stream";
  events: AsyncIterable<SseItem>;
  streamId: string | undefined;
}

/** The request never got an answer: offline, refused, or aborted. */
interface Unreachable {
  kind: "unreachable";
}

/** The server answered, but not with a chat stream: the run ends with this error. */
interface Rejected {
  kind: "rejected";
  error: { message: string; code: string };
}

type Sent = Streaming | Unreachable | Rejected;

/**
 * A re-attach also learns that the server no longer has the answer (404, `expired`), or that it
 * cannot serve it right now and a later attempt may do better (429 or 5xx, `busy`).
 */
type Resumed = Sent | { kind: "expired" } | { kind: "busy" };

export class ChatTransport {
  constructor(private readonly options: ChatTransportOptions = {}) {}

  async send(request: ChatRequest, signal: AbortSignal): Promise<Sent> {
    const body: Record<string, unknown> = {
      ...(request.conversation
        ? { conversation: request.conversation }
        : { messages: toRequestMessages(request.messages) }),
      thinking: request.thinking,
      stream: true,
      // The answer outlives this connection: a drop or a reload re-attaches instead of losing it.
      resumable: true,
    };
    if (request.model !== undefined) body.model = request.model;
    if (request.thinking && request.effort !== undefined) body.effort = request.effort;
    if (request.search) body.search = true;
    if (request.toolsOff) body.tools_off = request.toolsOff;
    const response = await this.fetch(this.endpoint, {
      method: "POST",
      headers: { "Content-Type": "application/json", Accept: "text/event-stream" },
      body: JSON.stringify(body),
      signal,
    });
    return response ? opened(response) : { kind: "unreachable" };
  }

  async resume(streamId: string, lastEventId: number, signal: AbortSignal): Promise<Resumed> {
    const response = await this.fetch(this.streamUrl(streamId), {
      headers: { Accept: "text/event-stream", "Last-Event-ID": String(lastEventId) },
      signal,
    });
    if (!response) return { kind: "unreachable" };
    if (response.status === 404) return { kind: "expired" };
    if (response.status === 429 || response.status >= 500) {
      await response.body?.cancel().catch(() => {});
      return { kind: "busy" };
    }
    return opened(response);
  }

  /** Stops a resumable answer on the server. */
  cancel(streamId: string): void {
    // keepalive: the DELETE still goes out when Stop is the last thing before the tab closes.
    void this.fetch(this.streamUrl(streamId), { method: "DELETE", keepalive: true });
  }

  private get endpoint(): string {
    return this.options.endpoint ?? "/api/chat";
  }

  private streamUrl(streamId: string): string {
    return `${this.endpoint}/${encodeURIComponent(streamId)}`;
  }

  /** The response, or undefined when the request failed before one came. */
  private async fetch(input: string, init: RequestInit): Promise<Response | undefined> {
    try {
      return await (this.options.fetch ?? fetch)(input, init);
    } catch {
      return undefined;
    }
  }
}

async function opened(response: Response): Promise<Sent> {
  if (!response.ok) {
    const { message, code } = await readHttpError(response);
    return { kind: "rejected", error: { message, code } };
  }
  const type = response.headers.get("content-type") ?? "";
  if (!response.body || !type.includes("text/event-stream")) {
    // e.g. a proxy's login page answering 200 in the app's place
    const message = `${NOT_A_STREAM} (HTTP ${response.status}, ${type || "no content type"}).`;
    return { kind: "rejected", error: { message, code: "not_a_stream" } };
  }
  return {
    kind: "stream",
    events: parseSseStream(response.body),
    streamId: response.headers.get("x-stream-id") || undefined,
  };
}
