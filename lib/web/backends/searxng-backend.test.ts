import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { ToolError } from "@/lib/mcp/builtin/tool-error";
import { type FakeService, startFakeService } from "@/lib/testing/web-fakes/fake-service";
import { startSearxngFake } from "@/lib/testing/web-fakes/searxng-fake";
import { searxngBackend } from "./searxng-backend";

let fake: FakeService;
const signal = new AbortController().signal;

beforeAll(async () => {
  fake = await startSearxngFake();
});
afterAll(() => fake.close());
afterEach(() => {
  fake.fault = undefined;
});

const backend = (timeoutMs = 2_000) => searxngBackend(fake.url, { timeoutMs });

async function failure(promise: Promise<unknown>): Promise<ToolError> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  if (!(error instanceof ToolError)) throw new Error(`expected a ToolError, got ${String(error)}`);
  return error;
}

describe("searxngBackend", () => {
  it("asks /search with format=json and reads title, URL, content and publishedDate", async () => {
    const hits = await backend().search({ query: "deepseek v4", count: 2, signal });
    const asked = fake.requests.at(-1);
    expect(asked?.url.pathname).toBe("/search");
    expect(asked?.url.searchParams.get("q")).toBe("deepseek v4");
    expect(asked?.url.searchParams.get("format")).toBe("json");
    expect(hits).toEqual([
      {
        title: "DeepSeek releases V4 with a 1M-token context",
        url: "https://news.example.com/deepseek-v4",
        snippet:
          "DeepSeek announced V4 on Thursday, with a one-million-token context window and lower prices.",
        published: "2026-07-24T08:00:00",
      },
      expect.objectContaining({ url: "https://hub.example.org/deepseek-ai/DeepSeek-V4" }),
    ]);
  });

  it("says how to enable the JSON format when the instance answers 403", async () => {
    const forbidding = await startFakeService(() => ({ status: 403, body: "Forbidden", type: "text/html" }));
    try {
      const error = await failure(
        searxngBackend(forbidding.url, { timeoutMs: 2_000 }).search({ query: "x", count: 5, signal }),
      );
      expect(error.message).toMatch(/search\.formats in SearXNG's settings\.yml/);
    } finally {
      await forbidding.close();
    }
  });

  it.each([
    ["rate_limited", /limiting how often .*HTTP 429/],
    ["bad_json", /not JSON/],
    ["bad_shape", /unexpected shape \(results\)/],
    ["unauthorized", /HTTP 401/],
  ] as const)("turns %s into a sentence the model can read", async (fault, message) => {
    fake.fault = fault;
    const error = await failure(backend().search({ query: "x", count: 5, signal }));
    expect(error.message).toMatch(message);
  });

  it("gives up after its time limit, saying so", async () => {
    fake.fault = "slow";
    const error = await failure(backend(150).search({ query: "x", count: 5, signal }));
    expect(error.message).toMatch(/did not answer within 0.15 s/);
  });

  it("passes the caller's abort on as an abort, not a tool error", async () => {
    fake.fault = "slow";
    const controller = new AbortController();
    const search = backend(5_000).search({ query: "x", count: 5, signal: controller.signal });
    controller.abort();
    await expect(search).rejects.toSatisfy((error) => !(error instanceof ToolError));
  });
});
