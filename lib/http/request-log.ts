import "server-only";
import { randomUUID } from "node:crypto";
import type { ChatEvent, ChatRequest } from "@/lib/protocol";

// One structured line per chat request: who asked what kind of question (never its text), how it
// went, what it cost. JSON on stdout, which every host (Vercel, systemd, Docker) collects.

export interface ChatLog {
  readonly id: string;
  /** Count a model call. */
  round(): void;
  /** Passes the events through, noting what the line needs; writes the line when they end. */
  observe(events: AsyncIterable<ChatEvent>): AsyncGenerator<ChatEvent, void>;
}

export function startChatLog(
  request: Request,
  chat: ChatRequest,
  write: (line: string) => void = console.log,
): ChatLog {
  const id = randomUUID();
  const started = performance.now();
  let rounds = 0;
  return {
    id,
    round: () => {
      rounds++;
    },
    async *observe(events) {
      const line: Record<string, unknown> = {
        level: "info",
        msg: "chat",
        id,
        method: request.method,
        path: new URL(request.url).pathname,
        messages: chat.messages.length,
        thinking: chat.thinking,
        stream: chat.stream,
      };
      let toolErrors = 0;
      let ended = false;
      try {
        for await (const event of events) {
          if (event.event === "start") line.model = event.data.model;
          if (event.event === "tool_result" && "error" in event.data) toolErrors++;
          if (event.event === "error") line.error_code = event.data.code;
          if (event.event === "end") {
            ended = true;
            const { stats } = event.data;
            Object.assign(line, {
              outcome: event.data.finish_reason,
              tool_calls: stats.tool_calls,
              tool_errors: toolErrors,
              tokens: stats.tokens,
              first_byte_ms: stats.timing_ms.first_byte,
            });
          }
          yield event;
        }
      } finally {
        if (!ended) line.outcome = "client_aborted";
        line.rounds = rounds;
        line.total_ms = Math.round(performance.now() - started);
        write(JSON.stringify({ ts: new Date().toISOString(), ...line }));
      }
    },
  };
}
