import { describe, expect, inject, it } from "vitest";
import { dataOf, nonce, readSse, shape, upstreamRequests } from "../../lib/testing/sse-client";

// Every fault the scripted upstream can play, through the built app: each ends the stream with
// the right error code (or recovers), never leaks the key, and the next request still works.

const app = inject("appUrl");
const upstream = inject("upstreamUrl");

function post(prompt: string, extra: Record<string, unknown> = {}) {
  return fetch(`${app}/api/chat`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ prompt, ...extra }),
  });
}

async function stillAnswers() {
  const { events } = await readSse(await post(`still there? ${nonce()}`));
  expect(events.at(-1)).toMatchObject({ event: "end", data: { finish_reason: "stop" } });
}

const failures: { scenario: string; code: string; attempts: number }[] = [
  { scenario: "401", code: "invalid_api_key", attempts: 1 },
  { scenario: "402", code: "insufficient_balance", attempts: 1 },
  { scenario: '{"name":"status","status":429,"times":5,"retryAfter":0}', code: "rate_limited", attempts: 2 },
  { scenario: "500", code: "provider_error", attempts: 2 },
  { scenario: "503", code: "provider_overloaded", attempts: 2 },
  { scenario: "reset", code: "provider_unreachable", attempts: 1 },
  { scenario: "stall", code: "provider_timeout", attempts: 1 },
  { scenario: "no-finish", code: "provider_incomplete", attempts: 1 },
  { scenario: "overloaded", code: "provider_overloaded", attempts: 1 },
];

describe("provider faults through the built app", () => {
  it.each(failures)(
    "$scenario → error $code after $attempts attempt(s)",
    async ({ scenario, code, attempts }) => {
      const marker = nonce();
      const { raw, events } = await readSse(await post(`[[scenario:${scenario}]] ${marker}`));
      expect(events[0]?.event).toBe("start");
      expect(events.at(-2)).toMatchObject({ event: "error", data: { finish_reason: "error", code } });
      expect(events.at(-1)).toMatchObject({ event: "end", data: { finish_reason: "error" } });
      expect(raw).not.toContain("sk-test");
      expect(await upstreamRequests(upstream, marker)).toHaveLength(attempts);
      await stillAnswers();
    },
  );

  it("recovers from a 429 by retrying", async () => {
    const marker = nonce();
    const { events } = await readSse(await post(`[[scenario:429]] ${marker}`));
    expect(events.at(-1)).toMatchObject({ event: "end", data: { finish_reason: "stop" } });
    expect((await upstreamRequests(upstream, marker)).map((r) => r.status)).toEqual([429, 200]);
  });

  it("ignores keep-alive comments while the provider queues the request", async () => {
    const { events } = await readSse(await post(`[[scenario:keepalive]] ${nonce()}`));
    expect(shape(events)).toEqual(["start", "reasoning", "message", "end"]);
  });

  it("turns arguments that are not JSON into a tool error and carries on", async () => {
    const { events } = await readSse(await post(`[[scenario:bad-args]] ${nonce()}`));
    expect(dataOf(events, "tool_call")[0]).toMatchObject({
      arguments: {},
      raw_arguments: '{"code": "600519"',
    });
    expect(dataOf(events, "tool_result")[0]).toMatchObject({
      error: expect.stringMatching(/not valid JSON/),
    });
    expect(events.at(-1)).toMatchObject({ event: "end", data: { finish_reason: "stop" } });
  });

  it("stops a model that calls tools for ever at MAX_TOOL_ROUNDS", async () => {
    const { events } = await readSse(await post(`[[scenario:endless]] ${nonce()}`));
    expect(events.at(-2)).toMatchObject({
      event: "error",
      data: { finish_reason: "length", code: "tool_rounds_exceeded" },
    });
    await stillAnswers();
  });

  it("answers stream: false failures with the matching status", async () => {
    const cases: [string, number, string][] = [
      ["402", 502, "insufficient_balance"],
      ["stall", 504, "provider_timeout"],
      ["reset", 502, "provider_unreachable"],
    ];
    for (const [scenario, status, code] of cases) {
      const response = await post(`[[scenario:${scenario}]] ${nonce()}`, { stream: false });
      expect(response.status).toBe(status);
      expect(((await response.json()) as { error: { code: string } }).error.code).toBe(code);
    }
  });
});
