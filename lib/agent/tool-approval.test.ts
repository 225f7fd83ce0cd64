import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "@/lib/config";
import type { ToolSet } from "@/lib/mcp/tool-set";
import type { ChatEvent, EventData } from "@/lib/protocol";
import { parseEventData } from "@/lib/protocol";
import { dataOf as data } from "../testing/sse-client";
import { startUpstream, type Upstream } from "../testing/upstream/server";
import type { ApprovalGate, ApprovalOutcome } from "./approval-gate";
import { runAgent } from "./run-agent";

// The loop's side of PROTOCOL.md section 24: an `ask` tool's call waits for the user's decision
// through the gate while the round's other calls run, the decision goes out as tool_approval, the
// time cap stops while it waits, and a cancel ends the wait at once.

let upstream: Upstream;
beforeAll(async () => {
  upstream = await startUpstream();
});
afterAll(() => upstream.close());

/** Two tools: send_mail asks first, echo runs at once. */
function toolSet(calls: string[]): ToolSet {
  return {
    tools: [
      {
        name: "send_mail",
        description: "Sends mail",
        parameters: { type: "object" },
        server: "mail",
        policy: "ask",
      },
      { name: "echo", description: "Echoes", parameters: { type: "object" }, server: "util", policy: "auto" },
    ],
    async call(name) {
      calls.push(name);
      return { result: `${name} ran` };
    },
  };
}

/** A gate whose decisions the test gives; `waits` records how long each call was given. */
class TestGate implements ApprovalGate {
  readonly opened: string[] = [];
  readonly waits: number[] = [];
  readonly #decisions = new Map<string, (outcome: ApprovalOutcome) => void>();

  async open(toolCallId: string): Promise<void> {
    this.opened.push(toolCallId);
  }

  wait(toolCallId: string, timeoutMs: number, signal: AbortSignal): Promise<ApprovalOutcome | undefined> {
    this.waits.push(timeoutMs);
    return new Promise((resolve) => {
      this.#decisions.set(toolCallId, resolve);
      signal.addEventListener("abort", () => resolve(undefined), { once: true });
    });
  }

  decide(toolCallId: string, outcome: ApprovalOutcome): void {
    this.#decisions.get(toolCallId)?.(outcome);
  }
}

const ROUNDS = [
  [
    { name: "send_mail", arguments: { to: "boss@example.com" } },
    { name: "echo", arguments: { text: "hi" } },
  ],
];

interface Options {
  gate?: TestGate;
  rounds?: typeof ROUNDS;
  answerTimeoutMs?: number;
  onAlwaysAllow?: (name: string) => void;
  /** Called with each event as it comes; may decide or cancel. */
  onEvent?: (event: ChatEvent, abort: AbortController) => void;
}

async function run(options: Options) {
  const nonce = `#${Math.random().toString(36).slice(2)}`;
  const prompt = `[[scenario:${JSON.stringify({ name: "tools", rounds: options.rounds ?? ROUNDS })}]] ${nonce}`;
  const calls: string[] = [];
  const abort = new AbortController();
  const events: ChatEvent[] = [];
  for await (const event of runAgent(
    {
      messages: [{ role: "user", content: prompt }],
      thinking: false,
      model: "deepseek-flash",
      signal: abort.signal,
      endOnAbort: true,
      approvals: options.gate,
      ...(options.onAlwaysAllow ? { onAlwaysAllow: (tool) => options.onAlwaysAllow?.(tool.name) } : {}),
    },
    {
      config: {
        ...loadConfig({}),
        apiKey: "sk-test",
        baseURL: upstream.url,
        answerTimeoutMs: options.answerTimeoutMs ?? 30_000,
        approvalTimeoutMs: 7_000,
      },
      tools: async () => toolSet(calls),
    },
  )) {
    parseEventData(event.event, event.data);
    events.push(event);
    options.onEvent?.(event, abort);
  }
  const requests = upstream.requests.filter((r) => JSON.stringify(r.body).includes(nonce));
  return { events, calls, requests };
}

const mailCall = (events: ChatEvent[]) => data(events, "tool_call").find((call) => call.name === "send_mail");
const resultOf = (events: ChatEvent[], id: string | undefined) =>
  data(events, "tool_result").find((result) => result.tool_call_id === id);
const end = (events: ChatEvent[]) => events.at(-1)?.data as EventData["end"];

/** Decides send_mail's call once echo's result has come: the wait holds only that one call. */
function decideAfterEcho(gate: TestGate, outcome: ApprovalOutcome) {
  return (event: ChatEvent) => {
    if (event.event !== "tool_result") return;
    const echoed = JSON.stringify(event.data).includes("echo ran");
    if (echoed) setImmediate(() => gate.decide(gate.opened[0] ?? "", outcome));
  };
}

describe("an ask tool's call in an answer that can wait", () => {
  it("announces approval required, runs the round's other call meanwhile, and runs the tool once allowed", async () => {
    const gate = new TestGate();
    const always: string[] = [];
    const { events, calls } = await run({
      gate,
      onEvent: decideAfterEcho(gate, { decision: "allow", always: true }),
      onAlwaysAllow: (name) => always.push(name),
    });
    const mail = mailCall(events);
    expect(mail?.approval).toBe("required");
    expect(data(events, "tool_call").find((call) => call.name === "echo")).not.toHaveProperty("approval");
    expect(gate.opened).toEqual([mail?.id]);
    expect(gate.waits).toEqual([7_000]);
    const order = events.flatMap((event) =>
      event.event === "tool_result" || event.event === "tool_approval" ? [event.event] : [],
    );
    expect(order).toEqual(["tool_result", "tool_approval", "tool_result"]);
    expect(data(events, "tool_approval")).toEqual([{ tool_call_id: mail?.id, decision: "allow" }]);
    expect(resultOf(events, mail?.id)).toEqual({ tool_call_id: mail?.id, result: "send_mail ran" });
    expect(calls).toEqual(["echo", "send_mail"]);
    expect(always).toEqual(["send_mail"]);
    expect(end(events).finish_reason).toBe("stop");
  });

  it("asks no more for a tool allowed with Always allow in the rest of the answer", async () => {
    const gate = new TestGate();
    const always: string[] = [];
    const mail = { name: "send_mail", arguments: { to: "boss@example.com" } };
    const { events, calls } = await run({
      gate,
      rounds: [[mail], [mail]],
      onEvent: (event) => {
        if (event.event === "tool_call" && event.data.approval === "required") {
          setImmediate(() => gate.decide(event.data.id, { decision: "allow", always: true }));
        }
      },
      onAlwaysAllow: (name) => always.push(name),
    });
    const mails = data(events, "tool_call").filter((call) => call.name === "send_mail");
    expect(mails.map((call) => call.approval)).toEqual(["required", undefined]);
    expect(gate.opened).toEqual([mails[0]?.id]);
    expect(calls).toEqual(["send_mail", "send_mail"]);
    expect(always).toEqual(["send_mail"]);
    expect(end(events).finish_reason).toBe("stop");
  });

  for (const decision of ["deny", "timeout"] as const) {
    it(`gives the model a declined error on ${decision}, never runs the tool, and answers`, async () => {
      const gate = new TestGate();
      const { events, calls, requests } = await run({ gate, onEvent: decideAfterEcho(gate, { decision }) });
      const mail = mailCall(events);
      expect(data(events, "tool_approval")).toEqual([{ tool_call_id: mail?.id, decision }]);
      const result = resultOf(events, mail?.id);
      expect(result).toHaveProperty("error");
      expect(JSON.stringify(result)).toMatch(/declin/);
      expect(calls).toEqual(["echo"]);
      const second = requests[1]?.body as { messages: { tool_call_id?: string; content: string }[] };
      expect(second.messages.find((message) => message.tool_call_id === mail?.id)?.content).toMatch(/declin/);
      expect(end(events).finish_reason).toBe("stop");
    });
  }

  it("pauses the answer's time cap while it waits", async () => {
    const gate = new TestGate();
    const started = performance.now();
    const { events, calls } = await run({
      gate,
      answerTimeoutMs: 1_000,
      // Decided after the cap would have passed, were it running.
      onEvent: (event) => {
        if (event.event === "tool_call" && event.data.approval) {
          const id = event.data.id;
          setTimeout(() => gate.decide(id, { decision: "allow" }), 1_500);
        }
      },
    });
    expect(performance.now() - started).toBeGreaterThan(1_400);
    expect(calls).toContain("send_mail");
    expect(end(events).finish_reason).toBe("stop");
  });

  it("ends cancelled at once when stopped while it waits, the waiting call answered as unrun", async () => {
    const gate = new TestGate();
    const { events, calls } = await run({
      gate,
      onEvent: (event, abort) => {
        if (event.event === "tool_result") setImmediate(() => abort.abort());
      },
    });
    const mail = mailCall(events);
    expect(data(events, "tool_approval")).toEqual([]);
    expect(resultOf(events, mail?.id)).toMatchObject({ error: expect.stringMatching(/stopped/) });
    expect(calls).toEqual(["echo"]);
    expect(end(events).finish_reason).toBe("cancelled");
  });

  it("asks nothing without a gate: the call is declined at once", async () => {
    const { events, calls } = await run({});
    expect(mailCall(events)).not.toHaveProperty("approval");
    expect(data(events, "tool_approval")).toEqual([]);
    expect(JSON.stringify(resultOf(events, mailCall(events)?.id))).toMatch(/cannot ask for it/);
    expect(calls).toEqual(["echo"]);
  });
});
