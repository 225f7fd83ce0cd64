import { createElement } from "react";
import { renderToString } from "react-dom/server";
import { describe, expect, it } from "vitest";
import type { UIMessage } from "./types";
import { useChatStream } from "./use-chat-stream";

// No DOM here (no @testing-library/react): server rendering is what can be checked in node — the
// hook must render the initial messages without touching fetch, IndexedDB or the window.

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

describe("useChatStream", () => {
  it("server-renders the initial messages, idle", () => {
    expect(renderToString(createElement(Probe))).toBe("<p>idle:分析一下 600519|贵州茅台:function</p>");
  });
});
