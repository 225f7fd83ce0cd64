import { describe, expect, it } from "vitest";
import type { ChatEvent } from "@/lib/protocol/events";
import { parseChatEvents } from "@/lib/protocol/sse-parser";
import { finishMessage } from "./reduce-event";
import { ev, reduceAll } from "./test-support";
import type { ToolPart } from "./types";

// PROTOCOL.md section 24 on the client: a call that asks is pending approval on its part, its
// tool_approval records the decision once, and the decision stays with the message it belongs to.

const approval = (toolCallId: string, decision: string): ChatEvent =>
  ({ event: "tool_approval", data: { tool_call_id: toolCallId, decision } }) as ChatEvent;
const tool = (parts: ReturnType<typeof reduceAll>["parts"], id: string) =>
  parts.find((part): part is ToolPart => part.type === "tool" && part.id === id);

describe("tool approvals in the reducer", () => {
  it("marks a call that asks as pending approval, and only that call", () => {
    const m = reduceAll([ev.toolCall("c1", "mail__send", { approval: "required" }), ev.toolCall("c2")]);
    expect(tool(m.parts, "c1")?.approval).toBe("pending");
    expect(tool(m.parts, "c2")).not.toHaveProperty("approval");
  });

  it("records each decision on its call, then the result as usual", () => {
    for (const decision of ["allow", "deny", "timeout"] as const) {
      const m = reduceAll([
        ev.toolCall("c1", "mail__send", { approval: "required" }),
        approval("c1", decision),
        decision === "allow"
          ? { event: "tool_result", data: { tool_call_id: "c1", result: "sent" } }
          : { event: "tool_result", data: { tool_call_id: "c1", error: "declined" } },
      ]);
      expect(tool(m.parts, "c1")).toMatchObject({
        approval: decision,
        status: decision === "allow" ? "done" : "failed",
      });
    }
  });

  it("ignores a decision for a call that never asked, a second decision, and one it does not know", () => {
    const asked = reduceAll([
      ev.toolCall("c1", "mail__send", { approval: "required" }),
      approval("c1", "deny"),
    ]);
    expect(tool(reduceAll([approval("c1", "allow")], asked).parts, "c1")?.approval).toBe("deny");
    const plain = reduceAll([ev.toolCall("c2"), approval("c2", "allow")]);
    expect(tool(plain.parts, "c2")).not.toHaveProperty("approval");
    const pending = reduceAll([ev.toolCall("c3", "x", { approval: "required" }), approval("c3", "perhaps")]);
    expect(tool(pending.parts, "c3")?.approval).toBe("pending");
  });

  it("keeps the decision when the answer ends or is given up on", () => {
    const m = reduceAll([
      ev.start(),
      ev.toolCall("c1", "mail__send", { approval: "required" }),
      approval("c1", "allow"),
    ]);
    expect(tool(finishMessage(m, "interrupted", 9).parts, "c1")).toMatchObject({
      approval: "allow",
      status: "failed",
    });
  });
});

describe("tool_approval on the wire", () => {
  it("passes a well-formed tool_approval through and skips a malformed one", async () => {
    const text = [
      'event: tool_approval\ndata: {"tool_call_id":"c1","decision":"allow"}\n\n',
      'event: tool_approval\ndata: {"decision":"allow"}\n\n',
    ].join("");
    const body = new Response(text).body as ReadableStream<Uint8Array>;
    const events: ChatEvent[] = [];
    for await (const event of parseChatEvents(body)) events.push(event);
    expect(events).toEqual([{ event: "tool_approval", data: { tool_call_id: "c1", decision: "allow" } }]);
  });
});
