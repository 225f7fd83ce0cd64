import { afterEach, describe, expect, it, vi } from "vitest";
import { loadConfig } from "@/lib/config";
import type { ToolSet } from "@/lib/mcp/tool-set";
import type { ChatEvent } from "@/lib/protocol";
import type { Provider, RoundDelta, RoundRequest } from "./provider";
import { runAgent } from "./run-agent";
import { toolCallEventData, toToolCall } from "./tool-call";

// A call's arguments are parsed once per call, and that one parse is what the `tool_call` event
// shows, what the tool receives and what goes back to the model.

afterEach(() => {
  vi.restoreAllMocks();
});

/** A model that calls `lookup` once with these arguments, then answers. */
function scripted(argumentsText: string) {
  const requests: RoundRequest[] = [];
  const call = { index: 0, id: "call_1", name: "lookup", argumentsText };
  const rounds: RoundDelta[][] = [
    [
      { type: "first_chunk" },
      { type: "tool_call", call },
      { type: "finish", finishReason: "tool_calls", toolCalls: [call], usage: undefined },
    ],
    [
      { type: "text", text: "done" },
      { type: "finish", finishReason: "stop", toolCalls: [], usage: undefined },
    ],
  ];
  const provider: Provider = {
    async *streamRound(request) {
      // The messages grow after the round, so keep them as they were sent.
      requests.push({ ...request, messages: structuredClone(request.messages) });
      yield* rounds[requests.length - 1] ?? [];
    },
  };
  return { provider, requests };
}

function recordingTools() {
  const received: Record<string, unknown>[] = [];
  const toolSet: ToolSet = {
    tools: [
      { name: "lookup", description: "d", parameters: { type: "object" }, server: "test", policy: "auto" },
    ],
    async call(_name, args) {
      received.push(args);
      return { result: "found" };
    },
  };
  return { toolSet, received };
}

async function answer(provider: Provider, toolSet: ToolSet): Promise<ChatEvent[]> {
  const events: ChatEvent[] = [];
  for await (const event of runAgent(
    {
      messages: [{ role: "user", content: "look it up" }],
      thinking: false,
      model: "m",
      signal: new AbortController().signal,
    },
    { config: { ...loadConfig({}), apiKey: "sk-test" }, tools: async () => toolSet, provider },
  )) {
    events.push(event);
  }
  return events;
}

const sentBack = (requests: RoundRequest[]) =>
  requests[1]?.messages.flatMap((m) => (m.role === "assistant" ? (m.tool_calls ?? []) : []));

describe("a tool call's arguments", () => {
  it("are parsed once, and the event, the tool and the transcript share that parse", async () => {
    const text = '{"code": "600519"}';
    const parse = vi.spyOn(JSON, "parse");
    const { provider, requests } = scripted(text);
    const { toolSet, received } = recordingTools();
    const events = await answer(provider, toolSet);
    expect(parse.mock.calls.filter(([input]) => input === text)).toHaveLength(1);
    const announced = events.find((e) => e.event === "tool_call");
    expect(announced?.data).toEqual({
      id: "call_1",
      type: "mcp",
      name: "lookup",
      arguments: { code: "600519" },
      server: "test",
    });
    expect(received).toHaveLength(1);
    expect(received[0]).toBe(announced?.event === "tool_call" ? announced.data.arguments : undefined);
    expect(sentBack(requests)).toEqual([
      { id: "call_1", type: "function", function: { name: "lookup", arguments: '{"code":"600519"}' } },
    ]);
  });

  it("that are not a JSON object reach no tool and go back to the model as written", async () => {
    const text = '{"code": "600519"';
    const { provider, requests } = scripted(text);
    const { toolSet, received } = recordingTools();
    const events = await answer(provider, toolSet);
    expect(events.find((e) => e.event === "tool_call")?.data).toMatchObject({
      arguments: {},
      raw_arguments: text,
    });
    expect(events.find((e) => e.event === "tool_result")?.data).toEqual({
      tool_call_id: "call_1",
      error: expect.stringMatching(/^The tool was not called: the arguments are not valid JSON/),
    });
    expect(received).toEqual([]);
    expect(sentBack(requests)).toEqual([
      { id: "call_1", type: "function", function: { name: "lookup", arguments: text } },
    ]);
  });
});

describe("toolCallEventData", () => {
  it("puts the server before the raw arguments, as the wire always had them", () => {
    const call = toToolCall({ index: 0, id: "c", name: "n", argumentsText: "[1]" });
    expect(Object.keys(toolCallEventData(call, "builtin"))).toEqual([
      "id",
      "type",
      "name",
      "arguments",
      "server",
      "raw_arguments",
    ]);
    expect(toolCallEventData(call)).not.toHaveProperty("server");
  });
});
