import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { ToolError } from "@/lib/mcp/builtin/tool-error";
import { BOCHA_FAKE_KEY, startBochaFake } from "@/lib/testing/web-fakes/bocha-fake";
import { BRAVE_FAKE_KEY, startBraveFake } from "@/lib/testing/web-fakes/brave-fake";
import type { FakeService } from "@/lib/testing/web-fakes/fake-service";
import { SAMPLE_PAGES } from "@/lib/testing/web-fakes/sample-pages";
import { startTavilyFake, TAVILY_FAKE_KEY } from "@/lib/testing/web-fakes/tavily-fake";
import { createBackend } from "../create-backend";
import { loadWebSearchConfig } from "../web-search-config";

// Each keyed service against its local fake (lib/testing/web-fakes), configured the way an
// operator would, with only the base URL pointed at the fake.

const cases = [
  { name: "bocha", start: startBochaFake, key: BOCHA_FAKE_KEY, variable: "BOCHA_API_KEY" },
  { name: "tavily", start: startTavilyFake, key: TAVILY_FAKE_KEY, variable: "TAVILY_API_KEY" },
  { name: "brave", start: startBraveFake, key: BRAVE_FAKE_KEY, variable: "BRAVE_API_KEY" },
] as const;

const signal = new AbortController().signal;

async function failure(promise: Promise<unknown>): Promise<ToolError> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  if (!(error instanceof ToolError)) throw new Error(`expected a ToolError, got ${String(error)}`);
  return error;
}

describe.each(cases)("the $name backend", ({ name, start, key, variable }) => {
  let fake: FakeService;
  beforeAll(async () => {
    fake = await start();
  });
  afterAll(() => fake.close());
  afterEach(() => {
    fake.fault = undefined;
  });

  const backend = (apiKey: string = key, timeoutMs = 2_000) => {
    const env = { [variable]: apiKey, [`${name.toUpperCase()}_BASE_URL`]: `${fake.url}/` };
    const spec = loadWebSearchConfig(env).backend;
    if (spec?.name !== name) throw new Error(`${variable} did not pick ${name}`);
    return createBackend(spec, { timeoutMs });
  };

  it("returns title, URL, a plain-text snippet and the date, no more than asked", async () => {
    const hits = await backend().search({ query: "deepseek v4", count: 2, signal });
    expect(hits).toHaveLength(2);
    const [first] = hits;
    const page = SAMPLE_PAGES[0];
    expect(first?.title).toBe(page?.title);
    expect(first?.url).toBe(page?.url);
    expect(first?.snippet).toContain(page?.snippet.replace("<strong>", ""));
    expect(first?.snippet).not.toMatch(/<strong>/);
    if (name !== "tavily") expect(first?.published).toMatch(/^2026-07-24T/);
    expect(fake.requests.at(-1)?.body + JSON.stringify(fake.requests.at(-1)?.url.search)).toContain(
      "deepseek",
    );
  });

  it("names the variable to check when the key is refused", async () => {
    const error = await failure(backend("wrong-key").search({ query: "q", count: 3, signal }));
    expect(error.message).toContain(variable);
  });

  it.each([
    ["rate_limited", /HTTP 429/],
    ["bad_json", /not JSON/],
    ["bad_shape", /unexpected shape|could not search/],
  ] as const)("turns %s into a sentence", async (fault, message) => {
    fake.fault = fault;
    const error = await failure(backend().search({ query: "q", count: 3, signal }));
    expect(error.message).toMatch(message);
  });

  it("gives up after its time limit", async () => {
    fake.fault = "slow";
    const error = await failure(backend(key, 120).search({ query: "q", count: 3, signal }));
    expect(error.message).toMatch(/did not answer within 0.12 s/);
  });
});

describe("bocha", () => {
  it("reads a failure Bocha reports inside an HTTP 200", async () => {
    const { startFakeService } = await import("@/lib/testing/web-fakes/fake-service");
    const fake = await startFakeService(() => ({
      status: 200,
      body: JSON.stringify({ code: 500, log_id: "x", msg: "server busy", data: null }),
    }));
    try {
      const backend = createBackend({ name: "bocha", baseUrl: fake.url, apiKey: "k" }, { timeoutMs: 2_000 });
      const error = await failure(backend.search({ query: "q", count: 3, signal }));
      expect(error.message).toBe("Bocha could not search (code 500: server busy).");
    } finally {
      await fake.close();
    }
  });
});
