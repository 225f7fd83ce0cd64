import { createElement } from "react";
import { renderToString } from "react-dom/server";
import { describe, expect, it, vi } from "vitest";
import type { ChatSnapshot } from "./chat-controller";
import { fixtureText } from "./test-support";
import type { UIMessage } from "./types";
import { createChatController, type UseChatStreamOptions, useChatStream } from "./use-chat-stream";

// No DOM here (no @testing-library/react): server rendering checks that the hook renders without
// touching fetch, IndexedDB or the window; its controller, built as the hook builds it, is driven
// through the same subscribe/getSnapshot API that useSyncExternalStore reads.

const initialMessages: UIMessage[] = [
  { id: "u1", role: "user", content: "分析一下 600519", parts: [], createdAt: 1 },
  {
    id: "a1",
    role: "assistant",
    content: "贵州茅台",
    parts: [{ type: "text", text: "贵州茅台" }],
    createdAt: 2,
    status: "done",
  },
];

function Probe() {
  const chat = useChatStream({ initialMessages });
  return createElement(
    "p",
    null,
    `${chat.status}:${chat.messages.map((m) => m.content).join("|")}:${typeof chat.send}`,
  );
}

/** A fetch that answers every request with the recorded tool transcript, noting what was asked. */
function recordedFetch(requests: { url: string; body: unknown }[]): typeof fetch {
  return async (input, init) => {
    requests.push({ url: String(input), body: JSON.parse(String(init?.body)) });
    return new Response(fixtureText("tool-round-trip.sse"), {
      headers: { "Content-Type": "text/event-stream" },
    });
  };
}

describe("useChatStream", () => {
  it("server-renders the initial messages, idle", () => {
    expect(renderToString(createElement(Probe))).toBe("<p>idle:分析一下 600519|贵州茅台:function</p>");
  });

  it("sends through the injected fetch and reduces the streamed events into messages for subscribers", async () => {
    const requests: { url: string; body: unknown }[] = [];
    const saved: UIMessage[][] = [];
    const chat = createChatController({
      current: { endpoint: "/chat", fetch: recordedFetch(requests), onMessagesChange: (m) => saved.push(m) },
    });
    const seen: ChatSnapshot[] = [];
    chat.subscribe(() => seen.push(chat.getSnapshot()));

    chat.send("分析一下 600519", { thinking: true });
    await vi.waitFor(() => expect(chat.getSnapshot().status).toBe("done"), { interval: 1 });

    expect(requests).toEqual([
      {
        url: "/chat",
        body: expect.objectContaining({
          messages: [{ role: "user", content: "分析一下 600519" }],
          thinking: true,
        }),
      },
    ]);
    const [question, answer, ...rest] = chat.getSnapshot().messages;
    expect(rest).toEqual([]);
    expect(question).toMatchObject({ role: "user", content: "分析一下 600519" });
    expect(answer).toMatchObject({
      role: "assistant",
      status: "done",
      model: "deepseek-flash",
      finishReason: "stop",
    });
    expect(answer?.parts.map((p) => p.type)).toEqual(["reasoning", "tool", "reasoning", "text"]);
    expect(answer?.parts[1]).toMatchObject({
      name: "get_stock_info",
      status: "done",
      result: { name: "贵州茅台" },
    });
    expect(answer?.content.length).toBeGreaterThan(20);
    // Subscribers heard the answer start and end; the store got the finished conversation.
    expect(seen[0]?.status).toBe("streaming");
    expect(seen.at(-1)).toBe(chat.getSnapshot());
    expect(saved.at(-1)).toEqual(chat.getSnapshot().messages);
  });

  it("calls the callbacks the caller passes now, not those it passed when the controller was made", async () => {
    const first: { url: string; body: unknown }[] = [];
    const second: { url: string; body: unknown }[] = [];
    const savedLater: UIMessage[][] = [];
    const latest: { current: UseChatStreamOptions } = {
      current: { fetch: recordedFetch(first), onMessagesChange: () => {} },
    };
    const chat = createChatController(latest);
    // A re-render with new closures: the hook's effect writes them into the ref.
    latest.current = { fetch: recordedFetch(second), onMessagesChange: (m) => savedLater.push(m) };
    chat.send("q", { thinking: false });
    await vi.waitFor(() => expect(chat.getSnapshot().status).toBe("done"), { interval: 1 });
    expect(first).toEqual([]);
    expect(second).toHaveLength(1);
    expect(savedLater.at(-1)?.at(-1)).toMatchObject({ role: "assistant", status: "done" });
  });
});
