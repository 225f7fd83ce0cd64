import { describe, expect, it } from "vitest";
import { parseChatRequest } from "./request";

// `tools_off` of a chat request (PROTOCOL.md section 25): kept as sent, refused with the field named.

describe("tools_off in a chat request", () => {
  it("is carried to the request, with or without a conversation", () => {
    const off = [{ server: "everything" }, { server: "everything", tool: "echo" }];
    const plain = parseChatRequest({ prompt: "hi", tools_off: off });
    expect(plain.ok && plain.request.tools_off).toEqual(off);
    const none = parseChatRequest({ prompt: "hi" });
    expect(none.ok && "tools_off" in none.request).toBe(false);
    const stored = parseChatRequest({
      conversation: { id: "c", parent_id: null, message: { id: "q", content: "hi" }, answer_id: "a" },
      tools_off: [],
    });
    expect(stored.ok && stored.request.tools_off).toEqual([]);
  });

  it("refuses anything but a list of servers and tools, naming the field", () => {
    const field = (tools_off: unknown) => {
      const parsed = parseChatRequest({ prompt: "hi", tools_off });
      return parsed.ok ? "ok" : parsed.field;
    };
    expect(field({ server: "s" })).toBe("tools_off");
    expect(field([{ tool: "t" }])).toBe("tools_off[0].server");
    expect(field([{ server: "s", tool: "" }])).toBe("tools_off[0].tool");
    expect(field([{ server: "s", colour: "red" }])).toBe("tools_off[0]");
    expect(field(Array.from({ length: 501 }, () => ({ server: "s" })))).toBe("tools_off");
  });
});
